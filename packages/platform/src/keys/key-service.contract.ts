import { beforeAll, describe, expect, it } from 'vitest';
import type { KeyService } from './key-service.port.js';
import { AppError, TenantBoundaryError, ValidationError } from '../errors.js';

/**
 * Contract of KeyService (see key-service.port.ts), run against every adapter. `create` is called
 * once in a beforeAll, after the adapter test file's own setup (e.g. creating a KMS key).
 */
export function describeKeyServiceContract(label: string, create: () => Promise<KeyService> | KeyService): void {
  describe(`KeyService contract: ${label}`, () => {
    let keys: KeyService;
    beforeAll(async () => {
      keys = await create();
    });

    it('unwraps a data key under the exact context it was generated with, in any key order', async () => {
      const dk = await keys.generateDataKey({ tenantId: 'tenant-a', purpose: 'object' });
      expect(dk.plaintext).toHaveLength(32);
      expect(dk.wrapped.includes(dk.plaintext)).toBe(false);
      expect(dk.keyId.length).toBeGreaterThan(0);
      expect((await keys.decrypt(dk.wrapped, { tenantId: 'tenant-a', purpose: 'object' })).equals(dk.plaintext)).toBe(true);
      expect((await keys.decrypt(dk.wrapped, { purpose: 'object', tenantId: 'tenant-a' })).equals(dk.plaintext)).toBe(true);
    });

    it("rejects another tenant's context, and any added or missing pair, with TenantBoundaryError", async () => {
      const dk = await keys.generateDataKey({ tenantId: 'tenant-a', purpose: 'object' });
      await expect(keys.decrypt(dk.wrapped, { tenantId: 'tenant-b', purpose: 'object' })).rejects.toBeInstanceOf(TenantBoundaryError);
      await expect(keys.decrypt(dk.wrapped, { tenantId: 'tenant-a' })).rejects.toBeInstanceOf(TenantBoundaryError);
      await expect(keys.decrypt(dk.wrapped, { tenantId: 'tenant-a', purpose: 'object', extra: 'x' })).rejects.toBeInstanceOf(
        TenantBoundaryError,
      );
    });

    it('returns a fresh data key and a different wrapped blob on every call', async () => {
      const a = await keys.generateDataKey({ tenantId: 'tenant-a' });
      const b = await keys.generateDataKey({ tenantId: 'tenant-a' });
      expect(a.plaintext.equals(b.plaintext)).toBe(false);
      expect(a.wrapped.equals(b.wrapped)).toBe(false);
    });

    it('refuses a tampered wrapped key', async () => {
      const dk = await keys.generateDataKey({ tenantId: 'tenant-a' });
      for (const index of [dk.wrapped.length - 1, Math.floor(dk.wrapped.length / 2)]) {
        const tampered = Buffer.from(dk.wrapped);
        tampered[index] = (tampered[index] ?? 0) ^ 0x01;
        const outcome = await keys.decrypt(tampered, { tenantId: 'tenant-a' }).then(
          (key) => ({ key }),
          (err: unknown) => ({ err }),
        );
        expect(outcome).not.toHaveProperty('key');
        expect((outcome as { err: unknown }).err).toBeInstanceOf(AppError);
      }
    });

    it('refuses a context without a tenantId', async () => {
      await expect(keys.generateDataKey({ purpose: 'object' })).rejects.toBeInstanceOf(ValidationError);
      const dk = await keys.generateDataKey({ tenantId: 'tenant-a' });
      await expect(keys.decrypt(dk.wrapped, {})).rejects.toBeInstanceOf(ValidationError);
    });
  });
}
