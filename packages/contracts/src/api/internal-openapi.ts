import { z } from 'zod';
import { ApiErrorSchema, type ApiOperation, type ApiSpec } from './api-spec.js';
import { auditApi } from './audit.api.js';
import { ingestApi } from './ingest.api.js';
import { narrativeApi } from './narrative.api.js';
import { readinessApi } from './readiness.api.js';

/** Every internal API table, by the service that serves it. */
export const INTERNAL_APIS = { ingest: ingestApi, narrative: narrativeApi, readiness: readinessApi, audit: auditApi } as const;

type Json = { [key: string]: unknown };

/** Wire form: what a request or an answer looks like on the wire is the encoded (input) side of a schema. */
const wire = (schema: z.ZodType): Json => {
  const { $schema: _dialect, ...body } = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input', unrepresentable: 'throw' }) as Json;
  return body;
};
const ERROR_REF = { $ref: '#/components/schemas/ApiError' };

function parameters(op: ApiOperation): Json[] {
  const parts: [string, z.ZodObject | undefined][] = [
    ['path', op.params],
    ['query', op.query],
    ['header', op.headers],
  ];
  return parts.flatMap(([where, schema]) =>
    Object.entries(schema?.shape ?? {}).map(([name, field]) => ({
      name,
      in: where,
      required: where === 'path' || !field.safeParse(undefined).success,
      schema: wire(field),
    })),
  );
}

function requestBody(op: ApiOperation): Json | undefined {
  if (op.stream)
    return {
      required: true,
      content: { 'application/octet-stream': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
    };
  if (op.body === undefined) return undefined;
  return { required: !op.body.safeParse(undefined).success, content: { 'application/json': { schema: wire(op.body) } } };
}

function responses(op: ApiOperation): Json {
  return Object.fromEntries(
    Object.entries(op.responses).map(([status, schema]) => {
      const description = Number(status) < 300 ? op.summary : 'Refused or failed: `{error, message}` with a stable code';
      if (Number(status) >= 300) return [status, { description, content: { 'application/json': { schema: ERROR_REF } } }];
      if (schema instanceof z.ZodVoid) return [status, { description }];
      return [status, { description, content: { 'application/json': { schema: wire(schema as z.ZodType) } } }];
    }),
  );
}

function pathItems(service: string, spec: ApiSpec): [string, string, Json][] {
  return Object.entries(spec).map(([name, op]) => {
    const body = requestBody(op);
    return [
      op.path.replace(/:([A-Za-z]+)/g, '{$1}'),
      op.method.toLowerCase(),
      {
        operationId: `${service}.${name}`,
        tags: [service],
        summary: op.summary,
        parameters: parameters(op),
        ...(body === undefined ? {} : { requestBody: body }),
        responses: responses(op),
      },
    ];
  });
}

/**
 * The OpenAPI 3.1 document of every internal API, generated from the same tables the services
 * serve and the gateway calls (so it cannot drift from them). Internal: reachable on the service
 * network only, no authentication of its own — the gateway authenticates the session and passes
 * the verified user in the headers each operation names.
 */
export function internalOpenApiDocument(version: string): Json {
  const paths: Record<string, Json> = {};
  for (const [service, spec] of Object.entries(INTERNAL_APIS))
    for (const [path, method, operation] of pathItems(service, spec)) paths[path] = { ...paths[path], [method]: operation };
  return {
    openapi: '3.1.0',
    info: {
      title: 'MedicDraft internal APIs',
      version,
      description:
        'Synchronous calls between MedicDraft services (the gateway to ingest, narrative, readiness and audit). ' +
        'Service network only; never exposed publicly. Generated from packages/contracts/src/api/*.api.ts.',
    },
    servers: [
      { url: 'http://{service}', description: "A service's internal address", variables: { service: { default: '127.0.0.1:3011' } } },
    ],
    tags: Object.keys(INTERNAL_APIS).map((name) => ({ name, description: `The ${name} service's internal API` })),
    paths,
    components: { schemas: { ApiError: wire(ApiErrorSchema) } },
  };
}
