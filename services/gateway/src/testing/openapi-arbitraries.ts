import fc from 'fast-check';

/**
 * fast-check arbitraries derived from the gateway's OpenAPI document, for the property-based
 * fuzz of the public API: values that satisfy a parameter's or body's JSON Schema, and hostile
 * values that break it in the ways an attacker would. Every hostile string carries `CANARY`, so
 * a response that echoes input can be recognised.
 */
export const CANARY = 'CANARYx9q';

/** The subset of JSON Schema that zod-derived OpenAPI documents use. */
export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  nullable?: boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

const nested = (open: string, close: string, depth: number, inner = '1') => `${open.repeat(depth)}${inner}${close.repeat(depth)}`;
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Strings that have answered 500, echoed input or reached the database unchecked somewhere. */
const HOSTILE_STRINGS: readonly string[] = [
  '',
  ' ',
  CANARY,
  `${CANARY}\u0000`,
  `\u0000${CANARY}`,
  `${CANARY}\uD800`,
  `\uDFFF${CANARY}`,
  `${CANARY}\uD83D`,
  `../../etc/passwd/${CANARY}`,
  `..\\..\\${CANARY}`,
  `${CANARY}/../..`,
  `${CANARY}%00`,
  `%2e%2e%2f${CANARY}`,
  `${CANARY}'; DROP TABLE users; --`,
  `${CANARY}\r\nX-Injected: 1`,
  `<script>${CANARY}</script>`,
  `${CANARY}💥🏥`,
  `ǅ${CANARY}\u202E`,
  'NaN',
  '-NaN',
  'Infinity',
  '-Infinity',
  '-1',
  '-0',
  '0',
  '1e309',
  '9'.repeat(400),
  '0x1F',
  '1.5',
  '  7  ',
  'true',
  'null',
  '[]',
  '{}',
  '9007199254740993',
  '-9007199254740993',
  String(2 ** 31),
  String(-(2 ** 31) - 1),
  `${CANARY}${'A'.repeat(5_000)}`,
  `${'é'.repeat(3_000)}${CANARY}`,
  '0000-01-01T00:00:00Z',
  '+300000-01-01T00:00:00Z',
  '-004713-01-01T00:00:00Z',
  '0001-01-01T00:00:00+14:00',
  '9999-12-31T23:59:59-14:00',
  '1969-12-31T23:59:59Z',
  '2025-02-30T00:00:00Z',
  `2025-01-01T00:00:00Z${CANARY}`,
  b64(['2025-01-01T00:00:00.000Z', `------------------------------------`]),
  b64(['2025-01-01T00:00:00.000Z', `${CANARY}-0000-0000-0000-000000000000`]),
  b64(['0000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
  b64(['+275760-09-13T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
  b64(['-271821-04-20T00:00:00.000Z', 'ffffffff-ffff-4fff-bfff-ffffffffffff']),
  b64([CANARY, 1]),
  b64({ createdAt: CANARY }),
  b64(null),
  `${CANARY}===`,
  '!!!!',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  `00000000-0000-4000-8000-00000000000${CANARY}`,
];

/** Percent-encoding garbage that goes into a URL as is (never encoded again). */
export const RAW_URL_GARBAGE: readonly string[] = [
  '%',
  '%%',
  `%zz${CANARY}`,
  `${CANARY}%E0%A4%A`,
  '%C0%AE%C0%AE',
  `%ED%A0%80${CANARY}`,
  '%FF%FE',
  `%00${CANARY}`,
  `..%2F..%2F${CANARY}`,
  `%2e%2e`,
  `${CANARY}%`,
  `${CANARY}${'%41'.repeat(40)}`,
  'a'.repeat(120) + CANARY,
];

export const hostileString = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map((s) => `${s}${CANARY}`) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => `${CANARY}${s}`) },
  { weight: 1, arbitrary: fc.integer({ min: 20_000, max: 80_000 }).map((n) => `${CANARY}${'x'.repeat(n)}`) },
);

/** Values of the wrong type or out of every sensible range (JSON bodies). */
export const hostileJson: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  {
    weight: 1,
    arbitrary: fc.constantFrom(null, true, false, 0, -1, -0, 1.5, Number.MAX_SAFE_INTEGER + 2, -1e308, 1e308, 2 ** 31, [], {}, [CANARY], {
      [CANARY]: CANARY,
    }),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => ({ [`${CANARY}\u0000`]: v, [CANARY]: `\uD800${CANARY}` })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 33, max: 3_000 }).map((d) => JSON.parse(nested('[', ']', d, JSON.stringify(CANARY))) as unknown),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 33, max: 3_000 }).map((d) => JSON.parse(nested('{"a":', '}', d, JSON.stringify(CANARY))) as unknown),
  },
  {
    weight: 1,
    arbitrary: fc
      .integer({ min: 1, max: 5 })
      .map((n) => Object.fromEntries(Array.from({ length: n * 400 }, (_, i) => [`${CANARY}${i}`, i]))),
  },
);

