/**
 * RFC 8785 (JSON Canonicalization Scheme) text of a JSON value — the exact bytes the audit hash
 * chain and its Merkle leaves cover, and the form the gateway digests reference content in:
 * - objects: members sorted by name in UTF-16 code-unit order (JavaScript's default sort), members
 *   whose value is `undefined` omitted, no whitespace;
 * - arrays: elements in order, an `undefined` element written as null;
 * - strings, booleans and null as `JSON.stringify` writes them;
 * - numbers: finite only, as `JSON.stringify` writes them (ECMAScript's shortest round-trip form,
 *   which is the number serialisation RFC 8785 prescribes).
 * What is not JSON data is refused with a TypeError instead of being written some way: functions,
 * symbols, bigints, non-finite numbers, objects other than plain ones (a Date would otherwise become
 * `{}`), and strings holding a lone surrogate (RFC 8785 takes I-JSON input; jsonb cannot store one).
 * Stored `jsonb` reorders keys and drops insignificant whitespace, and this form is invariant to
 * both, so a verifier recomputes the same bytes from a stored event years later.
 *
 * Hand-written rather than the `canonicalize` library, which the unit tests use as the reference:
 * both write the same text, but this runs for every appended audit event and the library took
 * about twice the time per event (plain loops and string concatenation here; no per-level arrays).
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return quote(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no non-finite numbers');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          out += (i === 0 ? '' : ',') + canonicalJson(v === undefined ? null : v);
        }
        return `${out}]`;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new TypeError('canonical JSON encodes plain objects only');
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += (out.length === 1 ? '' : ',') + quote(k) + ':' + canonicalJson(v);
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
  }
}

function quote(s: string): string {
  // String.prototype.isWellFormed is ES2024 (Node 20 has it); the repository's lib is ES2023.
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) throw new TypeError('canonical JSON has no lone surrogates');
  return JSON.stringify(s);
}
