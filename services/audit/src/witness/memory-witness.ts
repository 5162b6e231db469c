import type { AuditCheckpoint } from '@medicdraft/contracts';
import { ConflictError } from '@medicdraft/platform';
import { sameHead, witnessKey, type CheckpointWitness } from './checkpoint-witness.js';

/** In-memory witness (tests): write-once like the real ones. */
export function createMemoryWitness(): CheckpointWitness & { objects: Map<string, AuditCheckpoint> } {
  const objects = new Map<string, AuditCheckpoint>();
  return {
    name: 'memory',
    objects,
    async record(cp) {
      const key = witnessKey(cp.tenantId, cp.treeSize);
      const existing = objects.get(key);
      if (existing && !sameHead(existing, cp)) throw new ConflictError(`witness already holds another checkpoint at ${key}`);
      if (!existing) objects.set(key, cp);
    },
    async list(tenantId) {
      return [...objects.values()].filter((c) => c.tenantId === tenantId).sort((a, b) => a.treeSize - b.treeSize);
    },
  };
}
