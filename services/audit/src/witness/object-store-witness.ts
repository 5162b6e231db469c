import { AuditCheckpointSchema } from '@medicdraft/contracts';
import { ConflictError, type ObjectStore } from '@medicdraft/platform';
import { sameHead, witnessKey, type CheckpointWitness } from './checkpoint-witness.js';

const readAll = async (stream: NodeJS.ReadableStream) => {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
};

/**
 * Witness on the platform object store, for the embedded sandbox only. Honest limits: the
 * filesystem store has no Object Lock, so whoever can write DATA_DIR can delete or replace these
 * files; it only keeps anchors out of the database, which is what the sandbox can demonstrate.
 * Production uses the S3 Object Lock witness (s3-object-lock-witness.ts).
 */
export function createObjectStoreWitness(store: ObjectStore): CheckpointWitness {
  const refOf = (tenantId: string, treeSize: number) => ({
    tenantId,
    bucket: 'output' as const,
    key: `${tenantId}/audit-${witnessKey(tenantId, treeSize)}`,
  });
  const read = async (ref: ReturnType<typeof refOf>) => AuditCheckpointSchema.parse(JSON.parse(await readAll(await store.get(ref))));
  return {
    name: 'sandbox-object-store',
    async record(cp) {
      const ref = refOf(cp.tenantId, cp.treeSize);
      if (await store.exists(ref)) {
        if (!sameHead(await read(ref), cp)) throw new ConflictError(`witness already holds another checkpoint at size ${cp.treeSize}`);
        return;
      }
      await store.put(ref, Buffer.from(JSON.stringify(cp)), { contentType: 'application/json' });
    },
    async list(tenantId) {
      const keys = await store.list(tenantId, 'output', `audit-checkpoints/${tenantId}/`);
      const out = await Promise.all(keys.map((key) => read({ tenantId, bucket: 'output', key })));
      return out.sort((a, b) => a.treeSize - b.treeSize);
    },
  };
}
