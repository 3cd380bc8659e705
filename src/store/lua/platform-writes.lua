-- What an incident's platform targets (its topic, pinned summary, announcement) are known to show, so a
-- write that would change nothing is skipped, whichever process makes it.
-- KEYS: the incident's hash of targets (field = target)
-- ARGV: 'begin' or 'end', lease (ms), time to live of the hash (s), then per target:
--   begin: target, digest of the content about to be written
--   end:   target, digest written, the epoch its begin returned
-- A field holds "shown epoch live until": the digest the platform shows ('-' when not known), the epoch
-- of the last write begun, how many writes are live (begun, not ended), and when the last of their
-- leases ends (ms, Redis' clock; a write that never ends, its process dead, stops counting then).
-- begin returns, per target, 0 to skip (the platform shows that digest and no write is live), else the
-- write's epoch: negative when another write was live, as the platform may then end up showing either.
-- end records the digest only for a write that overlapped no other (positive epoch, none begun since).
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local op = ARGV[1]
local lease = tonumber(ARGV[2])
local step = op == 'begin' and 2 or 3
local out = {}
for i = 4, #ARGV, step do
  local target, digest = ARGV[i], ARGV[i + 1]
  local shown, epoch, live, untilMs = '-', 0, 0, 0
  local raw = redis.call('HGET', KEYS[1], target)
  if raw then
    local s, e, l, u = string.match(raw, '^(%S+) (%-?%d+) (%d+) (%d+)$')
    if s then shown, epoch, live, untilMs = s, tonumber(e), tonumber(l), tonumber(u) end
  end
  if live > 0 and untilMs < nowMs then live = 0 end
  if op == 'begin' then
    if live == 0 and shown == digest then
      out[#out + 1] = 0
    else
      epoch = epoch + 1
      out[#out + 1] = live == 0 and epoch or -epoch
      live = live + 1
      untilMs = math.max(untilMs, nowMs + lease)
      shown = '-'
    end
  else
    local mine = tonumber(ARGV[i + 2])
    if live > 0 then live = live - 1 end
    if mine > 0 and mine == epoch and live == 0 then shown = digest end
  end
  redis.call('HSET', KEYS[1], target, string.format('%s %d %d %d', shown, epoch, live, untilMs))
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return out
