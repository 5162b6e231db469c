import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, createMemoryEventBus, type AdminDatabase, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { type RunningService } from '@medicdraft/platform/http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { asKeyAdmin } from '../checkpoint/checkpoint-store.js';
import { publicKeyPem } from '../checkpoint/signing-keys.js';
import { startAuditService } from '../service.js';
import { buildAuditLog, testKeyRing, testSigningKey } from '../testing/audit-log-fixture.js';
import { createMemoryWitness } from '../witness/memory-witness.js';
import { createCursorRowStream } from '../rows/cursor-row-stream.js';
import type { CliContext } from './cli-context.js';
import { runCli } from './run-cli.js';
import { sink } from '../testing/output-sink.js';

const logger = createLogger({ service: 'audit-cli-test', level: 'silent' });
const TENANT = 'cli-test';

describe("the auditor's commands: checkpoints list, replay --checkpoint, proof --keys, keys add/list", () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  let bus: EventBus;
  let service: RunningService;
  let dir: string;
  const keys = testKeyRing();
  const witness = createMemoryWitness();
  const run = async (argv: string[]) => {
    const out = sink();
    const ctx: CliContext = {
      read: (fn) => db.admin(fn),
      rows: createCursorRowStream((fn) => db.admin(fn)),
      out: out.stream,
      err: sink().stream,
      kafkaBrokers: [],
      witness,
      keyAdmin: (fn) => asKeyAdmin(db, fn),
    };
    return { code: await runCli(argv, ctx), lines: out.lines() };
  };

  beforeAll(async () => {
    pglite = await openPglite();
    db = createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
    bus = createMemoryEventBus();
    service = await startAuditService({
      bus,
      db,
      logger,
      partitions: 1,
      groupSuffix: '',
      keys,
      witness,
      settings: { checkpointIntervalMs: 60_000 },
    });
    await buildAuditLog(db, { tenantId: TENANT, count: 20, checkpointEvery: 5, keys, logger, witness });
    dir = await mkdtemp(join(tmpdir(), 'audit-cli-'));
  });
  afterAll(async () => {
    await service.stop();
    await bus.close();
    await pglite.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('checkpoints list: every checkpoint with a valid signature and witnessed', async () => {
    const { code, lines } = await run(['checkpoints', 'list', '--tenant', TENANT]);
    expect(code).toBe(0);
    expect(lines.map((l) => [l['treeSize'], l['signatureValid'], l['witnessed']])).toEqual([
      [5, true, true],
      [10, true, true],
      [15, true, true],
      [20, true, true],
    ]);
  });

  it("replay --checkpoint N: the root recomputed from the events equals the signed checkpoint's", async () => {
    const { code, lines } = await run(['replay', '--tenant', TENANT, '--checkpoint', '10']);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ treeSize: 10, records: 10, matches: true });
    expect(lines[0]?.['root']).toBe(lines[0]?.['checkpointRoot']);
  });

  it('proof --keys: verified against a pinned key, refused when the pinned directory lacks the signer', async () => {
    const { rows } = await db.admin((tx) =>
      tx.query<{ event_id: string }>('SELECT event_id FROM audit.events WHERE tenant_id = $1 AND seq = 7', [TENANT]),
    );
    const eventId = rows[0]?.event_id ?? '';
    const pinned = join(dir, 'pinned');
    const other = join(dir, 'other');
    for (const [d, k] of [
      [pinned, keys.active],
      [other, testSigningKey()],
    ] as const) {
      await rm(d, { recursive: true, force: true });
      await mkdir(d);
      await writeFile(join(d, 'key.pem'), publicKeyPem(k.publicKey));
    }
    expect(await run(['proof', eventId, '--keys', pinned])).toMatchObject({ code: 0, lines: [{ verified: true, treeSize: 10 }] });
    expect((await run(['proof', eventId, '--keys', other])).code).toBe(2);
  });

  it('keys add registers a public key under its derived id through the key-admin role; keys list shows it', async () => {
    const k = testSigningKey();
    const file = join(dir, 'new.pem');
    await writeFile(file, publicKeyPem(k.publicKey));
    expect(await run(['keys', 'add', file])).toMatchObject({ code: 0, lines: [{ added: k.keyId }] });
    const listed = (await run(['keys', 'list'])).lines;
    expect(listed).toContainEqual({ keyId: k.keyId, derived: true });
    expect(listed).toContainEqual({ keyId: keys.active.keyId, derived: true });
  });
});
