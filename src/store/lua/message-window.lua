-- A message window of one alert group: at most one chat message per window, the rest held back.
-- KEYS: the start (ms) of the window in force; a hash of the alerts held back since (n) and when the
-- first of them came (first)
-- ARGV: now (ms), window length (ms), mode: 'note' for one alert, 'flush' at a window's end
-- Returns {post (1/0), held, ms left in the window, first held}.
local now, length = tonumber(ARGV[1]), tonumber(ARGV[2])
local held = tonumber(redis.call('HGET', KEYS[2], 'n') or '0')
local first = tonumber(redis.call('HGET', KEYS[2], 'first') or '0')
if ARGV[3] == 'flush' and held == 0 then return {0, 0, 0, 0} end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', length) then
  redis.call('DEL', KEYS[2])
  return {1, held, 0, first}
end
if ARGV[3] == 'note' then
  held = redis.call('HINCRBY', KEYS[2], 'n', 1)
  if held == 1 then
    first = now
    redis.call('HSET', KEYS[2], 'first', ARGV[1])
  end
  redis.call('PEXPIRE', KEYS[2], length * 10)
end
return {0, held, math.max(redis.call('PTTL', KEYS[1]), 0), first}
