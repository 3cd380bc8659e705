-- The storm rule: counts a new alert group in the current window of new groups; past `threshold` of
-- them, the group goes on the window's one digest card (created by the first group over the rule).
-- KEYS: the window (hash: n, start, digest); the candidate digest's record (hash)
-- ARGV: now (ms), window length (ms), threshold, candidate digest id, digest record TTL (ms),
--       then the digest record's fields and values (written only when the candidate becomes the digest)
-- Returns {n (this group's number in the window), digest id or '', window start (ms)}.
local n = redis.call('HINCRBY', KEYS[1], 'n', 1)
if n == 1 then
  redis.call('HSET', KEYS[1], 'start', ARGV[1])
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
local start = tonumber(redis.call('HGET', KEYS[1], 'start') or ARGV[1])
if n <= tonumber(ARGV[3]) then return {n, '', start} end
local digest = redis.call('HGET', KEYS[1], 'digest')
if not digest then
  digest = ARGV[4]
  redis.call('HSET', KEYS[1], 'digest', digest)
  redis.call('HSET', KEYS[2], 'start', tostring(start), unpack(ARGV, 6))
  redis.call('PEXPIRE', KEYS[2], ARGV[5])
end
return {n, digest, start}
