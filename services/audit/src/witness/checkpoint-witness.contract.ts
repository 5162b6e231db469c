import { describe, expect, it } from 'vitest';
import { signCheckpoint } from '../checkpoint/checkpoint-signature.js';
import { testSigningKey } from '../testing/audit-log-fixture.js';
import type { CheckpointWitness } from './checkpoint-witness.js';

/** The CheckpointWitness contract, run against every adapter (each call gets a fresh witness). */
export function describeCheckpointWitnessContract(name: string, make: () => Promise<CheckpointWitness>): void {
  const key = testSigningKey();
  const head = (tenantId: string, treeSize: number, rootHash = 'ab'.repeat(32), issuedAt = '2030-01-01T00:00:00.000Z') =>
    signCheckpoint(key, { tenantId, treeSize, rootHash, issuedAt });

  describe(`CheckpointWitness contract: ${name}`, () => {
    it("lists one tenant's recorded heads in tree-size order, and only that tenant's", async () => {
      const w = await make();
      for (const size of [10, 5, 20]) await w.record(head('tenant-a', size));
      await w.record(head('tenant-b', 7));
      expect((await w.list('tenant-a')).map((c) => c.treeSize)).toEqual([5, 10, 20]);
      expect(await w.list('tenant-b')).toEqual([head('tenant-b', 7)]);
      expect(await w.list('tenant-c')).toEqual([]);
    });

    it('is write-once: the same head again is accepted (a retry), another head at that size is refused and never listed', async () => {
      const w = await make();
      const first = head('tenant-a', 5);
      await w.record(first);
      await w.record(head('tenant-a', 5, first.rootHash, '2030-01-01T00:00:01.000Z'));
      await expect(w.record(head('tenant-a', 5, 'cd'.repeat(32)))).rejects.toThrow(/another checkpoint/);
      expect(await w.list('tenant-a')).toEqual([first]);
    });
  });
}
