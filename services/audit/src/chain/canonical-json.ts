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
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonical JSON has no non-finite numbers');
      return JSON.stringify(value);
    case 'object': {
      // Plain loops and string concatenation: this runs for every appended event (and for every
      // pre-0004 row verify reads), and map/filter/join allocate an array per level.
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          const v: unknown = value[i];
          out += (i === 0 ? '' : ',') + canonicalJson(v === undefined ? null : v);
        }
        return `${out}]`;
      }
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      let out = '{';
      for (const k of keys) {
        const v = obj[k];
        if (v === undefined) continue;
        out += (out.length === 1 ? '' : ',') + JSON.stringify(k) + ':' + canonicalJson(v);
      }
      return `${out}}`;
    }
    default:
      throw new TypeError(`canonical JSON cannot encode a ${typeof value}`);
  }
}
