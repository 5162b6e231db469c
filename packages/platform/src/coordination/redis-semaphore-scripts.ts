import { createHash } from 'node:crypto';

/**
 * Semaphore scripts: one sorted set per name, member = holder, score = lease expiry in epoch ms of
 * the Redis server clock (TIME), so workers with skewed clocks still agree on expiry. Each script
 * runs atomically, so "purge expired, check count, add" cannot interleave across clients.
 * TIME before writes needs effect replication, the default since Redis 5.
 */
export interface RedisScript {
  lua: string;
  sha: string;
}

const script = (lua: string): RedisScript => ({ lua, sha: createHash('sha1').update(lua).digest('hex') });

const NOW = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
`;

// The key's own TTL follows the longest lease, so an abandoned name disappears by itself.
const KEEP_ALIVE = `
if redis.call('PTTL', KEYS[1]) < leaseMs then redis.call('PEXPIRE', KEYS[1], leaseMs) end
`;

/** KEYS[1] = set; ARGV = holder, limit, leaseMs. Returns expiresAt, or nil when full. */
export const ACQUIRE = script(`${NOW}
local leaseMs = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then
  return false
end
local expiresAt = now + leaseMs
redis.call('ZADD', KEYS[1], expiresAt, ARGV[1])
${KEEP_ALIVE}
return expiresAt
`);

/** KEYS[1] = set; ARGV = holder, leaseMs. Returns 1 when the live lease was extended, else 0. */
export const RENEW = script(`${NOW}
local leaseMs = tonumber(ARGV[2])
local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
if not score or tonumber(score) <= now then
  redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', now + leaseMs, ARGV[1])
${KEEP_ALIVE}
return 1
`);

/** KEYS[1] = set. Returns the number of unexpired leases. */
export const COUNT = script(`${NOW}
return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
`);
