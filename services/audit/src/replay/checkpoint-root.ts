import { canonicalJson } from '@medicdraft/platform';
import { chainHash, GENESIS_HASH } from '../chain/chain-hash.js';
import { CompactRange, leafHash } from '../chain/merkle-tree.js';
import { pagesBySeq, type ReadTx } from '../verify/pg-audit-source.js';

/**
 * The checkpoint root of records 1..size recomputed from the stored events alone: every chain
 * hash is re-derived from the canonical event text (not read from the `hash` column), so equality
 * with a signed checkpoint's root shows the events themselves are what was signed.
 */
export async function recomputeCheckpointRoot(read: ReadTx, tenantId: string, size: number): Promise<{ count: number; root: string }> {
  const range = new CompactRange();
  let prev = GENESIS_HASH;
  const fetch = (from: number, to: number) =>
    read(
      async (tx) =>
        (
          await tx.query<{ event_text: string | null; event: unknown }>(
            'SELECT event_text, CASE WHEN event_text IS NULL THEN event END AS event FROM audit.events ' +
              'WHERE tenant_id = $1 AND seq > $2 AND seq <= $3 ORDER BY seq',
            [tenantId, from, Math.min(to, size)],
          )
        ).rows,
    );
  for await (const rows of pagesBySeq(read, tenantId, 'audit.events', fetch)) {
    for (const r of rows) {
      if (range.size >= size) break;
      prev = chainHash(prev, r.event_text ?? canonicalJson(r.event));
      range.appendLeafHash(leafHash(Buffer.from(prev, 'hex')));
    }
  }
  return { count: range.size, root: range.size === 0 ? '' : range.root().toString('hex') };
}
