-- A repeat of an alert group linked to a triage card. A card of its own is returned as it is (the caller
-- updates it); a group on a storm's digest is kept with its latest alerts here, in the same step, unless
-- its card was decided meanwhile (in a storm, many alerts of one group come at once: no card rewrite).
-- KEYS: the triage card (JSON); its latest alerts (list, newest first)
-- ARGV: the alert (JSON), how many alerts to keep, the time to live (ms), and the ISO time before which
--       an "opening" card counts as abandoned
-- Returns {'added', digest id, n}; {'card', json} for a card of its own or a decided one (the caller
-- decides, as for any card); {} when there is no card.
local raw = redis.call('GET', KEYS[1])
if not raw then return {} end
local card = cjson.decode(raw)
if type(card.digest) ~= 'table' then return {'card', raw} end
local abandoned = card.status == 'opening' and type(card.opening) == 'table'
  and tostring(card.opening.at) < ARGV[4]
if card.status ~= 'pending' and not abandoned then return {'card', raw} end
redis.call('LPUSH', KEYS[2], ARGV[1])
redis.call('LTRIM', KEYS[2], 0, tonumber(ARGV[2]) - 1)
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return {'added', tostring(card.digest.id), tostring(card.digest.n)}