/** Whole JSON payloads that are not an encoding of any value (sent as text with a JSON type). */
export const hostileJsonText = fc.oneof(
  fc.constantFrom(
    `{"${CANARY}":`,
    `{"a":"${CANARY}\\u0000"}`,
    `{"a":"\\ud800${CANARY}"}`,
    `{"\\u0000${CANARY}":1}`,
    `{"__proto__":{"${CANARY}":1}}`,
    `{"constructor":{"prototype":{"x":"${CANARY}"}}}`,
    `[${CANARY}]`,
    `"${CANARY}"`,
    'null',
    '1e999',
    '-',
    '\uFEFF{}',
    `{"a":1}${CANARY}`,
    `{"a":1,"a":"${CANARY}"}`,
  ),
  fc.integer({ min: 33, max: 12_000 }).map((d) => nested('{"a":', '}', d, `"${CANARY}"`)),
  fc.integer({ min: 33, max: 12_000 }).map((d) => `{"content":${nested('{"a":', '}', d, `"${CANARY}"`)}}`),
  fc.integer({ min: 33, max: 12_000 }).map((d) => nested('[', ']', d)),
);

/** A value that satisfies `schema` (patterns, formats, bounds), or a known-good value of that name. */
export function validValue(schema: JsonSchema, known: readonly unknown[] | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (known !== undefined && known.length > 0) return fc.constantFrom(...known);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((s) => validValue(s, undefined, depth)));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'string': {
      if (schema.format === 'uuid') return fc.uuid();
      if (schema.format === 'email') return fc.emailAddress();
      if (schema.format === 'date-time')
        return fc
          .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
          .map((d) => d.toISOString());
      if (schema.pattern !== undefined)
        return fc.stringMatching(new RegExp(schema.pattern), { maxLength: Math.min(schema.maxLength ?? 64, 64) });
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
    }
    case 'integer':
      return fc.integer({ min: Math.max(schema.minimum ?? -1_000, -1_000_000), max: Math.min(schema.maximum ?? 1_000_000, 1_000_000) });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(schema.items === undefined ? fc.jsonValue({ maxDepth: 2 }) : validValue(schema.items, undefined, depth + 1), {
        maxLength: 4,
      });
    case 'object': {
      const props = schema.properties ?? {};
      const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, validValue(s, undefined, depth + 1)])), {
        requiredKeys: schema.required ?? [],
      });
      const extra = schema.additionalProperties;
      if (typeof extra !== 'object' || depth > 3) return record;
      const values = Object.keys(extra).length === 0 ? fc.jsonValue({ maxDepth: 3 }) : validValue(extra, undefined, depth + 1);
      return fc
        .tuple(record, fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/), values, { maxKeys: 4 }))
        .map(([r, d]) => ({ ...d, ...r }));
    }
    default:
      return fc.jsonValue({ maxDepth: 3 });
  }
}

/** A JSON body for `schema`: valid, valid with one field broken, with extra properties, or hostile whole. */
export function bodyValue(schema: JsonSchema): fc.Arbitrary<unknown> {
  const valid = validValue(schema, undefined);
  const props = Object.keys(schema.properties ?? {});
  const broken =
    props.length === 0
      ? valid
      : fc.tuple(valid, fc.constantFrom(...props), hostileJson).map(([v, k, bad]) => ({ ...(v as object), [k]: bad }));
  const extra = fc.tuple(valid, hostileJson).map(([v, bad]) => (typeof v === 'object' && v !== null ? { ...v, [CANARY]: bad } : v));
  return fc.oneof(
    { weight: 3, arbitrary: valid },
    { weight: 4, arbitrary: broken },
    { weight: 1, arbitrary: extra },
    { weight: 2, arbitrary: hostileJson },
  );
}
