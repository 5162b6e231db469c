import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ControlSchemas } from './control/control-registry.js';
import { EventSchemas, EVENT_TYPES } from './event-registry.js';
import { allJsonSchemas, controlJsonSchema, eventJsonSchema, JSON_SCHEMA_DIALECT, type JsonSchema } from './json-schema.js';
import { controlFixture, eventFixture, globalHaltStateFixture, sandboxGateStateFixture } from './testing/fixtures.js';
import { CONTROL_TOPICS, DOMAIN_TOPICS } from './topics.js';

// ajv-formats is CommonJS: under NodeNext its plugin is the `default` property of the module.
const addFormats = ajvFormats.default;

/**
 * String fields that may be constrained by a pattern alone (no enum/const/format). Each is an
 * identifier, digest or code. A new pattern-only string field must be added here deliberately.
 */
const PATTERNED_ID_FIELDS = new Set([
  'tenantId',
  'requestedTenantId',
  // The tenant directory of the global gate record: tenant ids.
  'tenants',
  'key',
  'jobName',
  'routeCode',
  'referenceId',
  'engineVersion',
  'instanceId',
  'offset',
  'keyId',
  'signature',
  'rootHash',
  'sha256',
  'inputSha256',
  'transcriptSha256',
  'clinicalDocumentSha256',
  // A tenant-keyed HMAC of an incident number (64 hex): not reversible without the deployment's secret.
  'incidentKey',
  'previousIncidentKey',
  'traceparent',
  // Narrative lineage: the Bedrock model id and the drafting prompt's version (configuration, not content).
  'modelId',
  'promptVersion',
  // QA review: a template section key and the ids of failed protocol rules (tenant reference slugs).
  'sectionKey',
  'failedRules',
]);

/** Property names that suggest free text (possible PHI) and must never appear in a message. */
const FREE_TEXT_NAMES = [
  ...['text', 'texts', 'note', 'notes', 'name', 'names', 'transcript', 'transcripts', 'description', 'comment', 'comments'],
  ...['message', 'summary', 'content', 'body', 'freetext', 'free_text', 'email', 'phone', 'address', 'dob', 'mrn', 'ssn'],
];
const FORBIDDEN_FIELD = new RegExp(`^(${FREE_TEXT_NAMES.join('|')})$|patient`, 'i');
/** Pattern fragments that would let arbitrary prose through. */
const PERMISSIVE_PATTERN = /\.\*|\.\+|\\s|\\S|\\w|\[\^| /;

/** Returns every violation of the "no free-text PHI fields" rule in a JSON Schema. */
function freeTextViolations(schema: unknown, path = '$', field = ''): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as JsonSchema;
  const out: string[] = [];
  const properties = node['properties'] as Record<string, unknown> | undefined;
  if (properties !== undefined) {
    if (node['additionalProperties'] !== false) out.push(`${path}: object is not strict`);
    for (const [name, sub] of Object.entries(properties)) {
      if (FORBIDDEN_FIELD.test(name)) out.push(`${path}.${name}: forbidden field name`);
      out.push(...freeTextViolations(sub, `${path}.${name}`, name));
    }
  } else if (node['type'] === 'object') {
    // A record: keys must be an enum, values are walked like fields.
    const keys = node['propertyNames'] as JsonSchema | undefined;
    if (keys?.['enum'] === undefined) out.push(`${path}: record keys are not an enum`);
    out.push(...freeTextViolations(node['additionalProperties'], `${path}[*]`, field));
  }
  for (const combinator of ['anyOf', 'oneOf', 'allOf'] as const) {
    for (const [i, sub] of ((node[combinator] as unknown[] | undefined) ?? []).entries())
      out.push(...freeTextViolations(sub, `${path}/${combinator}${i}`, field));
  }
  if (node['items'] !== undefined) out.push(...freeTextViolations(node['items'], `${path}[]`, field));
  if (node['type'] === 'string') {
    const constrained = node['enum'] !== undefined || node['const'] !== undefined || node['format'] !== undefined;
    const pattern = node['pattern'];
    if (!constrained) {
      if (typeof pattern !== 'string') out.push(`${path}: unconstrained string`);
      else {
        if (!PATTERNED_ID_FIELDS.has(field)) out.push(`${path}: pattern-only string not in the id allowlist`);
        if (!pattern.startsWith('^') || !pattern.endsWith('$')) out.push(`${path}: pattern is not anchored`);
        if (PERMISSIVE_PATTERN.test(pattern)) out.push(`${path}: pattern admits free text`);
      }
    }
  }
  return out;
}

