import { createHash } from 'node:crypto';
import { canonicalJson } from '@medicdraft/platform';
import { describe, expect, it } from 'vitest';
import { chainHash, GENESIS_HASH } from './chain-hash.js';

/**
 * Three events and the chain hashes the audit service computed for them before canonical JSON
 * moved to @medicdraft/platform (and became RFC 8785 with the `canonicalize` library as its test
 * reference): stored chains verify only while these bytes stay the same. They cover nested
 * members, key order by UTF-16 code unit (digits, capitals, non-ASCII), escapes, U+2028, emoji,
 * negative and zero integers, null, empty arrays and an undefined member.
 */
const GOLDEN: { event: unknown; hash: string }[] = [
  {
    event: {
      type: 'dictation.text.created',
      id: '6f1d1c2e-3b4a-4c5d-8e9f-0a1b2c3d4e5f',
      tenantId: 'metro-ems',
      occurredAt: '2026-11-23T10:00:00.000Z',
      correlationId: '0b8e4f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b',
      actor: { type: 'user', id: 'a1b2c3d4-e5f6-4a1b-8c9d-0e1f2a3b4c5d', role: 'provider' },
      schemaVersion: 1,
      payload: {
        dictationId: '0b8e4f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b',
        textRef: { bucket: 'input', key: 'metro-ems/x.txt' },
        bytes: 1024,
        synthetic: true,
      },
    },
    hash: 'a5c042c1bb346819fb370bb5976bb021b97df17a5e0282ecd9725f53138e004d',
  },
  {
    event: {
      type: 'narrative.copied',
      id: '7a2e2d3f-4c5b-4d6e-9f0a-1b2c3d4e5f60',
      tenantId: 'metro-ems',
      occurredAt: '2026-11-23T10:05:00.000Z',
      correlationId: '0b8e4f6a-1c2d-4e3f-9a8b-7c6d5e4f3a2b',
      actor: { type: 'service', id: 'narrative' },
      schemaVersion: 1,
      payload: {
        version: 2,
        format: 'eso_plain_text',
        length: 0,
        delta: -3,
        sha256: 'ab'.repeat(32),
        reason: null,
        missing: [],
        note: undefined,
      },
    },
    hash: 'd94b919491fe8d8b66b880cf8c407d53ca676325c978019dd8181816fe3c4492',
  },
  {
    event: {
      type: 'readiness.gate.changed',
      id: '8b3f3e40-5d6c-4e7f-a01b-2c3d4e5f6071',
      tenantId: 'Zürich-€-😀',
      occurredAt: '2026-11-23T10:06:00.000Z',
      correlationId: '8b3f3e40-5d6c-4e7f-a01b-2c3d4e5f6071',
      actor: { type: 'system', id: 'readiness' },
      schemaVersion: 1,
      payload: {
        gateId: 'kms',
        from: 'ready',
        to: 'planned',
        evidence: [{ code: 'tab\there "quoted" \\ back\u2028', ok: false, value: [1, true, null] }],
        é: 1,
        E: 2,
        '10': 3,
        '9': 4,
      },
    },
    hash: 'cc91ec5dd43b98279159245ba6dfb6db6f65172757e4b3e2878f2d830b9eb50c',
  },
];

describe('the hash chain', () => {
  it('keeps the hashes of chains built before canonical JSON moved to the platform package', () => {
    let prev = GENESIS_HASH;
    for (const { event, hash } of GOLDEN) {
      prev = chainHash(prev, canonicalJson(event));
      expect(prev).toBe(hash);
    }
  });

  it('is invariant to key order and formatting (what a jsonb round trip changes)', () => {
    const a: unknown = JSON.parse('{ "id": "1", "payload": { "b": 2, "a": "é\\u2028" }, "type": "t" }');
    const b: unknown = JSON.parse('{"type":"t","payload":{"a":"é\u2028","b":2},"id":"1"}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('chains: hash = SHA-256(prev hash bytes ‖ canonical event)', () => {
    const canon = canonicalJson({ id: 'e1' });
    const expected = createHash('sha256').update(Buffer.alloc(32)).update(canon).digest('hex');
    expect(chainHash(GENESIS_HASH, canon)).toBe(expected);
    expect(chainHash(expected, canon)).not.toBe(expected);
  });

  it('the one-shot hash equals the streaming reference for multi-byte and long events and for a malformed prev hash', () => {
    const reference = (prev: string, text: string) =>
      createHash('sha256').update(Buffer.from(prev, 'hex')).update(text, 'utf8').digest('hex');
    const prev = 'ab'.repeat(32);
    for (const text of ['', '{"a":"é\u2028😀"}', `{"x":"${'ü😀'.repeat(20_000)}"}`]) {
      expect(chainHash(prev, text)).toBe(reference(prev, text));
    }
    expect(chainHash('zz'.repeat(32), '{}')).toBe(reference('zz'.repeat(32), '{}'));
    expect(chainHash('abc', '{}')).toBe(reference('abc', '{}'));
  });
});
