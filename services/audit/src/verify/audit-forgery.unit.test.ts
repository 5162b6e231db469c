import { createLogger, createMemoryEventBus, type AdminDatabase, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { type RunningService } from '@medicdraft/platform/http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { toAuditRecord } from '../audit-record.js';
import { appendAuditRecords } from '../audit-store.js';
import { CompactRange, leafHash } from '../chain/merkle-tree.js';
import { signCheckpoint } from '../checkpoint/checkpoint-signature.js';
import { insertCheckpoint } from '../checkpoint/checkpoint-store.js';
import { publicKeyPem } from '../checkpoint/signing-keys.js';
import { runCli } from '../cli/run-cli.js';
import type { CliContext } from '../cli/cli-context.js';
import { createCursorRowStream } from '../rows/cursor-row-stream.js';
import { startAuditService } from '../service.js';
import { buildAuditLog, testEvent, testKeyRing, testSigningKey } from '../testing/audit-log-fixture.js';
import { createMemoryWitness } from '../witness/memory-witness.js';
import type { ReadTx } from './pg-audit-source.js';
import { sink } from '../testing/output-sink.js';

/**
 * Forgeries by a database insider: each runs against a fresh audit schema built by the service
 * (20 records, checkpoints at 5/10/15/20, each also recorded in the witness), then `verify`
 * (through the CLI, without --keys) must name it.
 */
const logger = createLogger({ service: 'audit-test', level: 'silent' });
const TENANT = 'forgery-test';
const UNANCHORED_MAX_MS = 60_000;

describe('verify refuses forgeries a database insider can make', () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  let bus: EventBus;
  let service: RunningService;
  let witness: ReturnType<typeof createMemoryWitness>;
  const keys = testKeyRing();
  const sql = (text: string, params?: unknown[]) => db.admin((tx) => tx.query(text, params));
  const read: ReadTx = (fn) => db.admin(fn);

  beforeEach(async () => {
    pglite = await openPglite();
    db = createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
    bus = createMemoryEventBus();
    witness = createMemoryWitness();
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
  });
  afterEach(async () => {
    await service.stop();
    await bus.close();
    await pglite.close();
  });

  const verify = async (extra: string[] = [], opts: { now?: number } = {}) => {
    const out = sink();
    const err = sink();
    const ctx: CliContext = {
      read,
      rows: createCursorRowStream(read),
      out: out.stream,
      err: err.stream,
      kafkaBrokers: [],
      witness,
      unanchoredMaxMs: UNANCHORED_MAX_MS,
      now: () => opts.now ?? Date.now(),
    };
    const code = await runCli(['verify', '--tenant', TENANT, ...extra], ctx);
    const lines = out.lines();
    return { code, kinds: [...new Set(lines.filter((l) => 'verdict' in l).map((l) => l['verdict']))].sort(), summary: lines.at(-1) };
  };
  const dropTriggers = () =>
    sql(
      `DROP TRIGGER events_append_only ON audit.events; DROP TRIGGER checkpoints_append_only ON audit.checkpoints; DROP ` +
        `TRIGGER signing_keys_append_only ON audit.signing_keys`,
    );

  it('the untouched log verifies clean and fully anchored', async () => {
    expect(await verify()).toMatchObject({ code: 0, kinds: [], summary: { ok: true, unanchored: 0, anchored: 20 } });
  });

  it(
    'forged tail, service role only: a correctly chained row after the last checkpoint is unanchored_tail once the bound ' + 'passes',
    async () => {
      await appendAuditRecords(db, TENANT, [toAuditRecord(testEvent(TENANT, 99), { topic: 'auth.login', partition: 0, offset: '99' })]);
      expect(await verify()).toMatchObject({ code: 0, summary: { unanchored: 1 } }); // within the bound: still being checkpointed
      const later = Date.now() + UNANCHORED_MAX_MS + 1_000;
      expect(await verify([], { now: later })).toMatchObject({ code: 1, kinds: ['unanchored_tail'] });
      expect(await verify(['--allow-unanchored'], { now: later })).toMatchObject({ code: 0, kinds: [] });
    },
  );

  it(
    'forged tail anchored by the service role itself: a checkpoint signed with an unregistered key is unknown_key and the ' +
      'witness never saw it',
    async () => {
      const attacker = testSigningKey();
      await appendAuditRecords(db, TENANT, [toAuditRecord(testEvent(TENANT, 99), { topic: 'auth.login', partition: 0, offset: '99' })]);
      const { rows } = await read((tx) =>
        tx.query<{ hash: string }>('SELECT hash FROM audit.events WHERE tenant_id = $1 ORDER BY seq', [TENANT]),
      );
      const range = new CompactRange();
      for (const r of rows) range.appendLeafHash(leafHash(Buffer.from(r.hash, 'hex')));
      const forged = signCheckpoint(attacker, {
        tenantId: TENANT,
        treeSize: 21,
        rootHash: range.root().toString('hex'),
        issuedAt: new Date().toISOString(),
      });
      await db.withTenant(TENANT, (tx) => insertCheckpoint(tx, forged));
      expect(await verify()).toMatchObject({ code: 1, kinds: ['anchor_missing', 'unknown_key'] });
    },
  );

  it('foreign key: the service role cannot register it; one a superuser registers under a non-derived id is refused', async () => {
    const attacker = testSigningKey();
    await expect(
      db.withSystem((tx) =>
        tx.query(`INSERT INTO signing_keys (key_id, algorithm, public_key_pem) VALUES ($1, 'ed25519', $2)`, [
          attacker.keyId,
          publicKeyPem(attacker.publicKey),
        ]),
      ),
    ).rejects.toThrow(/permission denied/);
    const chosenId = 'ed25519-0000000000000001';
    await sql(`INSERT INTO audit.signing_keys (key_id, algorithm, public_key_pem) VALUES ($1, 'ed25519', $2)`, [
      chosenId,
      publicKeyPem(attacker.publicKey),
    ]);
    const forged = signCheckpoint(
      { ...attacker, keyId: chosenId },
      { tenantId: TENANT, treeSize: 21, rootHash: 'ab'.repeat(32), issuedAt: new Date().toISOString() },
    );
    await appendAuditRecords(db, TENANT, [toAuditRecord(testEvent(TENANT, 99), { topic: 'auth.login', partition: 0, offset: '99' })]);
    await db.withTenant(TENANT, (tx) =>
      tx.query(
        `INSERT INTO checkpoints (tenant_id, tree_size, root_hash, key_id, algorithm, signature, issued_at) VALUES ($1, 21, ` +
          `$2, $3, 'ed25519', $4, $5)`,
        [TENANT, forged.rootHash, forged.keyId, forged.signature, forged.issuedAt],
      ),
    );
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.kinds).toContain('key_mismatch');
  });

  it(
    'foreign key with a derived id, every checkpoint re-signed with it: the witness disagrees (anchor_mismatch) without ' + '--keys',
    async () => {
      const attacker = testSigningKey();
      await sql(`INSERT INTO audit.signing_keys (key_id, algorithm, public_key_pem) VALUES ($1, 'ed25519', $2)`, [
        attacker.keyId,
        publicKeyPem(attacker.publicKey),
      ]);
      await dropTriggers();
      const { rows } = await read((tx) =>
        tx.query<{ tree_size: string; root_hash: string; issued_at: Date }>(
          'SELECT tree_size, root_hash, issued_at FROM audit.checkpoints WHERE tenant_id = $1',
          [TENANT],
        ),
      );
      for (const r of rows) {
        const cp = signCheckpoint(attacker, {
          tenantId: TENANT,
          treeSize: Number(r.tree_size),
          rootHash: r.root_hash,
          issuedAt: r.issued_at.toISOString(),
        });
        await sql('UPDATE audit.checkpoints SET root_hash = $1, key_id = $2, signature = $3 WHERE tenant_id = $4 AND tree_size = $5', [
          cp.rootHash,
          cp.keyId,
          cp.signature,
          TENANT,
          cp.treeSize,
        ]);
      }
      expect(await verify()).toMatchObject({ code: 1, kinds: ['anchor_mismatch'] });
    },
  );

  it("key id/PEM mismatch: the real key id re-pointed at the attacker's PEM is key_mismatch", async () => {
    const attacker = testSigningKey();
    await dropTriggers();
    await sql('UPDATE audit.signing_keys SET public_key_pem = $1 WHERE key_id = $2', [publicKeyPem(attacker.publicKey), keys.active.keyId]);
    const [cp] = (
      await read((tx) =>
        tx.query<{ root_hash: string; issued_at: Date }>(
          'SELECT root_hash, issued_at FROM audit.checkpoints WHERE tenant_id = $1 AND tree_size = 20',
          [TENANT],
        ),
      )
    ).rows;
    const forged = signCheckpoint(
      { ...attacker, keyId: keys.active.keyId },
      { tenantId: TENANT, treeSize: 20, rootHash: cp?.root_hash ?? '', issuedAt: cp?.issued_at.toISOString() ?? '' },
    );
    await sql('UPDATE audit.checkpoints SET signature = $1 WHERE tenant_id = $2 AND tree_size = 20', [forged.signature, TENANT]);
    const r = await verify();
    expect(r.code).toBe(1);
    expect(r.kinds).toContain('key_mismatch');
  });

  it('newest rows deleted together with the checkpoints that covered them: anchor_missing', async () => {
    await dropTriggers();
    await sql('DELETE FROM audit.events WHERE tenant_id = $1 AND seq > 15', [TENANT]);
    await sql('DELETE FROM audit.checkpoints WHERE tenant_id = $1 AND tree_size > 15', [TENANT]);
    expect(await verify()).toMatchObject({ code: 1, kinds: ['anchor_missing'] });
  });

  it('trigger dropped then a row updated: modified', async () => {
    await dropTriggers();
    await sql(`UPDATE audit.events SET actor_id = 'someone-else' WHERE tenant_id = $1 AND seq = 3`, [TENANT]);
    expect(await verify()).toMatchObject({ code: 1, kinds: ['modified'] });
  });
});
