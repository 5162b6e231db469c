import type { KeyObject } from 'node:crypto';
import { leafHash } from '../chain/merkle-tree.js';
import { consistencyProof, inclusionProof, verifyConsistency, verifyInclusion } from '../chain/merkle-proofs.js';
import { checkpointSignatureValid } from '../checkpoint/checkpoint-signature.js';
import { readCheckpoints } from '../verify/pg-audit-source.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';

/**
 * `proof <eventId> [--size n]`: the RFC 9162 inclusion proof of the event's chain hash in the
 * tenant's tree at the first signed checkpoint covering it (or at `--size`), verified before it
 * is printed. `proof --tenant t --first m --second n`: consistency proof between two checkpoints.
 * A checkpoint counts only when its signature verifies under a trusted key (`trusted`: `--keys DIR`
 * or the registered keys whose ids derive from them).
 */
export async function proofCommand(
  ctx: CliContext,
  args: { eventId?: string; tenant?: string; size?: number; first?: number; second?: number },
  trusted: ReadonlyMap<string, KeyObject>,
): Promise<number> {
  const located =
    args.eventId === undefined
      ? undefined
      : await ctx.read((tx) =>
          tx.query<{ tenant_id: string; seq: string; hash: string }>(
            'SELECT tenant_id, seq, hash FROM audit.events WHERE event_id = $1 AND seq IS NOT NULL',
            [args.eventId],
          ),
        );
  const tenantId = located?.rows[0]?.tenant_id ?? args.tenant;
  if (tenantId === undefined) {
    ctx.err.write('proof: event not found (or pass --tenant with --first/--second)\n');
    return EXIT.error;
  }
  const checkpoints = await readCheckpoints(ctx.read, tenantId);
  const signed = (size: number) => {
    const cp = checkpoints.find((c) => c.treeSize === size);
    const key = cp && trusted.get(cp.keyId);
    return cp && key && checkpointSignatureValid(cp, key) ? cp : undefined;
  };
  const leavesUpTo = async (size: number) => {
    const { rows } = await ctx.read((tx) =>
      tx.query<{ hash: string }>('SELECT hash FROM audit.events WHERE tenant_id = $1 AND seq BETWEEN 1 AND $2 ORDER BY seq', [
        tenantId,
        size,
      ]),
    );
    return rows.map((r) => leafHash(Buffer.from(r.hash, 'hex')));
  };

  if (located?.rows[0]) {
    const seq = Number(located.rows[0].seq);
    const size = args.size ?? checkpoints.find((c) => c.treeSize >= seq)?.treeSize;
    const cp = size === undefined ? undefined : signed(size);
    if (!cp) {
      ctx.err.write(`proof: no valid signed checkpoint covers record ${seq} yet\n`);
      return EXIT.error;
    }
    const leaves = await leavesUpTo(cp.treeSize);
    const path = inclusionProof(leaves, seq - 1, cp.treeSize);
    const verified = verifyInclusion(
      leafHash(Buffer.from(located.rows[0].hash, 'hex')),
      seq - 1,
      cp.treeSize,
      path,
      Buffer.from(cp.rootHash, 'hex'),
    );
    writeJsonLine(ctx.out, {
      eventId: args.eventId,
      tenantId,
      leafIndex: seq - 1,
      chainHash: located.rows[0].hash,
      treeSize: cp.treeSize,
      checkpoint: cp,
      inclusionPath: path.map((h) => h.toString('hex')),
      verified,
    });
    return verified ? EXIT.ok : EXIT.faults;
  }
  const first = args.first === undefined ? undefined : signed(args.first);
  const second = args.second === undefined ? undefined : signed(args.second);
  if (!first || !second || first.treeSize > second.treeSize) {
    ctx.err.write('proof: --first and --second must be sizes of valid signed checkpoints, first ≤ second\n');
    return EXIT.error;
  }
  const proof = consistencyProof(await leavesUpTo(second.treeSize), first.treeSize, second.treeSize);
  const verified = verifyConsistency(
    first.treeSize,
    second.treeSize,
    Buffer.from(first.rootHash, 'hex'),
    Buffer.from(second.rootHash, 'hex'),
    proof,
  );
  writeJsonLine(ctx.out, { tenantId, first, second, consistencyPath: proof.map((h) => h.toString('hex')), verified });
  return verified ? EXIT.ok : EXIT.faults;
}
