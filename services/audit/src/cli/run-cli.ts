import { parseArgs } from 'node:util';
import { EXIT, type CliContext } from './cli-context.js';
import { USAGE } from './cli-usage.js';
import { checkpointsCommand } from './checkpoints-command.js';
import { exportCommand } from './export-command.js';
import { keysCommand } from './keys-command.js';
import { proofCommand } from './proof-command.js';
import { replayCommand } from './replay-command.js';
import { resolveTrustedKeys } from './trusted-keys.js';
import { verifyCommand } from './verify-command.js';

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
