import { describe, expect, it } from 'vitest';
import { createEvent, decodeEvent, encodeEvent, parseEvent } from './parse-event.js';
import { eventFixture, FIXTURE_IDS } from './testing/fixtures.js';

// A PHI canary: it must never appear in any error a parser returns.
const CANARY = 'Jane Canary DOB 1961-02-03';

function expectNoCanary(value: unknown): void {
  expect(JSON.stringify(value)).not.toContain('Canary');
}

describe('parseEvent', () => {
  it('returns the typed event', () => {
    const result = parseEvent(eventFixture('narrative.copied'));
    expect(result.ok).toBe(true);
    if (result.ok && result.value.type === 'narrative.copied') expect(result.value.payload.length).toBe(1_204);
  });

  it('classifies non-objects and unknown types', () => {
    for (const input of [null, 1, 'x', [], undefined])
      expect(parseEvent(input)).toMatchObject({ ok: false, error: { code: 'not_an_object' } });
    expect(parseEvent({ type: CANARY })).toMatchObject({ ok: false, error: { code: 'unknown_type', issues: [] } });
    expect(parseEvent({ type: 'toString' })).toMatchObject({ ok: false, error: { code: 'unknown_type' } });
    expect(parseEvent({})).toMatchObject({ ok: false, error: { code: 'unknown_type' } });
  });

  it('lists paths and issue codes only, never input values or unknown key names', () => {
    const event = eventFixture('dictation.audio.created') as unknown as Record<string, Record<string, unknown>>;
    event['payload']!['mediaFormat'] = CANARY;
    event['payload']![CANARY] = CANARY;
    event['payload']!['objectRef'] = { bucket: 'input', key: CANARY };
    (event as Record<string, unknown>)['tenantId'] = CANARY;
    (event as Record<string, unknown>)['actor'] = { type: 'user', id: CANARY, role: CANARY };
    const result = parseEvent(event);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expectNoCanary(result);
    expect(result.error.code).toBe('invalid_message');
    expect(result.error.type).toBe('dictation.audio.created');
    expect(result.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'tenantId', code: 'invalid_format' },
        { path: 'payload.mediaFormat', code: 'invalid_value' },
        { path: 'payload.objectRef.key', code: 'invalid_format' },
        { path: 'payload', code: 'unrecognized_keys' },
        { path: 'actor.id', code: 'invalid_format' },
      ]),
    );
    expect(result.error.message).toMatch(/^invalid dictation\.audio\.created: /);
    expect(result.error.message).toContain('payload.mediaFormat invalid_value');
  });

  it('rejects an event consumed from the wrong topic', () => {
    expect(parseEvent(eventFixture('auth.login'), 'narrative.viewed')).toMatchObject({ ok: false, error: { code: 'type_mismatch' } });
    expect(parseEvent(eventFixture('auth.login'), 'auth.login').ok).toBe(true);
  });
});

describe('decodeEvent', () => {
  it('round-trips encodeEvent', () => {
    const event = eventFixture('healthscribe.output.received');
    expect(decodeEvent(encodeEvent(event), 'healthscribe.output.received')).toEqual({ ok: true, value: event });
  });

  it('does not leak the JSON parser message (it quotes the input)', () => {
    const result = decodeEvent(`{"type": ${CANARY}}`);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
    expectNoCanary(result);
    expect(decodeEvent(CANARY)).toMatchObject({ ok: false, error: { code: 'invalid_json' } });
    expectNoCanary(decodeEvent(CANARY));
  });
});

describe('createEvent', () => {
  const deps = { clock: () => Date.parse('2025-03-01T12:00:00.000Z'), newId: () => FIXTURE_IDS.eventId };

  it('fills id, type, version and occurredAt and validates', () => {
    const fixture = eventFixture('narrative.viewed');
    const result = createEvent(
      'narrative.viewed',
      { tenantId: fixture.tenantId, actor: fixture.actor, correlationId: fixture.correlationId, payload: fixture.payload },
      deps,
    );
    expect(result).toEqual({
      ok: true,
      value: {
        id: FIXTURE_IDS.eventId,
        type: 'narrative.viewed',
        version: 1,
        tenantId: fixture.tenantId,
        occurredAt: '2025-03-01T12:00:00.000Z',
        actor: fixture.actor,
        correlationId: fixture.correlationId,
        payload: fixture.payload,
      },
    });
  });

  it('returns a safe error instead of throwing on bad input', () => {
    const fixture = eventFixture('narrative.viewed');
    const result = createEvent(
      'narrative.viewed',
      { tenantId: CANARY, actor: fixture.actor, correlationId: fixture.correlationId, payload: fixture.payload },
      deps,
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_message', issues: [{ path: 'tenantId', code: 'invalid_format' }] } });
    expectNoCanary(result);
  });
});
