-- What an incident's platform targets (its topic, pinned summary, announcement) are known to show, so a
-- write that would change nothing is skipped, whichever process makes it.
-- KEYS: the incident's hash of targets (field = target)
-- ARGV: 'begin', 'force' or 'end', lease (ms), time to live of the hash (s), then per target:
--   begin, force: target, digest of the content about to be written
--   end:   target, digest written, the ticket its begin returned
-- A field holds "shown ticket live until pending":
--   shown    the digest the platform surely shows, '-' when not known;
--   ticket   the generation of the writes under way (it moves on when their leases run out);
--   live     how many writes are under way (begun, not ended);
--   until    when the last of their leases ends (ms, Redis' clock): a write that never ends (its call
--            failed, its process died) stops counting then;
--   pending  the digest every write under way writes, '*' when they differ, '-' when none is.
-- begin returns, per target, 0 to skip (the platform shows that digest, and any write under way writes
-- it too), -1 when another write of the target is under way (nothing begun: wait for it, so the two do
-- not overlap), else a ticket; force begins whatever is under way. end records the digest unless a write of another digest overlapped it (the
-- platform may have applied the two in either order): then the target is not known until a write
-- overlapping no other ends.
local now = redis.call('TIME')
local nowMs = tonumber(now[1]) * 1000 + math.floor(tonumber(now[2]) / 1000)
local op = ARGV[1]
local lease = tonumber(ARGV[2])
local begin = op == 'begin' or op == 'force'
local step = begin and 2 or 3
local out = {}
for i = 4, #ARGV, step do
  local target, digest = ARGV[i], ARGV[i + 1]
  local shown, ticket, live, untilMs, pending = '-', 1, 0, 0, '-'
  local raw = redis.call('HGET', KEYS[1], target)
  if raw then
    local s, t, l, u, p = string.match(raw, '^(%S+) (%d+) (%d+) (%d+) (%S+)$')
    if s then shown, ticket, live, untilMs, pending = s, tonumber(t), tonumber(l), tonumber(u), p end
  end
  if live > 0 and untilMs < nowMs then
    -- Writes whose leases ran out: what they did is not known, and their tickets no longer count.
    shown, ticket, live, pending = '-', ticket + 1, 0, '-'
  end
  if begin then
    if shown == digest and (live == 0 or pending == digest) then
      out[#out + 1] = 0
    elseif live > 0 and op == 'begin' then
      out[#out + 1] = -1
    else
      if live == 0 then pending = digest elseif pending ~= digest then pending = '*' end
      shown = '-'
      live = live + 1
      untilMs = math.max(untilMs, nowMs + lease)
      out[#out + 1] = ticket
    end
  elseif tonumber(ARGV[i + 2]) == ticket and live > 0 then
    if pending == digest then shown = digest end
    live = live - 1
    if live == 0 then pending = '-' end
  end
  redis.call('HSET', KEYS[1], target, string.format('%s %d %d %d %s', shown, ticket, live, untilMs, pending))
end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return out
