-- Deletes an incident if it is still the JSON the caller read, with its timeline, its entry in the list
-- and its room index (only if that still points at it).
-- KEYS: incident, incident list, timeline, [room index]  (all in the workspace's slot)
-- ARGV: the JSON the caller read, seq
-- Returns 1 when deleted, 0 when it changed since it was read.
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('ZREM', KEYS[2], ARGV[2])
if KEYS[4] and redis.call('GET', KEYS[4]) == ARGV[2] then redis.call('DEL', KEYS[4]) end
return 1
