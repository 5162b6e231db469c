import type { AuditCheckpoint } from '@medicdraft/contracts';

/**
 * A store outside Postgres that keeps every signed checkpoint, so a database insider who rewrites
 * `audit.checkpoints` (or the keys that verify them) cannot also rewrite the anchors.
 * Contract:
 * - `record` is write-once per (tenant, tree size): recording the same head again (same size, root
 *   and key id, e.g. a retry after a failed commit) succeeds; recording a different head under a
 *   size that is already witnessed rejects. Implementers must not delete or replace objects.
 * - `list` returns the first head ever recorded per tree size of one tenant, in tree-size order;
 *   later versions of an object (an overwrite the store allowed) never hide the first one.
 */
export interface CheckpointWitness {
  /** What the witness is, for logs and verify's summary (e.g. `s3://bucket`, `sandbox-fs`). */
  readonly name: string;
  record(checkpoint: AuditCheckpoint): Promise<void>;
  list(tenantId: string): Promise<AuditCheckpoint[]>;
}

/** Object key of a checkpoint in a witness bucket: one object per checkpoint. */
export function witnessKey(tenantId: string, treeSize: number): string {
  return `checkpoints/${tenantId}/${treeSize}.json`;
}

/** True when two heads commit to the same thing: size, root and signer (time and signature may differ on a retry). */
export function sameHead(a: AuditCheckpoint, b: AuditCheckpoint): boolean {
  return a.tenantId === b.tenantId && a.treeSize === b.treeSize && a.rootHash === b.rootHash && a.keyId === b.keyId;
}
