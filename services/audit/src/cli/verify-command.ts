import { verifyTenantChain } from '../verify/chain-verifier.js';
import { readCheckpoints, readRowsToVerify, readTenants, AUDIT_TABLES, type AuditTables } from '../verify/pg-audit-source.js';
import { oldestUnanchoredAt } from '../verify/unanchored-tail.js';
import type { Verdict } from '../verify/verdict.js';
import { compareWithWitness } from '../verify/witness-check.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';
import { createProgress } from './progress.js';
import { resolveTrustedKeys } from './trusted-keys.js';

export interface VerifyArgs {
  tenant?: string;
  /** Directory of trusted public keys; without it the registered keys whose ids are derived from them are trusted. */
  keys?: string;
  tables?: AuditTables;
  /** Report an unanchored tail in the summary only, not as `unanchored_tail` (e.g. right after an outage). */
  allowUnanchored?: boolean;
}

/** Default bound for `unanchored_tail`: far above the checkpoint interval (1 s) and a restart. */
export const DEFAULT_UNANCHORED_MAX_MS = 10 * 60_000;

/**
 * `verify`: every tenant (or one), chain + checkpoints + signatures + key ids, then the witness
 * cross-check and the unanchored tail. stdout: one JSON line per verdict, then one summary line
 * per tenant; exit 1 when any verdict was reported.
 */
export async function verifyCommand(ctx: CliContext, args: VerifyArgs): Promise<number> {
  const tables = args.tables ?? AUDIT_TABLES;
  const { trusted, mismatched } = await resolveTrustedKeys(ctx, args.keys);
  if (ctx.witness === undefined)
    ctx.err.write('note: no checkpoint witness configured (AUDIT_WITNESS_BUCKET): checkpoints are checked against the database only\n');
  const maxMs = ctx.unanchoredMaxMs ?? DEFAULT_UNANCHORED_MAX_MS;
  const now = ctx.now ?? Date.now;
  const tenants = args.tenant !== undefined ? [args.tenant] : await readTenants(ctx.read, tables);
  const progress = createProgress('verify', ctx.err);
  let faults = 0;
  for (const tenantId of tenants) {
    const checkpoints = await readCheckpoints(ctx.read, tenantId, tables);
    const witness = ctx.witness === undefined ? undefined : compareWithWitness(tenantId, checkpoints, await ctx.witness.list(tenantId));
    const result = await verifyTenantChain(
      tenantId,
      readRowsToVerify(ctx.rows, tenantId, tables),
      checkpoints,
      trusted,
      (n) => progress.tick(n),
      {
        mismatchedKeys: mismatched,
        ...(witness ? { isAnchor: (cp) => witness.agreed.has(cp.treeSize) } : {}),
      },
    );
    const verdicts: Verdict[] = [...result.verdicts, ...(witness?.verdicts ?? [])];
    const oldest = result.unanchored > 0 ? await oldestUnanchoredAt(ctx.read, tenantId, result.anchored, tables.events) : undefined;
    if (oldest !== undefined && now() - oldest > maxMs && !args.allowUnanchored) {
      verdicts.push({
        tenantId,
        seq: result.anchored + 1,
        kind: 'unanchored_tail',
        detail:
          `records ${result.anchored + 1}..${result.lastSeq} are not covered by an anchored ` +
          `checkpoint ${Math.round((now() - oldest) / 1000)} s after the first was recorded (bound ${maxMs} ms)`,
      });
    }
    for (const v of verdicts) writeJsonLine(ctx.out, { verdict: v.kind, ...v, kind: undefined });
    faults += verdicts.length;
    writeJsonLine(ctx.out, {
      tenantId,
      ok: verdicts.length === 0,
      records: result.rows,
      lastSeq: result.lastSeq,
      checkpoints: result.checkpoints,
      anchored: result.anchored,
      unanchored: result.unanchored,
      witness: ctx.witness?.name ?? null,
      verdicts: verdicts.length,
    });
  }
  progress.done();
  ctx.err.write(faults === 0 ? `verify: ${tenants.length} tenant(s) OK\n` : `verify: ${faults} problem(s) found\n`);
  return faults === 0 ? EXIT.ok : EXIT.faults;
}
