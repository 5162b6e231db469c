import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger';
import type { FastifyContextConfig } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';
import type { OpenAPIV3 } from 'openapi-types';

import type { z } from 'zod';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * Request headers the document lists though the route does not validate them: a protocol
     * library behind the route checks them and answers with its own status (tus: 412, 409).
     */
    documentedHeaders?: z.ZodType;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const SESSION = 'session';
const CSRF = 'csrf';

/** `dictations.get` → `dictationsGet`: the route code, unique per route, as an operationId. */
export function operationIdOf(routeCode: string): string {
  return routeCode.replace(/[._-]([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

/**
 * What the access guard checks, per operation: nothing on public routes (sign-in, enrolment), the
 * session cookie on reads, the session cookie and the CSRF token on unsafe methods.
 */
function securityOf(config: FastifyContextConfig | undefined, methods: string[]): OpenAPIV3.SecurityRequirementObject[] {
  if (config?.sessionRequired !== true) return [];
  return methods.some((m) => UNSAFE.has(m)) ? [{ [SESSION]: [], [CSRF]: [] }] : [{ [SESSION]: [] }];
}

/**
 * The zod transform of each route, plus what the route's options know and its schema does not:
 * the operationId (from the route code) and the security the guard really applies.
 */
export const openApiRouteTransform: SwaggerTransform = (input) => {
  const config = input.route.config as FastifyContextConfig | undefined;
  const documented = config?.documentedHeaders;
  const out = jsonSchemaTransform(
    (documented === undefined ? input : { ...input, schema: { ...input.schema, headers: documented } }) as Parameters<
      typeof jsonSchemaTransform
    >[0],
  );
  if ((out.schema as { hide?: boolean }).hide === true) return out;
  const method = input.route.method;
  const extra = {
    ...(config?.routeCode === undefined ? {} : { operationId: operationIdOf(config.routeCode) }),
    security: securityOf(
      config,
      (Array.isArray(method) ? method : [method]).map((m) => m.toUpperCase()),
    ),
  };
  return { ...out, schema: { ...out.schema, ...extra } };
};

/** Every `$ref` target (`#/components/schemas/<name>`) named anywhere in `node`. */
function schemaRefs(node: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(node)) for (const item of node) schemaRefs(item, into);
  else if (typeof node === 'object' && node !== null) {
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/'))
        into.add(value.slice('#/components/schemas/'.length));
      else schemaRefs(value, into);
    }
  }
  return into;
}

/**
 * The zod transform registers every schema with an id twice, as `<Id>` (responses) and
 * `<Id>Input` (requests), whether or not an operation uses both. Only components an operation
 * reaches (directly or through another component) are kept.
 */
export const openApiDocumentTransform: SwaggerTransformObject = (input) => {
  const doc = jsonSchemaTransformObject(input) as OpenAPIV3.Document;
  const all = doc.components?.schemas ?? {};
  const used = schemaRefs(doc.paths, new Set());
  for (const pending = [...used]; pending.length > 0;) {
    for (const name of schemaRefs(all[pending.pop() ?? ''], new Set())) {
      if (!used.has(name)) {
        used.add(name);
        pending.push(name);
      }
    }
  }
  const schemas = Object.fromEntries(Object.entries(all).filter(([name]) => used.has(name)));
  return { ...doc, paths: withoutHeadBodies(doc.paths), components: { ...doc.components, schemas } };
};

/** A HEAD answer has no body (HTTP): its responses keep their status, description and headers only. */
function withoutHeadBodies(paths: OpenAPIV3.PathsObject): OpenAPIV3.PathsObject {
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => {
      const head = item?.head;
      if (head === undefined) return [path, item];
      const responses = Object.fromEntries(
        Object.entries(head.responses).map(([status, r]) => {
          if ('$ref' in r) return [status, r];
          const { content: _body, ...rest } = r;
          return [status, rest];
        }),
      );
      return [path, { ...item, head: { ...head, responses } }];
    }),
  );
}
