import { encodeEvent, parseControlMessage, TOPIC, type AuditCheckpoint, type AuditHeartbeat } from '@medicdraft/contracts';
import { createLogger, createMemoryEventBus, type ConsumedRecord } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite } from '@medicdraft/platform/pglite';
import { describe, expect, it } from 'vitest';
import { AUDIT_ROLE, AUDIT_SCHEMA } from './audit-migrations.js';
import { leafHash, subtreeRoot } from './chain/merkle-tree.js';
import { checkpointSignatureValid } from './checkpoint/checkpoint-signature.js';
import { startAuditService } from './service.js';
import { testEvent, testKeyRing } from './testing/audit-log-fixture.js';

const logger = createLogger({ service: 'audit-test', level: 'silent' });

describe('audit service control messages (memory bus, PGlite)', () => {
  it('publishes signed checkpoints on audit.checkpoint and heartbeats with durable offsets on audit.heartbeat', async () => {
    const bus = createMemoryEventBus({ defaultPartitions: 2 });
    const pglite = await openPglite();
    const db = createPgliteDatabase({ pglite, schema: AUDIT_SCHEMA, role: AUDIT_ROLE });
    const keys = testKeyRing();
    const seen: { checkpoints: AuditCheckpoint[]; heartbeats: AuditHeartbeat[] } = { checkpoints: [], heartbeats: [] };
    const sub = await bus.subscribe({
      groupId: 'control-reader',
      topics: [TOPIC.AUDIT_CHECKPOINT, TOPIC.AUDIT_HEARTBEAT],
      handler: async (r: ConsumedRecord) => {
        if (r.topic === TOPIC.AUDIT_CHECKPOINT) {
          const p = parseControlMessage(TOPIC.AUDIT_CHECKPOINT, JSON.parse(r.value));
          if (p.ok) seen.checkpoints.push(p.value);
        } else {
          const p = parseControlMessage(TOPIC.AUDIT_HEARTBEAT, JSON.parse(r.value));
          if (p.ok) seen.heartbeats.push(p.value);
        }
        return { action: 'done' };
      },
    });
    const service = await startAuditService({
      bus,
      db,
      logger,
      partitions: 2,
      groupSuffix: '',
      keys,
      instanceId: 'audit-test-1',
      settings: { checkpointIntervalMs: 100, heartbeatIntervalMs: 100 },
    });
    const events = Array.from({ length: 6 }, (_, i) => testEvent('control-tenant', i));
    await bus.publish(events.map((e) => ({ topic: e.type, key: e.id, value: encodeEvent(e) })));
    for (let i = 0; i < 100 && !seen.checkpoints.some((c) => c.treeSize === 6); i++) await new Promise((r) => setTimeout(r, 50));
    await service.stop();
    await sub.close();

    const cp = seen.checkpoints.find((c) => c.treeSize === 6);
    expect(cp).toMatchObject({ tenantId: 'control-tenant', keyId: keys.active.keyId, algorithm: 'ed25519' });
    expect(checkpointSignatureValid(cp as AuditCheckpoint, keys.active.publicKey)).toBe(true);
    const hashes = await db.withTenant('control-tenant', (tx) => tx.query<{ hash: string }>('SELECT hash FROM events ORDER BY seq'));
    expect(cp?.rootHash).toBe(subtreeRoot(hashes.rows.map((r) => leafHash(Buffer.from(r.hash, 'hex')))).toString('hex'));

    const last = seen.heartbeats.at(-1);
    expect(last).toMatchObject({ instanceId: 'audit-test-1', lagTotal: 0 });
    const durable = last?.offsets.reduce((n, o) => n + Number(o.offset), 0);
    expect(durable).toBe(6);
    await bus.close();
    await pglite.close();
  });
});
