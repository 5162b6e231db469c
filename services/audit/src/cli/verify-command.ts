import { createPublicKey, type KeyObject } from 'node:crypto';
import { loadTrustedKeys } from '../checkpoint/signing-keys.js';
import { verifyTenantChain } from '../verify/chain-verifier.js';
import { readCheckpoints, readRegisteredKeys, readRowsToVerify, readTenants, AUDIT_TABLES, type AuditTables } from '../verify/pg-audit-source.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';
import { createProgress } from './progress.js';

export interface VerifyArgs {
  tenant?: string;
  /** Directory of trusted public keys; without it the keys registered in the database are trusted. */
  keys?: string;
  tables?: AuditTables;
}

/**
 * `verify`: every tenant (or one), chain + checkpoints + signatures. stdout: one JSON line per
 * verdict, then one summary line per tenant; exit 1 when any verdict was reported.
 */
export async function verifyCommand(ctx: CliContext, args: VerifyArgs): Promise<number> {
  const tables = args.tables ?? AUDIT_TABLES;
  let trusted: Map<string, KeyObject>;
  if (args.keys !== undefined) {
    trusted = await loadTrustedKeys(args.keys);
  } else {
    ctx.err.write('note: trusting the public keys registered in audit.signing_keys (pass --keys <dir> to pin them)\n');
    trusted = new Map([...(await readRegisteredKeys(ctx.read))].map(([id, pem]) => [id, createPublicKey(pem)]));
  }
  const tenants = args.tenant !== undefined ? [args.tenant] : await readTenants(ctx.read, tables);
  const progress = createProgress('verify', ctx.err);
  let faults = 0;
  for (const tenantId of tenants) {
    const result = await verifyTenantChain(tenantId, readRowsToVerify(ctx.read, tenantId, tables), await readCheckpoints(ctx.read, tenantId, tables), trusted, (n) => progress.tick(n));
    for (const v of result.verdicts) writeJsonLine(ctx.out, { verdict: v.kind, ...v, kind: undefined });
    faults += result.verdicts.length;
    writeJsonLine(ctx.out, {
      tenantId, ok: result.verdicts.length === 0, records: result.rows, lastSeq: result.lastSeq,
      checkpoints: result.checkpoints, unanchored: result.unanchored, verdicts: result.verdicts.length,
    });
  }
  progress.done();
  ctx.err.write(faults === 0 ? `verify: ${tenants.length} tenant(s) OK\n` : `verify: ${faults} problem(s) found\n`);
  return faults === 0 ? EXIT.ok : EXIT.faults;
}
