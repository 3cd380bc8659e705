-- Writes one incident: its state, its place in the list, its room index and new timeline entries, in
-- one step. A compare-and-set instead of WATCH/MULTI: just as atomic, but WATCH state lives on the
-- connection, so it would need a connection per concurrent update.
-- KEYS: incident, incident list, timeline, [room index]  (all in the workspace's slot)
-- ARGV: the JSON the caller read ('' = must not exist yet), the new JSON, seq, timeline entries...
-- Returns 1 when written, 0 when someone else wrote first.
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[3])
if KEYS[4] then redis.call('SET', KEYS[4], ARGV[3]) end
for i = 4, #ARGV do redis.call('XADD', KEYS[3], '*', 'event', ARGV[i]) end
return 1
