import type { KeyObject } from 'node:crypto';
import { checkpointSignatureValid } from '../checkpoint/checkpoint-signature.js';
import { readCheckpoints } from '../verify/pg-audit-source.js';
import { sameHead } from '../witness/checkpoint-witness.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';

/**
 * `checkpoints list --tenant T`: one line per database checkpoint with whether its signature
 * verifies under a trusted key and, with a witness, whether the witness holds the same head
 * (`witnessed`: true, false = different head, null = absent).
 */
export async function checkpointsCommand(ctx: CliContext, tenantId: string, trusted: ReadonlyMap<string, KeyObject>): Promise<number> {
  const stored = await readCheckpoints(ctx.read, tenantId);
  const witnessed = ctx.witness === undefined ? undefined : new Map((await ctx.witness.list(tenantId)).map((c) => [c.treeSize, c]));
  for (const cp of stored) {
    const key = trusted.get(cp.keyId);
    const w = witnessed?.get(cp.treeSize);
    writeJsonLine(ctx.out, {
      ...cp,
      signatureValid: key !== undefined && checkpointSignatureValid(cp, key),
      witnessed: witnessed === undefined ? undefined : w === undefined ? null : sameHead(cp, w),
    });
  }
  return EXIT.ok;
}
