import { describe, expect, it } from 'vitest';
import { allEventFixtures, eventFixture } from '../testing/fixtures.js';
import { EventSchemas, EVENT_TYPES, DomainEventSchema, EVENT_VERSIONS, type EventType } from '../event-registry.js';
import { parseEvent } from '../parse-event.js';
import { DOMAIN_TOPICS } from '../topics.js';

type Mutable = Record<string, unknown> & { payload: Record<string, unknown> };
const mutable = (type: EventType): Mutable => eventFixture(type) as unknown as Mutable;

function rejects(type: EventType, input: unknown): void {
  expect(EventSchemas[type].safeParse(input).success).toBe(false);
  expect(DomainEventSchema.safeParse(input).success).toBe(false);
  expect(parseEvent(input).ok).toBe(false);
}

describe('event registry', () => {
  it('has exactly one schema per domain topic, all at version 1', () => {
    expect([...EVENT_TYPES]).toEqual([...DOMAIN_TOPICS]);
    expect(Object.keys(EventSchemas).sort()).toEqual([...DOMAIN_TOPICS].sort());
    for (const type of EVENT_TYPES) expect(EVENT_VERSIONS[type]).toBe(1);
  });

  it('provides a fixture for every event type', () => {
    expect(Object.keys(allEventFixtures()).sort()).toEqual([...DOMAIN_TOPICS].sort());
  });
});

describe.each(EVENT_TYPES.map((t) => [t] as const))('%s', (type) => {
  it('accepts the valid fixture (type schema, union and parseEvent agree)', () => {
    const event = eventFixture(type);
    expect(EventSchemas[type].parse(event)).toEqual(event);
    expect(DomainEventSchema.parse(event)).toEqual(event);
    const parsed = parseEvent(event);
    expect(parsed).toEqual({ ok: true, value: event });
  });

  it('accepts the fixture without the optional causationId and traceparent', () => {
    const { causationId: _c, traceparent: _t, ...rest } = eventFixture(type);
    expect(parseEvent(rest).ok).toBe(true);
  });

  it('rejects a missing or malformed tenantId', () => {
    const missing = mutable(type);
    delete missing['tenantId'];
    rejects(type, missing);
    for (const bad of ['', 'A', 'South-Metro', 'south metro', '*', '-south', 'x'.repeat(64), 'tenant/..']) {
      rejects(type, { ...mutable(type), tenantId: bad });
    }
  });

  it('rejects an unknown type', () => {
    const event = { ...mutable(type), type: `${type}.v2` };
    expect(DomainEventSchema.safeParse(event).success).toBe(false);
    expect(parseEvent(event)).toMatchObject({ ok: false, error: { code: 'unknown_type' } });
  });

  it('rejects an unknown top-level field', () => {
    rejects(type, { ...mutable(type), extra: 'x' });
  });

  it('rejects an unknown payload field, including free-text ones', () => {
    for (const field of ['extra', 'text', 'note', 'name', 'transcript', 'description']) {
      const event = mutable(type);
      event.payload = { ...event.payload, [field]: 'x' };
      rejects(type, event);
    }
  });

  it('rejects a wrong version', () => {
    for (const version of [0, 2, '1', 1.5, null]) rejects(type, { ...mutable(type), version });
  });

  it('rejects malformed envelope fields', () => {
    rejects(type, { ...mutable(type), id: 'not-a-uuid' });
    rejects(type, { ...mutable(type), occurredAt: '2025-03-01 12:00:00' });
    rejects(type, { ...mutable(type), occurredAt: '2025-03-01T12:00:00+02:00' });
    rejects(type, { ...mutable(type), correlationId: 'req-1' });
    rejects(type, { ...mutable(type), causationId: 'x' });
    rejects(type, { ...mutable(type), traceparent: '00-00000000000000000000000000000000-00f067aa0ba902b7-01' });
    rejects(type, { ...mutable(type), actor: { type: 'user', id: 'jane@example.org' } });
    rejects(type, { ...mutable(type), actor: { type: 'service', id: 'scribe', role: 'admin' } });
    rejects(type, { ...mutable(type), actor: { type: 'robot', id: 'scribe' } });
    rejects(type, { ...mutable(type), payload: null });
  });
});

