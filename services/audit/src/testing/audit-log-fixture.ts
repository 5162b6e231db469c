import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { DOMAIN_TOPICS, type DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import type { Database, Logger } from '@medicdraft/platform';
import { toAuditRecord } from '../audit-record.js';
import { appendAuditRecords } from '../audit-store.js';
import { createCheckpointer } from '../checkpoint/checkpointer.js';
import { signingKeyFromPem, type KeyRing, type SigningKey } from '../checkpoint/signing-keys.js';
import type { CheckpointWitness } from '../witness/checkpoint-witness.js';

/** A fresh Ed25519 signing key (tests). */
export function testSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('ed25519');
  return signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
}

export function testKeyRing(key = testSigningKey()): KeyRing {
  return { active: key, all: [key] };
}

/** A valid event of a rotating domain type for `tenantId`, occurring `i` seconds after a base time. */
export function testEvent(tenantId: string, i: number): DomainEvent {
  const type = DOMAIN_TOPICS[i % DOMAIN_TOPICS.length] as (typeof DOMAIN_TOPICS)[number];
  const base = eventFixture(type) as DomainEvent;
  return { ...base, id: randomUUID(), tenantId, occurredAt: new Date(Date.UTC(2030, 0, 1) + i * 1000).toISOString() } as DomainEvent;
}

/**
 * Builds a real audit log through the service's own append path and checkpointer: `count` events
 * for `tenantId`, appended in batches of `checkpointEvery`, with a signed checkpoint after each batch.
 */
export async function buildAuditLog(
  db: Database,
  opts: { tenantId: string; count: number; checkpointEvery: number; keys: KeyRing; logger: Logger; witness?: CheckpointWitness },
): Promise<DomainEvent[]> {
  const events = Array.from({ length: opts.count }, (_, i) => testEvent(opts.tenantId, i));
  const checkpointer = createCheckpointer({
    db,
    keys: opts.keys,
    logger: opts.logger,
    intervalMs: 60_000,
    everyEvents: Number.MAX_SAFE_INTEGER,
    ...(opts.witness ? { witness: opts.witness } : {}),
  });
  for (let i = 0; i < events.length; i += opts.checkpointEvery) {
    const batch = events.slice(i, i + opts.checkpointEvery);
    const links = await appendAuditRecords(
      db,
      opts.tenantId,
      batch.map((e, j) => toAuditRecord(e, { topic: e.type, partition: 0, offset: String(i + j) })),
    );
    checkpointer.noteAppended(opts.tenantId, links.length);
    await checkpointer.flush();
  }
  return events;
}
