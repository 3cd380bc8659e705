-- Compare-and-set of a JSON record with a time to live (a triage card).
-- KEYS: the record
-- ARGV: the JSON the caller read ('' = must not exist), the new JSON, its time to live (ms)
-- Returns 1 when written, 0 when someone else wrote first.
local current = redis.call('GET', KEYS[1])
if ARGV[1] == '' then
  if current then return 0 end
elseif current ~= ARGV[1] then
  return 0
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
