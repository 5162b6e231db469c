import { createHash, randomUUID } from 'node:crypto';
import type { Semaphore } from '@medicdraft/platform';

export interface ThrottleLimits {
  maxPerAccount: number;
  maxPerAddress: number;
  windowMs: number;
}

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Login throttling on the Coordination semaphore, shared by every gateway instance: each failed
 * attempt takes a lease (unique holder) that lives `windowMs`, so the live lease count is the
 * number of failures in a sliding window — atomic on Redis, exact across instances. An account
 * (tenant + e-mail) or an address at its limit is locked until its oldest failure ages out.
 * Keys are digests: neither e-mails nor addresses are written to the store in clear.
 */
export function createLoginThrottle(deps: { semaphore: Semaphore; limits: ThrottleLimits }) {
  const { semaphore, limits } = deps;
  const accountKey = (tenantId: string, email: string) => `login:acct:${digest(`${tenantId}\n${email}`)}`;
  const addressKey = (address: string) => `login:addr:${digest(address)}`;

  return {
    async isLocked(tenantId: string, email: string, address: string): Promise<boolean> {
      const [acct, addr] = await Promise.all([semaphore.count(accountKey(tenantId, email)), semaphore.count(addressKey(address))]);
      return acct >= limits.maxPerAccount || addr >= limits.maxPerAddress;
    },
    async recordFailure(tenantId: string, email: string, address: string): Promise<void> {
      await Promise.all([
        semaphore.tryAcquire(accountKey(tenantId, email), randomUUID(), limits.maxPerAccount, limits.windowMs),
        semaphore.tryAcquire(addressKey(address), randomUUID(), limits.maxPerAddress, limits.windowMs),
      ]);
    },
  };
}
export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
