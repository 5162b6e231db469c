import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { decodeEvent, TOPIC, toRecord, type NarrativeTarget } from '@medicdraft/contracts';
import { startNarrativeFixture, type NarrativeFixture } from '@medicdraft/narrative/testing';
import {
  createLogger,
  DependencyUnavailableError,
  EventSchemaBugError,
  type EventPublisher,
  type OutgoingRecord,
} from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuditedNarrativeClient } from './audited-narrative-client.js';

const CANARY = 'CANARY-AUDITED-VIEW-9043';
const DICTATION =
  `Dispatched at 1402 for chest pain, patient ${CANARY}. Responded emergent. Arrived on scene at 1411. 67 year old male ` +
  `complains of chest pain. ` +
  'Vitals: BP 158/92, heart rate 96, respirations 20, SpO2 94%. No treatment was indicated. ' +
  'We transported non emergent to Mercy General. Care transferred to the ED RN, patient stable.';

/**
 * Audit before action for narrative views and copies: the real narrative service behind the
 * in-process adapter, the gateway's audited client in front, and a Kafka stand-in whose publish
 * either resolves (acks=all) or rejects (broker unavailable).
 */
describe('audited narrative client: no content unless narrative.viewed / narrative.copied is durable', { timeout: 60_000 }, () => {
  let n: NarrativeFixture;
  let available = true;
  const durable: OutgoingRecord[] = [];
  let attempts = 0;
  const publisher: EventPublisher = {
    async publish(records) {
      attempts += 1;
      if (!available) throw new DependencyUnavailableError('kafka');
      durable.push(...records);
    },
  };
  const logs: string[] = [];
  const logger = createLogger({
    service: 'gateway-test',
    level: 'debug',
    destination: new Writable({
      write(c, _e, cb) {
        logs.push(String(c));
        cb();
      },
    }),
  });
  let tenantId: string;
  let actor: NarrativeTarget;
  let userId: string;
  let dictationId: string;
  const client = () =>
    createAuditedNarrativeClient(n.service.api, {
      publisher,
      clock: Date.now,
      newId: randomUUID,
      logger,
    });

  beforeAll(async () => {
    n = await startNarrativeFixture();
    tenantId = `t-${randomUUID().slice(0, 8)}`;
    userId = randomUUID();
    dictationId = randomUUID();
    actor = {
      params: { tenantId, dictationId },
      headers: { 'x-user-id': userId, 'x-actor-role': 'provider', 'x-request-id': randomUUID() },
    };
    n.setGate(tenantId, 'disabled');
    await n.narrate(tenantId, dictationId, DICTATION);
  });
  afterAll(async () => n?.close());

  it(
    'view: with Kafka unavailable it fails closed (503 audit_unavailable) and returns no content; once Kafka accepts, ' +
      'narrative.viewed precedes the content',
    async () => {
      available = false;
      const before = attempts;
      const refused = client().view(actor);
      await expect(refused).rejects.toMatchObject({ code: 'audit_unavailable', status: 503 });
      await expect(refused).rejects.not.toHaveProperty('sections');
      expect(attempts).toBe(before + 1);
      expect(durable).toEqual([]);

      available = true;
      const doc = await client().view(actor);
      expect(doc.version).toBe(1);
      const viewed = durable.filter((r) => r.topic === TOPIC.NARRATIVE_VIEWED);
      expect(viewed).toHaveLength(1);
      const event = decodeEvent(viewed[0]!.value, TOPIC.NARRATIVE_VIEWED);
      if (!event.ok) throw new Error(event.error.message);
      expect(event.value).toMatchObject({
        tenantId,
        correlationId: dictationId,
        actor: { type: 'user', id: userId, role: 'provider' },
        payload: { dictationId, narrativeId: doc.narrativeId, version: 1 },
      });
    },
  );

  it(
    'copy: with Kafka unavailable it fails closed (503 audit_unavailable) and returns no text; once Kafka accepts, ' +
      'narrative.copied carries version and sha256 of the text',
    async () => {
      available = false;
      durable.length = 0;
      await expect(client().copy(actor)).rejects.toMatchObject({ code: 'audit_unavailable', status: 503 });
      expect(durable).toEqual([]);

      available = true;
      const copy = await client().copy(actor);
      const copied = durable.filter((r) => r.topic === TOPIC.NARRATIVE_COPIED);
      expect(copied).toHaveLength(1);
      expect(copied[0]!.key).toBe(dictationId);
      const event = decodeEvent(copied[0]!.value, TOPIC.NARRATIVE_COPIED);
      if (!event.ok) throw new Error(event.error.message);
      expect(event.value.payload).toEqual({
        dictationId,
        narrativeId: copy.narrativeId,
        version: 1,
        format: 'eso_plain_text',
        length: copy.text.length,
        sha256: copy.sha256,
      });
    },
  );

  it('publishes each record as the shared toRecord makes it (topic = type, registry key, event id and tenant)', () => {
    expect(durable.length).toBeGreaterThan(0);
    for (const record of durable) {
      const event = decodeEvent(record.value);
      if (!event.ok) throw new Error(event.error.message);
      expect(record).toEqual(toRecord(event.value));
    }
  });

  it('an event it built that fails its own schema is a bug (EventSchemaBugError, 500): nothing is published or shown', async () => {
    const before = durable.length;
    const broken = createAuditedNarrativeClient(n.service.api, { publisher, clock: Date.now, newId: () => 'not-a-uuid', logger });
    const refused = broken.view(actor);
    await expect(refused).rejects.toBeInstanceOf(EventSchemaBugError);
    await expect(refused).rejects.toMatchObject({ code: 'event_invalid', status: 500 });
    expect(durable).toHaveLength(before);
  });

  it('puts no narrative text in events or logs (canary)', () => {
    expect(logs.join('\n')).toContain('content withheld');
    expect(`${logs.join('\n')}\n${durable.map((r) => r.value).join('\n')}`).not.toMatch(/CANARY|chest pain|Mercy/);
  });
});
