-- Every alert link key whose value (or '' when absent) is one of the old links gets the new one.
-- KEYS: group and dedup link keys  (all in the workspace's slot)
-- ARGV: the new link ('' = delete the key), its time to live (ms), old links...
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i]) or ''
  for j = 3, #ARGV do
    if v == ARGV[j] then
      if ARGV[1] == '' then redis.call('DEL', KEYS[i]) else redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
      break
    end
  end
end
return 1
