"""The atomic steps of a shared run, as Lua scripts Redis runs whole (no other client's
command comes between two of a script's). KEYS[1] is the run's key prefix; store.py names
the keys below it and calls these.

An item (a URL waiting for a visit) is one string: "render TAB seq TAB page-key TAB json".
A worker's items go from `queue` to `taken:W` (being visited) to `held:W` (visited); a worker
whose `alive:W` key ran out before it finished gives all of them back to `queue`.
"""

from __future__ import annotations

JOIN = """
local p = KEYS[1]
local w, site, fingerprint, settings, config, version, lease_ms, now =
  ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local meta = p .. 'meta'
if redis.call('EXISTS', meta) == 0 then
  redis.call('HSET', meta, 'site', site, 'fingerprint', fingerprint, 'settings', settings,
    'config', config, 'version', version, 'state', 'running', 'seeder', w, 'created', now)
else
  local state = redis.call('HGET', meta, 'state')
  if state == 'collected' then return {'collected', redis.call('HGET', meta, 'collected') or ''} end
  if redis.call('HGET', meta, 'site') ~= site then
    return {'other-site', redis.call('HGET', meta, 'site')}
  end
  if redis.call('HGET', meta, 'version') ~= version then
    return {'other-version', redis.call('HGET', meta, 'version')}
  end
  if redis.call('HGET', meta, 'fingerprint') ~= fingerprint then
    return {'other-settings', redis.call('HGET', meta, 'settings')}
  end
end
redis.call('HSET', p .. 'workers', w, 'working')
redis.call('SET', p .. 'alive:' .. w, '1', 'PX', lease_ms)
return {'joined', redis.call('HGET', meta, 'seeder')}
"""

SEEDER = """
local p, w = KEYS[1], ARGV[1]
local meta = p .. 'meta'
if redis.call('HGET', meta, 'state') == 'failed' then
  return {'failed', redis.call('HGET', meta, 'reason') or ''}
end
if redis.call('HGET', meta, 'seeded') == '1' then return {'seeded'} end
local seeder = redis.call('HGET', meta, 'seeder')
if seeder == w then return {'me'} end
if redis.call('EXISTS', p .. 'alive:' .. seeder) == 0 then
  redis.call('HSET', meta, 'seeder', w)
  return {'me'}
end
return {'wait'}
"""

OFFER = """
local p, w = KEYS[1], ARGV[1]
local max_pages, max_unrendered, max_variants =
  tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local out = {}
local i = 5
while i <= #ARGV do
  local key, body, variant, mine = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  i = i + 4
  local verdict
  if redis.call('SISMEMBER', p .. 'seen', key) == 1 then
    verdict = 'seen'
  elseif mine ~= '1' and variant ~= ''
      and tonumber(redis.call('HGET', p .. 'variants', variant) or '0') >= max_variants then
    verdict = 'query-variants'
  else
    local render
    if mine == '1' or tonumber(redis.call('GET', p .. 'accepted') or '0') < max_pages then
      render = '1'
      redis.call('INCR', p .. 'accepted')
    elseif tonumber(redis.call('GET', p .. 'unrendered') or '0') < max_unrendered then
      render = '0'
      redis.call('INCR', p .. 'unrendered')
    end
    if render == nil then
      verdict = 'max-pages'
    else
      redis.call('SADD', p .. 'seen', key)
      if variant ~= '' then redis.call('HINCRBY', p .. 'variants', variant, 1) end
      local seq = redis.call('INCR', p .. 'seq')
      local item = render .. '\\t' .. seq .. '\\t' .. key .. '\\t' .. body
      if mine == '1' then
        redis.call('SADD', p .. 'taken:' .. w, item)
        redis.call('INCR', p .. 'inflight')
      else
        redis.call('RPUSH', p .. 'queue', item)
      end
      verdict = 'queued\\t' .. item
    end
  end
  if verdict == 'max-pages' or verdict == 'query-variants' then
    redis.call('HSETNX', p .. 'refused', key, verdict .. '\\t' .. body)
  end
  out[#out + 1] = verdict
end
return out
"""

TAKE = """
local p, w, n = KEYS[1], ARGV[1], tonumber(ARGV[2])
local out = {}
while #out < n do
  local item = redis.call('LPOP', p .. 'queue')
  if not item then break end
  local key = string.match(item, '^[^\\t]*\\t[^\\t]*\\t([^\\t]*)')
  -- A page a redirect already landed on was visited: passed over, as the local frontier does.
  if redis.call('HEXISTS', p .. 'claimed', key) == 0 then
    redis.call('SADD', p .. 'taken:' .. w, item)
    redis.call('INCR', p .. 'inflight')
    out[#out + 1] = item
  end
end
return out
"""

VISITED = """
local p, w, item = KEYS[1], ARGV[1], ARGV[2]
if redis.call('SREM', p .. 'taken:' .. w, item) == 1 then
  redis.call('SADD', p .. 'held:' .. w, item)
  redis.call('DECR', p .. 'inflight')
end
return 1
"""

CLAIM = """
local p, w, key = KEYS[1], ARGV[1], ARGV[2]
redis.call('SADD', p .. 'seen', key)
if redis.call('HSETNX', p .. 'claimed', key, w) == 1 then
  redis.call('SADD', p .. 'claims:' .. w, key)
  return 1
end
return 0
"""

# Worker w's items taken and not yet visited, back to the queue for the others (spliced into
# RECLAIM, for a worker lost, and FINISH, for one whose time ran out).
_GIVE_BACK_TAKEN = """
local function give_back_taken(p, w)
  for _, item in ipairs(redis.call('SMEMBERS', p .. 'taken:' .. w)) do
    redis.call('LPUSH', p .. 'queue', item)
    redis.call('DECR', p .. 'inflight')
  end
end
"""

RECLAIM = (
    _GIVE_BACK_TAKEN
    + """
local p = KEYS[1]
local lost = {}
local workers = redis.call('HGETALL', p .. 'workers')
for i = 1, #workers, 2 do
  local w, state = workers[i], workers[i + 1]
  if state == 'working' and redis.call('EXISTS', p .. 'alive:' .. w) == 0 then
    give_back_taken(p, w)
    for _, item in ipairs(redis.call('SMEMBERS', p .. 'held:' .. w)) do
      redis.call('LPUSH', p .. 'queue', item)
    end
    for _, key in ipairs(redis.call('SMEMBERS', p .. 'claims:' .. w)) do
      redis.call('HDEL', p .. 'claimed', key)
    end
    redis.call('DEL', p .. 'taken:' .. w, p .. 'held:' .. w, p .. 'claims:' .. w)
    redis.call('HSET', p .. 'workers', w, 'lost')
    lost[#lost + 1] = w
  end
end
return lost
"""
)

FINISH = (
    _GIVE_BACK_TAKEN
    + """
local p, w, state = KEYS[1], ARGV[1], ARGV[2]
if redis.call('HGET', p .. 'workers', w) ~= 'working' then return 0 end
-- Taken but never visited (the worker's time ran out): back to the queue for others.
give_back_taken(p, w)
redis.call('DEL', p .. 'taken:' .. w)
redis.call('SET', p .. 'state:' .. w, state)
redis.call('HSET', p .. 'workers', w, 'finished')
redis.call('DEL', p .. 'alive:' .. w)
return 1
"""
)

RATE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local next_at = tonumber(redis.call('GET', KEYS[1] .. 'rate-next') or '0')
if next_at < now then next_at = now end
redis.call('SET', KEYS[1] .. 'rate-next', tostring(next_at + tonumber(ARGV[1])))
return tostring(next_at - now)
"""
