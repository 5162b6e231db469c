import { describe, expect, it } from 'vitest';
import { controlKey, eventKey, toRecord } from './event-keys.js';
import { decodeEvent } from './parse-event.js';
import { EVENT_TYPES } from './event-registry.js';
import { SERVICE_NAMES } from './services.js';
import { controlFixture, eventFixture, FIXTURE_IDS, globalHaltStateFixture } from './testing/fixtures.js';
import {
  CONTROL_TOPICS,
  DEFAULT_DOMAIN_PARTITIONS,
  dlqTopicFor,
  DOMAIN_TOPICS,
  isDomainTopic,
  TOPIC,
  TOPICS,
  topicsConsumedBy,
  topicsProducedBy,
} from './topics.js';

describe('topics', () => {
  // The first contract set's fifteen, plus `dictation.reprocess.requested` (an additive topic for
  // `POST …/reprocess`).
  it('name every domain topic', () => {
    expect([...DOMAIN_TOPICS]).toEqual([
      'auth.login',
      'access.denied',
      'dictation.audio.created',
      'dictation.text.created',
      'dictation.reprocess.requested',
      'healthscribe.job.started',
      'healthscribe.output.received',
      'healthscribe.job.failed',
      'narrative.generated',
      'narrative.viewed',
      'narrative.edited',
      'narrative.copied',
      'admin.reference.updated',
      'admin.user.updated',
      'retention.object.deleted',
      'readiness.gate.changed',
      'tenant.settings.updated',
      'tenant.provisioned',
      'narratives.exported',
      'breakglass.granted',
      'breakglass.accessed',
      'breakglass.revoked',
      'qa.review.commented',
      'qa.review.returned',
      'qa.review.resubmitted',
      'qa.review.approved',
      'dictation.incident.corrected',
    ]);
    expect([...CONTROL_TOPICS]).toEqual(['readiness.gate.state', 'audit.heartbeat', 'audit.checkpoint']);
    expect(Object.values(TOPIC).sort()).toEqual([...DOMAIN_TOPICS, ...CONTROL_TOPICS].sort());
    expect(Object.keys(TOPICS).sort()).toEqual([...DOMAIN_TOPICS, ...CONTROL_TOPICS].sort());
  });

  it('registry entries are consistent', () => {
    for (const [name, spec] of Object.entries(TOPICS)) {
      expect(spec.name).toBe(name);
      expect(spec.consumers).not.toContain(spec.producer);
      expect(new Set(spec.consumers).size).toBe(spec.consumers.length);
      expect(spec.kind).toBe((DOMAIN_TOPICS as readonly string[]).includes(name) ? 'domain' : 'control');
    }
  });

  it('audit consumes every domain topic; domain topics have >= 6 partitions and are not compacted', () => {
    for (const name of DOMAIN_TOPICS) {
      expect(TOPICS[name].consumers).toContain('audit');
      expect(TOPICS[name].partitions).toBeGreaterThanOrEqual(6);
      expect(TOPICS[name].compacted).toBe(false);
    }
    expect(DEFAULT_DOMAIN_PARTITIONS).toBeGreaterThanOrEqual(6);
    // Besides every domain topic, the gate state: for readiness' tenant directory only.
    expect(topicsConsumedBy('audit')).toEqual([...DOMAIN_TOPICS, 'readiness.gate.state']);
  });

  it('gate state is compacted, produced by readiness and read by every gated service (and audit, for the directory)', () => {
    const spec = TOPICS['readiness.gate.state'];
    expect(spec.compacted).toBe(true);
    expect(spec.producer).toBe('readiness');
    expect([...spec.consumers].sort()).toEqual(['audit', 'gateway', 'ingest', 'narrative', 'scribe']);
    expect(TOPICS['audit.heartbeat'].consumers).toEqual(['readiness']);
  });

  it('every service produces something', () => {
    for (const service of SERVICE_NAMES) expect(topicsProducedBy(service).length, service).toBeGreaterThan(0);
  });

  it('dead-letter topics are dlq.<group>', () => {
    expect(dlqTopicFor('scribe')).toBe('dlq.scribe');
    expect(dlqTopicFor('audit.v1')).toBe('dlq.audit.v1');
    expect(() => dlqTopicFor('')).toThrow(TypeError);
    expect(() => dlqTopicFor('a b')).toThrow(TypeError);
    expect(isDomainTopic('auth.login')).toBe(true);
    expect(isDomainTopic('readiness.gate.state')).toBe(false);
  });
});

describe('message keys', () => {
  it('dictation-scoped events are keyed by dictation id; others as the registry says', () => {
    for (const type of EVENT_TYPES) {
      const event = eventFixture(type);
      const source = TOPICS[type].key.source;
      const expected =
        source === 'tenantId'
          ? FIXTURE_IDS.tenantId
          : source === 'payload.dictationId'
            ? FIXTURE_IDS.dictationId
            : source === 'payload.referenceId'
              ? 'draatt-default'
              : undefined;
      expect(eventKey(event), type).toBe(expected);
      if ('dictationId' in event.payload && type !== 'retention.object.deleted') expect(source, type).toBe('payload.dictationId');
    }
  });

  it('toRecord: topic is the event type, key as the registry says, value the event itself, with its id and tenant', () => {
    for (const type of EVENT_TYPES) {
      const event = eventFixture(type);
      const record = toRecord(event);
      expect(record, type).toMatchObject({ id: event.id, tenantId: event.tenantId, topic: type, key: eventKey(event) });
      const decoded = decodeEvent(record.value, type);
      expect(decoded.ok && decoded.value, type).toEqual(event);
    }
  });

  it('control messages are keyed by tenant, "*" or instance', () => {
    expect(controlKey('readiness.gate.state', controlFixture('readiness.gate.state'))).toBe(FIXTURE_IDS.tenantId);
    expect(controlKey('readiness.gate.state', globalHaltStateFixture())).toBe('*');
    expect(controlKey('audit.heartbeat', controlFixture('audit.heartbeat'))).toBe('audit-host1-4242');
    expect(controlKey('audit.checkpoint', controlFixture('audit.checkpoint'))).toBe(FIXTURE_IDS.tenantId);
  });
});
