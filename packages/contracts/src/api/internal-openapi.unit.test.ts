import SwaggerParser from '@apidevtools/swagger-parser';
import { describe, expect, it } from 'vitest';
import { INTERNAL_APIS, internalOpenApiDocument } from './internal-openapi.js';

type Operation = { operationId: string; parameters: { name: string; in: string }[]; responses: Record<string, unknown> };

describe('internal API OpenAPI document (generated from the tables)', () => {
  const doc = internalOpenApiDocument('0.0.0-test');

  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc['openapi']).toBe('3.1.0');
    // validate() dereferences in place: give it a copy.
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('documents every operation of every table once, with its parameters and every response status', () => {
    const paths = doc['paths'] as Record<string, Record<string, Operation>>;
    const documented = Object.values(paths).flatMap((item) => Object.values(item).map((op) => op.operationId));
    const expected = Object.entries(INTERNAL_APIS).flatMap(([service, spec]) => Object.keys(spec).map((name) => `${service}.${name}`));
    expect(documented.sort()).toEqual(expected.sort());
    for (const [service, spec] of Object.entries(INTERNAL_APIS))
      for (const [name, op] of Object.entries(spec)) {
        const operation = paths[op.path.replace(/:([A-Za-z]+)/g, '{$1}')]?.[op.method.toLowerCase()];
        expect(operation?.operationId).toBe(`${service}.${name}`);
        expect(Object.keys(operation!.responses).sort()).toEqual(Object.keys(op.responses).sort());
        const named = operation!.parameters.map((p) => `${p.in}:${p.name}`);
        for (const [where, schema] of [
          ['path', op.params],
          ['query', 'query' in op ? op.query : undefined],
          ['header', 'headers' in op ? op.headers : undefined],
        ] as const)
          for (const field of Object.keys(schema?.shape ?? {})) expect(named).toContain(`${where}:${field}`);
      }
  });
});
