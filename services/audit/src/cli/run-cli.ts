import { parseArgs } from 'node:util';
import { EXIT, type CliContext } from './cli-context.js';
import { checkpointsCommand } from './checkpoints-command.js';
import { exportCommand } from './export-command.js';
import { keysCommand } from './keys-command.js';
import { proofCommand } from './proof-command.js';
import { replayCommand } from './replay-command.js';
import { resolveTrustedKeys } from './trusted-keys.js';
import { verifyCommand } from './verify-command.js';

export const USAGE = `usage: medicdraft-audit <command> [options]
  (DATABASE_URL, KAFKA_BROKERS, AUDIT_WITNESS_BUCKET, AUDIT_UNANCHORED_MAX_MS, AWS_* from the environment)
  verify [--tenant T] [--keys DIR] [--allow-unanchored]   chain, checkpoints, keys, witness; exit 1 on any verdict
  replay --tenant T [--from ISO] [--to ISO] [--source postgres|kafka]   count + replay root of a range
  replay --tenant T --checkpoint N                  root of records 1..N recomputed, beside checkpoint N's
  export --tenant T [--format jsonl|fhir] [--from ISO] [--to ISO]      one JSON line per record
  proof <eventId> [--size N] [--keys DIR]           inclusion proof against a signed checkpoint
  proof --tenant T --first M --second N [--keys DIR]   consistency proof between two checkpoints
  checkpoints list --tenant T [--keys DIR]          stored checkpoints: signature valid, witnessed
  keys add <public.pem>...                          register public keys (key-admin role; see README)
  keys list                                         registered key ids and whether each derives from its key

terms:
  record        one audit row; seq is its place in the tenant's hash chain (from 1)
  checkpoint    a signed tree head: tenant, treeSize (records 1..N), rootHash, keyId, signature
  key id        ed25519- + 16 hex of SHA-256 over the public key (SPKI DER); derived, never chosen
  witness       the store outside Postgres holding every checkpoint (S3 Object Lock, compliance mode)
  anchored      highest checkpoint size that is validly signed, matches the records and is witnessed
  unanchored    records after the anchored size (normal for about one checkpoint interval)
  root          RFC 6962 Merkle root; replay's is over the range's canonical events in (occurredAt, id) order
  digest        SHA-256 over the range's canonical events, newline-separated (a second, simpler check)
  count         events in the replayed range after removing duplicate ids
  verified      the printed proof was checked against the checkpoint's signed root
verdicts (verify): modified, missing, reordered, forged, truncated, bad_signature, unknown_key,
  unchained, key_mismatch, anchor_mismatch, anchor_missing, unanchored_tail (README "Replaying/verifying")
exit: 0 clean, 1 verdicts found, 2 usage or runtime error
`;

const int = (v: string | undefined) => (v === undefined ? undefined : Number.parseInt(v, 10));

/** Parses argv (without node and script) and runs one command; resolves to the exit code. */
export async function runCli(argv: readonly string[], ctx: CliContext): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      keys: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      source: { type: 'string', default: 'postgres' },
      format: { type: 'string', default: 'jsonl' },
      size: { type: 'string' },
      first: { type: 'string' },
      second: { type: 'string' },
      'allow-unanchored': { type: 'boolean', default: false },
      checkpoint: { type: 'string' },
    },
  });
  const bad = (msg: string) => {
    ctx.err.write(`${msg}\n${USAGE}`);
    return EXIT.error;
  };
  for (const t of [values.from, values.to]) if (t !== undefined && Number.isNaN(Date.parse(t))) return bad(`not an ISO time: ${t}`);
  switch (command) {
    case 'verify':
      return verifyCommand(ctx, {
        ...(values.tenant ? { tenant: values.tenant } : {}),
        ...(values.keys ? { keys: values.keys } : {}),
        allowUnanchored: values['allow-unanchored'],
      });
    case 'replay':
      if (!values.tenant) return bad('replay needs --tenant');
      if (values.source !== 'postgres' && values.source !== 'kafka') return bad('--source is postgres or kafka');
      return replayCommand(ctx, {
        tenantId: values.tenant,
        source: values.source,
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
        ...(values.checkpoint ? { checkpoint: int(values.checkpoint) ?? 0 } : {}),
      });
    case 'export':
      if (!values.tenant) return bad('export needs --tenant');
      if (values.format !== 'jsonl' && values.format !== 'fhir') return bad('--format is jsonl or fhir');
      return exportCommand(ctx, {
        tenant: values.tenant,
        format: values.format,
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
      });
    case 'proof':
      return proofCommand(
        ctx,
        {
          ...(positionals[0] ? { eventId: positionals[0] } : {}),
          ...(values.tenant ? { tenant: values.tenant } : {}),
          ...(values.size ? { size: int(values.size) } : {}),
          ...(values.first ? { first: int(values.first) } : {}),
          ...(values.second ? { second: int(values.second) } : {}),
        },
        (await resolveTrustedKeys(ctx, values.keys)).trusted,
      );
    case 'checkpoints':
      if (positionals[0] !== 'list' || !values.tenant) return bad('usage: checkpoints list --tenant T');
      return checkpointsCommand(ctx, values.tenant, (await resolveTrustedKeys(ctx, values.keys)).trusted);
    case 'keys':
      return keysCommand(ctx, positionals[0], positionals.slice(1));
    default:
      return bad(command === undefined ? 'no command' : `unknown command: ${command}`);
  }
}
