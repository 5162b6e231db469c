import SwaggerParser from '@apidevtools/swagger-parser';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import type { OpenAPIV3 } from 'openapi-types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, type GatewayHarness } from '../testing/gateway-harness.js';

// ajv-formats is CommonJS: under NodeNext its plugin is the `default` property of the module.
const addFormats = ajvFormats.default;
const REDOCLY_CONFIG = new URL('../../redocly.yaml', import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const UNSAFE = new Set(['put', 'post', 'delete', 'patch']);
const ANY_ID = '7a1c4a52-5d5f-4f0e-9c43-5d0b2a5e0f11';

interface Operation {
  method: (typeof METHODS)[number];
  path: string;
  op: OpenAPIV3.OperationObject;
}

function operationsOf(doc: OpenAPIV3.Document): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item?.[method] === undefined ? [] : [{ method, path, op: item[method] }])),
  );
}

/** A request URL for a documented path: the test tenant and a well-formed id in every parameter. */
function urlOf(path: string): string {
  return path
    .replace('{t}', TENANT_A.id)
    .replace('{kind}', 'template')
    .replace(/\{\w+\}/g, (p) => (p === '{name}' ? 'draatt-default' : ANY_ID));
}

/** The security an operation effectively declares (its own, else the document's). */
const securityOf = (doc: OpenAPIV3.Document, op: OpenAPIV3.OperationObject) => op.security ?? doc.security ?? [];

describe('the public OpenAPI document under third-party validators', { timeout: 60_000 }, () => {
  let h: GatewayHarness;
  let doc: OpenAPIV3.Document;
  let text: string;
  beforeAll(async () => {
    h = await startGatewayHarness();
    const res = await h.inject({ method: 'GET', url: '/v1/openapi.json' });
    text = res.body;
    doc = res.json();
  });
  afterAll(async () => h.close());

  it('passes Redocly lint with the recommended rules: no errors, no warnings', async () => {
    const config = await loadConfig({ configPath: REDOCLY_CONFIG.pathname });
    const problems = await lintFromString({ source: text, absoluteRef: 'openapi.json', config });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? '?'}`)).toEqual([]);
  });

  it('validates with swagger-parser (OpenAPI schema, $refs, unique operationIds, path parameters)', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('every schema compiles under ajv strict mode with formats (ajv 8 knows the OpenAPI 3.0 keyword `nullable`)', () => {
    const ajv = addFormats(new Ajv({ strict: true, allErrors: true }));
    // The components as one schema document (`definitions` is a keyword ajv knows) for the $refs.
    const rebase = (s: unknown) =>
      JSON.parse(JSON.stringify(s).replaceAll('"#/components/schemas/', '"openapi.json#/definitions/')) as object;
    ajv.addSchema(rebase({ definitions: doc.components?.schemas }), 'openapi.json');
    const schemas: [string, unknown][] = Object.keys(doc.components?.schemas ?? {}).map((name) => [
      `#/components/schemas/${name}`,
      { $ref: `#/components/schemas/${name}` },
    ]);
    for (const { method, path, op } of operationsOf(doc)) {
      const at = `${method.toUpperCase()} ${path}`;
      for (const p of (op.parameters ?? []) as OpenAPIV3.ParameterObject[]) schemas.push([`${at} ${p.name}`, p.schema]);
      const body = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content['application/json']?.schema;
      if (body !== undefined) schemas.push([`${at} body`, body]);
      for (const [status, res] of Object.entries(op.responses)) {
        const schema = (res as OpenAPIV3.ResponseObject).content?.['application/json']?.schema;
        if (schema !== undefined) schemas.push([`${at} ${status}`, schema]);
      }
    }
    expect(schemas.length).toBeGreaterThan(100);
    for (const [at, schema] of schemas) expect(() => ajv.compile(rebase(schema)), at).not.toThrow();
  });

  it('declares on each operation exactly the credentials the gateway checks', async () => {
    const owner = await h.login(TENANT_A.id, 'owner');
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(20);
    for (const { method, path, op } of ops) {
      const at = `${method.toUpperCase()} ${path}`;
      const declared = securityOf(doc, op).flatMap((s) => Object.keys(s).sort());
      const anonymous = await h.inject({
        method: method.toUpperCase() as 'GET',
        url: urlOf(path),
        payload: UNSAFE.has(method) ? {} : undefined,
      });
      if (anonymous.statusCode === 401) {
        const withoutCsrf = await h.inject({
          method: method.toUpperCase() as 'GET',
          url: urlOf(path),
          headers: { cookie: owner.cookie },
          payload: UNSAFE.has(method) ? {} : undefined,
        });
        // A download (e.g. the audit export) answers with its own body, not JSON: no CSRF refusal there.
        const isJson = String(withoutCsrf.headers['content-type'] ?? '').startsWith('application/json');
        const csrfChecked = isJson && withoutCsrf.json<{ message?: string }>().message === 'missing or invalid CSRF token';
        expect(declared, at).toEqual(csrfChecked ? ['csrf', 'session'] : ['session']);
      } else {
        expect(declared, at).toEqual([]);
      }
    }
  });
});
