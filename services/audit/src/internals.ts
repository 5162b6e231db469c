// Building blocks of the audit service for the benchmark (bench/audit) and tools: the append
// path, the checkpointer and the CLI's command runner. Not a stable API; services use index.ts.
export { createAuditBatcher, type AuditBatcher } from './audit-batcher.js';
export { toAuditRecord, type AuditRecord } from './audit-record.js';
export { appendAuditRecords } from './audit-store.js';
export { auditMigrations } from './audit-migrations.js';
export { createCheckpointer } from './checkpoint/checkpointer.js';
export { registerSigningKeys } from './checkpoint/checkpoint-store.js';
export { signingKeyFromPem, type KeyRing } from './checkpoint/signing-keys.js';
export { chainHash, GENESIS_HASH } from './chain/chain-hash.js';
export { runCli } from './cli/run-cli.js';
export type { CliContext } from './cli/cli-context.js';
export { REPLAY_SELECT } from './cli/replay-command.js';
export { verifyChainSelect } from './verify/pg-audit-source.js';
export { createPgCopyRowStream, inlineParams } from './rows/pg-copy-row-stream.js';
