/**
 * Canonical JSON of an audit event: the exact bytes the hash chain and the Merkle leaves cover.
 *
 * Definition (a subset of RFC 8785 JCS that suffices for our events, which hold only strings,
 * booleans, null, safe integers, arrays and objects):
 * - objects: members sorted by key in UTF-16 code-unit order (JavaScript's default sort), members
 *   whose value is `undefined` omitted, no whitespace;
 * - arrays: elements in order;
 * - strings and booleans/null: as `JSON.stringify` writes them;
 * - numbers: finite only, as `JSON.stringify` writes them (integers print without exponent up to
 *   1e21; events only carry small integers).
 * Stored `jsonb` reorders keys and drops insignificant whitespace, and this form is invariant to
 * both, so a verifier recomputes the same bytes from the stored event years later.
 */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no non-finite numbers');
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
  }
}