describe('event-specific rules', () => {
  it('dictation.text.created only exists for synthetic text', () => {
    const event = mutable('dictation.text.created');
    event.payload['synthetic'] = false;
    rejects('dictation.text.created', event);
  });

  it('dictation.reprocess.requested: audio names its format, text names none, attempts start at 2', () => {
    const accepts = (e: unknown) => expect(parseEvent(e).ok).toBe(true);
    const text = mutable('dictation.reprocess.requested');
    accepts(text);
    rejects('dictation.reprocess.requested', { ...text, payload: { ...text.payload, mediaFormat: 'wav' } });
    accepts({ ...text, payload: { ...text.payload, kind: 'audio', mediaFormat: 'wav' } });
    rejects('dictation.reprocess.requested', { ...text, payload: { ...text.payload, kind: 'audio' } });
    rejects('dictation.reprocess.requested', { ...text, payload: { ...text.payload, attempt: 1 } });
  });

  it('object references accept tenant paths and HealthScribe output keys, not traversal or other buckets', () => {
    const ok = ['t1/2025/03/01/abc/audio.wav', 'job-1/transcript.json', 'a'];
    const bad = ['../etc/passwd', 'a/../b', 'a//b', '/abs', 'a/ b', 'a/.hidden', 'a\\b', ''];
    for (const key of ok) {
      const event = mutable('dictation.audio.created');
      event.payload['objectRef'] = { bucket: 'input', key };
      expect(parseEvent(event).ok, key).toBe(true);
    }
    for (const key of bad) {
      const event = mutable('dictation.audio.created');
      event.payload['objectRef'] = { bucket: 'input', key };
      expect(parseEvent(event).ok, key).toBe(false);
    }
    const otherBucket = mutable('dictation.audio.created');
    otherBucket.payload['objectRef'] = { bucket: 'medicdraft-prod-input', key: 'a' };
    rejects('dictation.audio.created', otherBucket);
  });

  it('digests are lower-case hex sha256', () => {
    for (const sha256 of ['A'.repeat(64), 'a'.repeat(63), 'g'.repeat(64)]) {
      const event = mutable('narrative.copied');
      event.payload['sha256'] = sha256;
      rejects('narrative.copied', event);
    }
  });

  it('job names follow the HealthScribe pattern', () => {
    const event = mutable('healthscribe.job.started');
    event.payload['jobName'] = 'has space';
    rejects('healthscribe.job.started', event);
  });

  it('narrative element lists only take element codes', () => {
    const event = mutable('narrative.generated');
    event.payload['missingElements'] = ['patient was found confused'];
    rejects('narrative.generated', event);
  });

  it('readiness.gate.changed allows from=null for the first evaluation', () => {
    const event = mutable('readiness.gate.changed');
    event.payload['from'] = null;
    expect(parseEvent(event).ok).toBe(true);
  });

  it('tenant.settings.updated needs at least one known key', () => {
    const empty = mutable('tenant.settings.updated');
    empty.payload['changed'] = [];
    rejects('tenant.settings.updated', empty);
    const unknown = mutable('tenant.settings.updated');
    unknown.payload['changed'] = ['baa_document_text'];
    rejects('tenant.settings.updated', unknown);
  });

  it('access.denied codes are lower-case route ids, not URLs', () => {
    for (const routeCode of ['/v1/tenants/t1/dictations', 'Dictations Create']) {
      const event = mutable('access.denied');
      event.payload['routeCode'] = routeCode;
      rejects('access.denied', event);
    }
  });
});

describe('stored sizes of narrative versions (usage)', () => {
  const key = 't-fixture/2025/03/01/d/narrative/e.json';
  it.each(['narrative.generated', 'narrative.edited'] as const)(
    '%s takes the optional contentRef and contentBytes, nothing else',
    (type) => {
      const event = mutable(type);
      const ref = {
        bucket: 'output',
        key: `${event['tenantId'] as string}/2025/03/01/${String(event.payload['dictationId'])}/narrative/x.json`,
      };
      expect(parseEvent({ ...event, payload: { ...event.payload, contentRef: ref, contentBytes: 2_048 } }).ok).toBe(true);
      rejects(type, { ...event, payload: { ...event.payload, contentRef: ref, contentBytes: -1 } });
      rejects(type, { ...event, payload: { ...event.payload, contentRef: ref, contentBytes: 1.5 } });
      rejects(type, { ...event, payload: { ...event.payload, contentRef: { bucket: 'output', key: `${key} with text` } } });
    },
  );
});
