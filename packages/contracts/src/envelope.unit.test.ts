import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ActorSchema, defineEvent, TENANT_ID_PATTERN, TRACEPARENT_PATTERN } from './envelope.js';
import { FIXTURE_IDS } from './testing/fixtures.js';

describe('tenant id', () => {
  it('is a lower-case slug of 2-63 characters', () => {
    for (const ok of ['ab', 'south-metro-fire', '0tenant', 'a'.repeat(63)]) expect(TENANT_ID_PATTERN.test(ok), ok).toBe(true);
    for (const bad of ['a', 'a'.repeat(64), 'South', 'a_b', 'a b', '-ab', '*', 'a.b', 'a/b'])
      expect(TENANT_ID_PATTERN.test(bad), bad).toBe(false);
  });
});

describe('traceparent', () => {
  it('follows W3C trace context', () => {
    expect(TRACEPARENT_PATTERN.test(FIXTURE_IDS.traceparent)).toBe(true);
    expect(TRACEPARENT_PATTERN.test('ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')).toBe(false);
    expect(TRACEPARENT_PATTERN.test('00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01')).toBe(false);
    expect(TRACEPARENT_PATTERN.test('00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01')).toBe(false);
  });
});

describe('actor', () => {
  it('is a user (uuid, optional role) or a named service', () => {
    expect(ActorSchema.safeParse({ type: 'user', id: FIXTURE_IDS.providerId }).success).toBe(true);
    expect(ActorSchema.safeParse({ type: 'user', id: FIXTURE_IDS.providerId, role: 'qa' }).success).toBe(true);
    expect(ActorSchema.safeParse({ type: 'service', id: 'readiness' }).success).toBe(true);
    expect(ActorSchema.safeParse({ type: 'user', id: FIXTURE_IDS.providerId, role: 'root' }).success).toBe(false);
    expect(ActorSchema.safeParse({ type: 'service', id: 'cron' }).success).toBe(false);
    expect(ActorSchema.safeParse({ type: 'user', id: FIXTURE_IDS.providerId, name: 'x' }).success).toBe(false);
  });
});

describe('defineEvent', () => {
  const Sample = defineEvent('sample.happened', 3, z.strictObject({ count: z.int() }));
  const valid = {
    id: FIXTURE_IDS.eventId,
    type: 'sample.happened',
    version: 3,
    tenantId: FIXTURE_IDS.tenantId,
    occurredAt: FIXTURE_IDS.occurredAt,
    actor: { type: 'service', id: 'audit' },
    correlationId: FIXTURE_IDS.requestId,
    payload: { count: 1 },
  };

  it('builds a strict envelope with literal type and version', () => {
    expect(Sample.parse(valid)).toEqual(valid);
    expect(Sample.safeParse({ ...valid, type: 'other' }).success).toBe(false);
    expect(Sample.safeParse({ ...valid, version: 1 }).success).toBe(false);
    expect(Sample.safeParse({ ...valid, extra: 1 }).success).toBe(false);
    expect(Sample.safeParse({ ...valid, payload: { count: 1, extra: 1 } }).success).toBe(false);
  });

  it('requires every mandatory envelope field', () => {
    for (const field of ['id', 'type', 'version', 'tenantId', 'occurredAt', 'actor', 'correlationId', 'payload']) {
      const copy: Record<string, unknown> = { ...valid };
      delete copy[field];
      expect(Sample.safeParse(copy).success, field).toBe(false);
    }
  });
});
