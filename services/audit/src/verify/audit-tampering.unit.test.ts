import { canonicalJson, createMemoryEventBus, createLogger, type AdminDatabase, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import { type RunningService } from '@medicdraft/platform/http';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from '../audit-migrations.js';
import { chainHash } from '../chain/chain-hash.js';
import { signCheckpoint } from '../checkpoint/checkpoint-signature.js';
import { startAuditService } from '../service.js';
import { buildAuditLog, testKeyRing, testSigningKey } from '../testing/audit-log-fixture.js';
import { createCursorRowStream } from '../rows/cursor-row-stream.js';
import { verifyTenantChain } from './chain-verifier.js';
import { readCheckpoints, readRegisteredKeys, readRowsToVerify, type AuditTables, type ReadTx } from './pg-audit-source.js';
import type { VerdictKind } from './verdict.js';

/**
 * Mutation suite: a real audit log (service append path + checkpointer, 20 records, signed
 * checkpoints at 5/10/15/20) is copied to scratch tables without the append-only triggers, one
 * kind of tampering is applied to the copy, and the verifier must report exactly that kind.
 */
const logger = createLogger({ service: 'audit-test', level: 'silent' });
const TENANT = 'tamper-test';
const COPY: AuditTables = { events: 'public.copy_events', checkpoints: 'public.copy_checkpoints' };

describe('verify detects each kind of tampering on a copy of a real audit table', () => {
  let pglite: PgliteHandle;
  let db: AdminDatabase;
  let bus: EventBus;
  let service: RunningService;
  let trusted: Map<string, KeyObject>;
  const keys = testKeyRing();
  const admin: ReadTx = (fn) => db.admin(fn);
  const sql = (text: string, params?: unknown[]) => db.admin((tx) => tx.query(text, params));

  beforeAll(async () => {
    pglite = await openPglite();
    db = createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
    bus = createMemoryEventBus();
    service = await startAuditService({ bus, db, logger, partitions: 1, groupSuffix: '', keys });
    await buildAuditLog(db, { tenantId: TENANT, count: 20, checkpointEvery: 5, keys, logger });
    const registered = await readRegisteredKeys(admin);
    trusted = new Map([...registered].map(([id, pem]) => [id, createPublicKey(pem)]));
  });
  afterAll(async () => {
    await service.stop();
    await bus.close();
    await pglite.close();
  });
  beforeEach(async () => {
    await sql('DROP TABLE IF EXISTS public.copy_events; DROP TABLE IF EXISTS public.copy_checkpoints');
    await sql(
      'CREATE TABLE public.copy_events AS SELECT * FROM audit.events; CREATE TABLE public.copy_checkpoints AS SELECT * FROM ' +
        'audit.checkpoints',
    );
  });

  const verdictKinds = async (): Promise<VerdictKind[]> => {
    const result = await verifyTenantChain(
      TENANT,
      readRowsToVerify(createCursorRowStream(admin, 7), TENANT, COPY),
      await readCheckpoints(admin, TENANT, COPY),
      trusted,
    );
    return [...new Set(result.verdicts.map((v) => v.kind))].sort();
  };

  it('the untouched copy verifies clean, with 4 checkpoints and nothing unanchored', async () => {
    const result = await verifyTenantChain(
      TENANT,
      readRowsToVerify(createCursorRowStream(admin), TENANT, COPY),
      await readCheckpoints(admin, TENANT, COPY),
      trusted,
    );
    expect(result).toMatchObject({ verdicts: [], rows: 20, lastSeq: 20, checkpoints: 4, unanchored: 0 });
  });

  it('modified: an event changed in place', async () => {
    await sql(`UPDATE public.copy_events SET event = jsonb_set(event, '{correlationId}', to_jsonb(gen_random_uuid()::text)) WHERE seq = 7`);
    expect(await verdictKinds()).toEqual(['modified']);
  });

  it('modified: the stored canonical text changed, its jsonb left alone', async () => {
    await sql(`UPDATE public.copy_events SET event_text = replace(event_text, '"tenantId"', '"tenantId" ') WHERE seq = 4`);
    expect(await verdictKinds()).toEqual(['modified']);
  });

  it('modified: the canonical text replaced by something that is not JSON (verified from the stored page)', async () => {
    await sql(`UPDATE public.copy_events SET event_text = '{not json' WHERE seq = 11`);
    expect(await verdictKinds()).toEqual(['modified']);
  });

  it('rows without canonical text (appended before migration 0004) verify from the jsonb, and tampering there is found', async () => {
    await sql('UPDATE public.copy_events SET event_text = NULL');
    const clean = await verifyTenantChain(
      TENANT,
      readRowsToVerify(createCursorRowStream(admin, 7), TENANT, COPY),
      await readCheckpoints(admin, TENANT, COPY),
      trusted,
    );
    expect(clean).toMatchObject({ verdicts: [], rows: 20, lastSeq: 20, unanchored: 0 });
    await sql(`UPDATE public.copy_events SET event = jsonb_set(event, '{correlationId}', to_jsonb(gen_random_uuid()::text)) WHERE seq = 7`);
    expect(await verdictKinds()).toEqual(['modified']);
  });

  it('modified: a derived column changed (actor)', async () => {
    await sql(`UPDATE public.copy_events SET actor_id = 'someone-else' WHERE seq = 12`);
    expect(await verdictKinds()).toEqual(['modified']);
  });

  it('modified: the time column moved by one millisecond', async () => {
    await sql(`UPDATE public.copy_events SET occurred_at = occurred_at + interval '1 millisecond' WHERE seq = 13`);
    expect(await verdictKinds()).toEqual(['modified']);
  });

  it('modified: a resource id added', async () => {
    await sql(`UPDATE public.copy_events SET resource_ids = jsonb_set(resource_ids, '{extra}', '"x"') WHERE seq = 14`);
    expect(await verdictKinds()).toEqual(['modified']);
  });

  it('missing: a record deleted from the middle', async () => {
    await sql('DELETE FROM public.copy_events WHERE seq = 9');
    expect(await verdictKinds()).toEqual(['missing']);
  });

  it('reordered: two records swapped', async () => {
    await sql('UPDATE public.copy_events SET seq = CASE seq WHEN 5 THEN 6 ELSE 5 END WHERE seq IN (5, 6)');
    expect(await verdictKinds()).toEqual(['reordered']);
  });

  it('forged: a record appended that links to nothing', async () => {
    await sql(`INSERT INTO public.copy_events SELECT * FROM public.copy_events WHERE seq = 20`);
    await sql(
      `UPDATE public.copy_events SET seq = 21, event_id = gen_random_uuid(), prev_hash = repeat('ab', 32) WHERE ctid = ` +
        `(SELECT max(ctid) FROM public.copy_events)`,
    );
    const rows = await db.admin((tx) =>
      tx.query<{ event: Record<string, unknown>; event_id: string }>('SELECT event, event_id FROM public.copy_events WHERE seq = 21'),
    );
    const event = { ...(rows.rows[0]?.event ?? {}), id: rows.rows[0]?.event_id };
    await sql('UPDATE public.copy_events SET event = $1::jsonb, event_text = $2, hash = $3 WHERE seq = 21', [
      JSON.stringify(event),
      canonicalJson(event),
      chainHash('ab'.repeat(32), canonicalJson(event)),
    ]);
    expect(await verdictKinds()).toEqual(['forged']);
  });

  it('forged: the log rewritten from record 3 on and re-hashed (only the signed checkpoints notice)', async () => {
    const { rows } = await db.admin((tx) =>
      tx.query<{ seq: string; event: Record<string, unknown> }>('SELECT seq, event FROM public.copy_events ORDER BY seq'),
    );
    let prev =
      (await db.admin((tx) => tx.query<{ hash: string }>('SELECT hash FROM public.copy_events WHERE seq = 2'))).rows[0]?.hash ?? '';
    for (const r of rows.filter((x) => Number(x.seq) >= 3)) {
      const event = Number(r.seq) === 3 ? { ...r.event, correlationId: '00000000-0000-4000-8000-000000000003' } : r.event;
      const hash = chainHash(prev, canonicalJson(event));
      await sql(
        'UPDATE public.copy_events SET event = $1::jsonb, event_text = $2, correlation_id = $3, prev_hash = $4, hash = $5 WHERE seq = $6',
        [JSON.stringify(event), canonicalJson(event), event['correlationId'], prev, hash, r.seq],
      );
      prev = hash;
    }
    expect(await verdictKinds()).toEqual(['forged']);
  });

  it('truncated: the tail removed below the last signed size', async () => {
    await sql('DELETE FROM public.copy_events WHERE seq > 16');
    expect(await verdictKinds()).toEqual(['truncated']);
  });

  it('bad_signature: a checkpoint root altered', async () => {
    await sql(`UPDATE public.copy_checkpoints SET root_hash = repeat('0', 64) WHERE tree_size = 10`);
    expect(await verdictKinds()).toEqual(['bad_signature']);
  });

  it('unknown_key: a checkpoint re-signed by a key nobody trusts', async () => {
    const [cp] = (await readCheckpoints(admin, TENANT, COPY)).filter((c) => c.treeSize === 15);
    const forged = signCheckpoint(testSigningKey(), {
      tenantId: TENANT,
      treeSize: 15,
      rootHash: cp?.rootHash ?? '',
      issuedAt: cp?.issuedAt ?? '',
    });
    await sql('UPDATE public.copy_checkpoints SET key_id = $1, signature = $2 WHERE tree_size = 15', [forged.keyId, forged.signature]);
    expect(await verdictKinds()).toEqual(['unknown_key']);
  });

  it('the real table refuses the same tampering (UPDATE/DELETE/TRUNCATE on events and checkpoints)', async () => {
    await expect(sql('UPDATE audit.events SET actor_id = $1 WHERE seq = 1', ['x'])).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit.events WHERE seq = 9')).rejects.toThrow(/append-only/);
    await expect(sql('UPDATE audit.checkpoints SET root_hash = $1', ['0'.repeat(64)])).rejects.toThrow(/append-only/);
    await expect(sql('DELETE FROM audit.checkpoints')).rejects.toThrow(/append-only/);
    await expect(sql('TRUNCATE audit.checkpoints')).rejects.toThrow(/append-only/);
    await expect(db.withTenant(TENANT, (tx) => tx.query('DELETE FROM checkpoints'))).rejects.toThrow(/permission denied/);
  });
});
