#!/usr/bin/env node
import { EXIT } from './cli-context.js';
import { USAGE } from './cli-usage.js';

// `medicdraft-audit`: the compliance CLI (bin of @medicdraft/audit). Reads only — every statement
// runs in a READ ONLY transaction on the DATABASE_URL connection (a read-capable admin user) —
// except `keys add`, which switches to the key-admin role (the connecting user must be a member).
const argv = process.argv.slice(2);
if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h') {
  process.stdout.write(USAGE);
  process.exit(argv.length === 0 ? EXIT.error : EXIT.ok);
}
// Loaded after the help check: `--help` answers without loading the database and AWS clients.
const [
  { createPgDatabase },
  { default: pg },
  { createPgCopyRowStream },
  { AUDIT_ROLE, AUDIT_SCHEMA },
  { asKeyAdmin },
  { createS3ObjectLockWitness },
  { loadCliConfig },
  { runCli },
] = await Promise.all([
  import('@medicdraft/platform/pg'),
  import('pg'),
  import('../rows/pg-copy-row-stream.js'),
  import('../audit-migrations.js'),
  import('../checkpoint/checkpoint-store.js'),
  import('../witness/s3-object-lock-witness.js'),
  import('./cli-config.js'),
  import('./run-cli.js'),
]);
const config = loadCliConfig();
if (config.databaseUrl === undefined) {
  process.stderr.write('DATABASE_URL is not set\n');
  process.exit(EXIT.error);
}
const db = createPgDatabase({ url: config.databaseUrl, schema: AUDIT_SCHEMA, role: AUDIT_ROLE, poolSize: 2 });
// The large reads (verify, replay) stream on their own connection, one COPY at a time.
const streams = new pg.Pool({ connectionString: config.databaseUrl, max: 1 });
let code: number = EXIT.error;
try {
  code = await runCli(argv, {
    read: (fn) =>
      db.admin(async (tx) => {
        await tx.query('SET TRANSACTION READ ONLY');
        return fn(tx);
      }),
    rows: createPgCopyRowStream(streams),
    out: process.stdout,
    err: process.stderr,
    kafkaBrokers: config.kafkaBrokers,
    kafkaTopicPrefix: config.kafkaTopicPrefix,
    kafkaSsl: config.kafkaSsl,
    ...(config.kafkaSasl === undefined ? {} : { kafkaSasl: config.kafkaSasl }),
    unanchoredMaxMs: config.unanchoredMaxMs,
    keyAdmin: (fn) => asKeyAdmin(db, fn),
    ...(config.witnessBucket === undefined
      ? {}
      : { witness: createS3ObjectLockWitness({ bucket: config.witnessBucket, retentionDays: 1, aws: config.aws }) }),
  });
} catch (err) {
  process.stderr.write(`medicdraft-audit: ${err instanceof Error ? err.message : String(err)}\n`);
} finally {
  await Promise.all([db.close(), streams.end()]);
}
process.exitCode = code;
