-- Claims every alert link key for ARGV[1] unless one holds a live link: a value that is neither ours
-- nor one of the stale ones.
-- KEYS: group and dedup link keys  (all in the workspace's slot)
-- ARGV: the link to set, its time to live (ms), stale links...
-- Returns the live link found, or false when every key was claimed.
for i = 1, #KEYS do
  local v = redis.call('GET', KEYS[i])
  if v and v ~= ARGV[1] then
    local stale = false
    for j = 3, #ARGV do if v == ARGV[j] then stale = true end end
    if not stale then return v end
  end
end
for i = 1, #KEYS do redis.call('SET', KEYS[i], ARGV[1], 'PX', ARGV[2]) end
return false