describe('no free-text PHI fields', () => {
  it.each([...DOMAIN_TOPICS, ...CONTROL_TOPICS].map((t) => [t] as const))('%s has none', (name) => {
    expect(freeTextViolations(allJsonSchemas()[name])).toEqual([]);
  });

  it('the check detects free text (so it can fail)', () => {
    const bad = (shape: z.ZodRawShape) => freeTextViolations(z.toJSONSchema(z.strictObject(shape), { io: 'input' }));
    expect(bad({ note: z.enum(['a']) })).toEqual(['$.note: forbidden field name']);
    expect(bad({ patientId: z.uuid() })).toEqual(['$.patientId: forbidden field name']);
    expect(bad({ reason: z.string() })).toEqual(['$.reason: unconstrained string']);
    expect(bad({ reason: z.string().max(10) })).toEqual(['$.reason: unconstrained string']);
    expect(bad({ tenantId: z.string().regex(/^.*$/) })).toEqual(['$.tenantId: pattern admits free text']);
    expect(bad({ tenantId: z.string().regex(/[a-z ]+/) })).toEqual([
      '$.tenantId: pattern is not anchored',
      '$.tenantId: pattern admits free text',
    ]);
    expect(bad({ code: z.string().regex(/^[a-z]+$/) })).toEqual(['$.code: pattern-only string not in the id allowlist']);
    expect(bad({ list: z.array(z.string()) })).toEqual(['$.list[]: unconstrained string']);
    expect(bad({ nested: z.object({ a: z.enum(['x']) }) })).toEqual(['$.nested: object is not strict']);
    expect(bad({ map: z.record(z.string(), z.boolean()) })).toEqual(['$.map: record keys are not an enum']);
    expect(bad({ either: z.union([z.literal('a'), z.string()]) })).toEqual(['$.either/anyOf1: unconstrained string']);
  });
});

describe('generated JSON Schema', () => {
  // ajv's strict mode in full (strictRequired and strictTypes included) with its format validators:
  // what a consumer validating our messages with a standard validator will run.
  const compile = (schema: JsonSchema) => addFormats(new Ajv2020({ strict: true, allErrors: true })).compile(schema);

  it('is draft 2020-12 with a stable $id for every message', () => {
    const schemas = allJsonSchemas();
    expect(Object.keys(schemas)).toEqual([...DOMAIN_TOPICS, ...CONTROL_TOPICS]);
    for (const type of DOMAIN_TOPICS) {
      expect(schemas[type]['$schema']).toBe(JSON_SCHEMA_DIALECT);
      expect(schemas[type]['$id']).toBe(`urn:medicdraft:schema:${type}:v1`);
    }
    expect(schemas['audit.heartbeat']['$id']).toBe('urn:medicdraft:schema:audit.heartbeat');
  });

  it.each(EVENT_TYPES.map((t) => [t] as const))('%s agrees with zod on valid and invalid events', (type) => {
    const validate = compile(eventJsonSchema(type));
    const event = eventFixture(type) as unknown as Record<string, Record<string, unknown>>;
    expect(validate(event), JSON.stringify(validate.errors)).toBe(true);
    const invalid: unknown[] = [
      { ...event, extra: 1 },
      { ...event, payload: { ...event['payload'], extra: 1 } },
      { ...event, version: 2 },
      { ...event, tenantId: 'Bad Tenant' },
      { ...event, type: 'auth.logout' },
    ];
    for (const candidate of invalid) {
      expect(EventSchemas[type].safeParse(candidate).success).toBe(false);
      expect(validate(candidate)).toBe(false);
    }
  });

  it.each(CONTROL_TOPICS.map((t) => [t] as const))('%s agrees with zod on valid and invalid messages', (topic) => {
    const validate = compile(controlJsonSchema(topic));
    const message = controlFixture(topic) as unknown as Record<string, unknown>;
    expect(validate(message), JSON.stringify(validate.errors)).toBe(true);
    const invalid = { ...message, extra: 1 };
    expect(ControlSchemas[topic].safeParse(invalid).success).toBe(false);
    expect(validate(invalid)).toBe(false);
  });

  it('accepts the global halt record and rejects a tenant state without gates', () => {
    const validate = compile(controlJsonSchema('readiness.gate.state'));
    expect(validate(globalHaltStateFixture())).toBe(true);
    const { gates: _g, ...noGates } = sandboxGateStateFixture();
    expect(validate(noGates)).toBe(false);
  });
});
