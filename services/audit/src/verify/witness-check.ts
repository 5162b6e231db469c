import type { AuditCheckpoint } from '@medicdraft/contracts';
import { sameHead } from '../witness/checkpoint-witness.js';
import type { Verdict } from './verdict.js';

/**
 * Cross-checks a tenant's database checkpoints against the witness's. Every database checkpoint
 * must be witnessed with the same head (`anchor_mismatch` / `anchor_missing`), and every
 * witnessed checkpoint must still be in the database (`anchor_missing`: history deleted together
 * with the checkpoints that covered it). Returns the verdicts and the sizes both agree on.
 */
export function compareWithWitness(
  tenantId: string,
  stored: readonly AuditCheckpoint[],
  witnessed: readonly AuditCheckpoint[],
): { verdicts: Verdict[]; agreed: Set<number> } {
  const verdicts: Verdict[] = [];
  const agreed = new Set<number>();
  const bySize = new Map(witnessed.map((c) => [c.treeSize, c]));
  const storedSizes = new Set(stored.map((c) => c.treeSize));
  for (const cp of stored) {
    const w = bySize.get(cp.treeSize);
    const base = { tenantId, treeSize: cp.treeSize, keyId: cp.keyId };
    if (!w) verdicts.push({ ...base, kind: 'anchor_missing', detail: `checkpoint at size ${cp.treeSize} is not in the witness` });
    else if (!sameHead(cp, w))
      verdicts.push({
        ...base,
        kind: 'anchor_mismatch',
        detail: `the witness holds root ${w.rootHash} by ${w.keyId} at size ${cp.treeSize}`,
      });
    else agreed.add(cp.treeSize);
  }
  for (const w of witnessed) {
    if (!storedSizes.has(w.treeSize)) {
      verdicts.push({
        tenantId,
        treeSize: w.treeSize,
        keyId: w.keyId,
        kind: 'anchor_missing',
        detail: `the witness holds a checkpoint at size ${w.treeSize} that the database does not`,
      });
    }
  }
  return { verdicts, agreed };
}
