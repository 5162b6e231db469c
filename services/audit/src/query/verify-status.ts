import type { VerifyStatus } from '@medicdraft/contracts';
import type { Database } from '@medicdraft/platform';
import { DEFAULT_UNANCHORED_MAX_MS } from '../cli/verify-command.js';
import { createCursorRowStream } from '../rows/cursor-row-stream.js';
import { verifyTenantChain } from '../verify/chain-verifier.js';
import { readCheckpoints, readRegisteredKeys, readRowsToVerify, type ReadTx } from '../verify/pg-audit-source.js';
import { trustedKeysFromRegistry } from '../verify/registered-keys.js';
import { oldestUnanchoredAt } from '../verify/unanchored-tail.js';
import type { Verdict } from '../verify/verdict.js';
import { compareWithWitness } from '../verify/witness-check.js';
import type { CheckpointWitness } from '../witness/checkpoint-witness.js';

export interface VerifyStatusDeps {
  db: Database;
  witness?: CheckpointWitness | undefined;
  /** Epoch ms now, and how old an unanchored tail may be before it is a verdict (as the CLI's bound). */
  now: () => number;
  unanchoredMaxMs?: number | undefined;
}

/**
 * One tenant's chain verified now, the way `medicdraft-audit verify` does it without pinned keys:
 * the registered keys whose ids derive from them are trusted, checkpoints are compared with the
 * witness when one is configured, and an unanchored tail older than the bound is a verdict. Reads
 * run under the tenant's row-level security, so nothing of another tenant is read.
 */
export async function verifyStatus(deps: VerifyStatusDeps, tenantId: string): Promise<VerifyStatus> {
  const read: ReadTx = (fn) => deps.db.withTenant(tenantId, fn);
  const { trusted, mismatched } = trustedKeysFromRegistry(await readRegisteredKeys(read));
  const checkpoints = await readCheckpoints(read, tenantId);
  const witness = deps.witness === undefined ? undefined : compareWithWitness(tenantId, checkpoints, await deps.witness.list(tenantId));
  const result = await verifyTenantChain(
    tenantId,
    readRowsToVerify(createCursorRowStream(read), tenantId),
    checkpoints,
    trusted,
    undefined,
    {
      mismatchedKeys: mismatched,
      ...(witness ? { isAnchor: (cp) => witness.agreed.has(cp.treeSize) } : {}),
    },
  );
  const verdicts: Verdict[] = [...result.verdicts, ...(witness?.verdicts ?? [])];
  const now = deps.now();
  const maxMs = deps.unanchoredMaxMs ?? DEFAULT_UNANCHORED_MAX_MS;
  const oldest = result.unanchored > 0 ? await oldestUnanchoredAt(read, tenantId, result.anchored) : undefined;
  if (oldest !== undefined && now - oldest > maxMs)
    verdicts.push({
      tenantId,
      seq: result.anchored + 1,
      kind: 'unanchored_tail',
      detail: `records ${result.anchored + 1}..${result.lastSeq} are not covered by an anchored checkpoint after ${maxMs} ms`,
    });
  return {
    ok: verdicts.length === 0,
    verifiedAt: new Date(now).toISOString(),
    records: result.rows,
    lastSeq: result.lastSeq,
    checkpoints: result.checkpoints,
    anchored: result.anchored,
    unanchored: result.unanchored,
    witness: deps.witness?.name ?? null,
    verdicts: verdicts.map(({ tenantId: _t, ...v }) => v),
  };
}
