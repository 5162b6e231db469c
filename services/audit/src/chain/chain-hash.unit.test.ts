import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { chainHash, GENESIS_HASH } from './chain-hash.js';
import { createHash } from 'node:crypto';

describe('canonical JSON', () => {
  it('sorts keys at every level, keeps array order, omits undefined and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' }, u: undefined })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('is invariant to key order and formatting (what a jsonb round trip changes)', () => {
    const a = JSON.parse('{ "id": "1", "payload": { "b": 2, "a": "é\\u2028" }, "type": "t" }');
    const b = JSON.parse('{"type":"t","payload":{"a":"é\u2028","b":2},"id":"1"}');
    expect(canonicalJson(a)).toBe(canonicalJson(b));
  });

  it('refuses values JSON cannot represent exactly', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
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
