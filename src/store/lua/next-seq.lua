-- The seq a request took if it has one, else the workspace's next one, remembered for the request: a
-- request run again after its process died resumes the incident it had begun.
-- KEYS: the workspace's seq counter, request -> seq
-- ARGV: how long the request's seq is remembered (seconds)
local taken = redis.call('GET', KEYS[2])
if taken then return tonumber(taken) end
local seq = redis.call('INCR', KEYS[1])
redis.call('SET', KEYS[2], seq, 'EX', ARGV[1])
return seq
