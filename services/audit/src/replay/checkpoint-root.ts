import { canonicalJson } from '@medicdraft/platform';
import { chainHash, GENESIS_HASH } from '../chain/chain-hash.js';
import { CompactRange, leafHash } from '../chain/merkle-tree.js';
import type { RowStream } from '../rows/row-stream.port.js';

/**
 * The checkpoint root of records 1..size recomputed from the stored events alone: every chain
 * hash is re-derived from the canonical event text (not read from the `hash` column), so equality
 * with a signed checkpoint's root shows the events themselves are what was signed.
 */
export async function recomputeCheckpointRoot(stream: RowStream, tenantId: string, size: number): Promise<{ count: number; root: string }> {
  const range = new CompactRange();
  let prev = GENESIS_HASH;
  const rows = stream.rows(
    'SELECT event_text, CASE WHEN event_text IS NULL THEN event::text END AS event FROM audit.events e ' +
      'WHERE tenant_id = $1 AND e.seq >= 1 AND e.seq <= $2 ORDER BY e.seq',
    [tenantId, size],
  );
  for await (const batch of rows) {
    for (const [text, event] of batch) {
      if (range.size >= size) break;
      prev = chainHash(prev, text ?? canonicalJson(JSON.parse(event as string)));
      range.appendLeafHash(leafHash(Buffer.from(prev, 'hex')));
    }
  }
  return { count: range.size, root: range.size === 0 ? '' : range.root().toString('hex') };
}
