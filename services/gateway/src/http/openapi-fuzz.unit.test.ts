import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import type { Role } from '@medicdraft/contracts';
import { createLogger } from '@medicdraft/platform';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayHarness, TENANT_A, TENANT_B, type GatewayHarness, type SignedIn } from '../testing/gateway-harness.js';
import {
  bodyValue,
  CANARY,
  hostileJson,
  hostileJsonText,
  hostileString,
  RAW_URL_GARBAGE,
  validValue,
  type JsonSchema,
} from '../testing/openapi-arbitraries.js';

/**
 * Property: whatever a client sends to any operation of the OpenAPI document — valid, boundary
 * or hostile path parameters, query parameters and bodies, signed in under any role or not —
 * the gateway answers below 500 (503 only where the operation documents it), every failure is
 * exactly `{error, message}`, and no failure body, no header and no log line repeats input.
 * The seed is fixed so CI runs the same requests every time; fast-check prints it on failure.
 */
const SEED = 1_200_412;
const RUNS_PER_OPERATION = 490;
// A successful logout costs a new sign-in (a password hash) and logout takes no input to vary.
const LOGOUT = '/v1/auth/logout';
const LOGOUT_RUNS = 100;
const FUZZ_ADDRESS = '198.51.100.7';

interface Param {
  name: string;
  in: 'path' | 'query';
  schema: JsonSchema;
}
interface Operation {
  method: string;
  path: string;
  params: Param[];
  body?: JsonSchema;
  responses: string[];
}
interface OpenApiOperation {
  parameters?: Param[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
}

function operationsOf(doc: { paths: Record<string, Record<string, OpenApiOperation>> }): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      params: op.parameters ?? [],
      ...(op.requestBody?.content?.['application/json'] === undefined ? {} : { body: op.requestBody.content['application/json'].schema }),
      responses: Object.keys(op.responses),
    })),
  );
}

type SessionKey = 'anonymous' | 'provider' | 'qa' | 'admin' | 'owner' | 'provider-b';
const SIGNED_IN: Record<Exclude<SessionKey, 'anonymous'>, { tenant: string; role: Role }> = {
  provider: { tenant: TENANT_A.id, role: 'provider' },
  qa: { tenant: TENANT_A.id, role: 'qa' },
  admin: { tenant: TENANT_A.id, role: 'admin' },
  owner: { tenant: TENANT_A.id, role: 'owner' },
  'provider-b': { tenant: TENANT_B.id, role: 'provider' },
};

/** A URL component: encoded, or (for garbage) sent as is. Lone surrogates cannot be encoded. */
function component(value: { raw: string } | { value: unknown }): string {
  if ('raw' in value) return value.raw;
  try {
    return encodeURIComponent(String(value.value));
  } catch {
    return `%ED%A0%80${CANARY}`;
  }
}
const componentArb = (schema: JsonSchema, known: readonly unknown[] | undefined) =>
  fc.oneof(
    { weight: 4, arbitrary: validValue(schema, known).map((value) => ({ value })) },
    { weight: 4, arbitrary: hostileString.map((value) => ({ value })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_URL_GARBAGE).map((raw) => ({ raw })) },
  );

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'text/plain',
  `application/${CANARY}`,
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=----fuzz',
  `multipart/form-data; boundary=${CANARY}`,
];

function requestArb(op: Operation, known: Record<string, readonly unknown[]>) {
  const pathParams = op.params.filter((p) => p.in === 'path');
  const queryParams = op.params.filter((p) => p.in === 'query');
  const path = fc
    .tuple(...pathParams.map((p) => componentArb(p.schema, known[p.name])))
    .map((values) => pathParams.reduce((url, p, i) => url.replace(`{${p.name}}`, component(values[i]!)), op.path));
  const query = fc
    .tuple(
      fc.tuple(...queryParams.map((p) => fc.option(componentArb(p.schema, known[p.name]), { nil: undefined }))),
      fc.option(hostileString, { nil: undefined }),
      fc.boolean(),
    )
    .map(([values, extra, duplicate]) => {
      const parts = queryParams.flatMap((p, i) => (values[i] === undefined ? [] : [`${p.name}=${component(values[i])}`]));
      if (extra !== undefined) parts.push(`${CANARY}=${component({ value: extra })}`);
      if (duplicate && parts.length > 0) parts.push(parts[0]!);
      return parts.length === 0 ? '' : `?${parts.join('&')}`;
    });
  const json = (schema: JsonSchema | undefined) =>
    (schema === undefined ? hostileJson : bodyValue(schema)).map((v) => ({
      contentType: 'application/json',
      payload: JSON.stringify(v) ?? 'null',
    }));
  const body = fc.oneof(
    { weight: op.body === undefined ? 1 : 8, arbitrary: json(op.body) },
    { weight: 2, arbitrary: hostileJsonText.map((payload) => ({ contentType: 'application/json', payload })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.constantFrom(...CONTENT_TYPES), hostileString).map(([contentType, payload]) => ({ contentType, payload })),
    },
    { weight: op.body === undefined ? 6 : 1, arbitrary: fc.constant(undefined) },
  );
  return fc.record({
    session: fc.constantFrom<SessionKey>('anonymous', 'provider', 'provider', 'qa', 'admin', 'admin', 'owner', 'owner', 'provider-b'),
    csrf: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    url: fc.tuple(path, query).map(([p, q]) => `${p}${q}`),
    body,
  });
}

/** Why `res` breaks the property, or undefined. */
function violation(op: Operation, res: LightMyRequestResponse): string | undefined {
  const documented503 = op.responses.includes('503');
  if (res.statusCode >= 500 && !(res.statusCode === 503 && documented503)) return `status ${res.statusCode}`;
  if (JSON.stringify(res.headers).includes(CANARY)) return 'a header echoes input';
  // A HEAD answer has no body by HTTP: only its status and headers can be judged.
  if (res.statusCode < 400 || op.method === 'HEAD') return undefined;
  if (res.body.includes(CANARY)) return 'the error body echoes input';
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return 'the error body is not JSON';
  }
  const ok =
    typeof body === 'object' &&
    body !== null &&
    Object.keys(body).sort().join(',') === 'error,message' &&
    typeof (body as { error: unknown }).error === 'string' &&
    typeof (body as { message: unknown }).message === 'string';
  return ok ? undefined : 'the error body is not exactly {error, message}';
}

describe('public API under OpenAPI-driven property-based fuzzing', { timeout: 360_000 }, () => {
  let h: GatewayHarness;
  const lines: string[] = [];
  const sessions = new Map<SessionKey, SignedIn>();
  const known: Record<string, unknown[]> = {};

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk, _e, cb) {
        lines.push(String(chunk));
        cb();
      },
    });
    h = await startGatewayHarness({ logger: createLogger({ service: 'gateway-fuzz', level: 'info', destination: sink }) });
    for (const [key, who] of Object.entries(SIGNED_IN)) sessions.set(key as SessionKey, await h.login(who.tenant, who.role));
    const provider = sessions.get('provider')!;
    const made = await h.inject({
      method: 'POST',
      url: `/v1/tenants/${TENANT_A.id}/dictations`,
      headers: { cookie: provider.cookie, 'x-csrf-token': provider.csrf },
      payload: { text: 'Synthetic fuzz dictation', synthetic: true },
    });
    expect(made.statusCode).toBe(202);
    Object.assign(known, {
      t: [TENANT_A.id, TENANT_B.id],
      id: [made.json<{ dictationId: string }>().dictationId, randomUUID()],
      name: ['draatt-default', 'x'],
    });
  });
  afterAll(async () => h?.close());

  it('answers every generated request below 500 (or a documented 503) with one error shape and no echo of input', async () => {
    const doc = (await h.inject({ method: 'GET', url: '/v1/openapi.json' })).json<{
      paths: Record<string, Record<string, OpenApiOperation>>;
    }>();
    const operations = operationsOf(doc);
    expect(operations.length).toBeGreaterThanOrEqual(20);
    let sent = 0;
    for (const [index, op] of operations.entries()) {
      await fc.assert(
        fc.asyncProperty(requestArb(op, known), async (r) => {
          const session = r.session === 'anonymous' ? undefined : sessions.get(r.session)!;
          const headers: Record<string, string> = {};
          if (session !== undefined) headers['cookie'] = session.cookie;
          if (session !== undefined && r.csrf) headers['x-csrf-token'] = session.csrf;
          if (r.body !== undefined) headers['content-type'] = r.body.contentType;
          const res = await h.app.inject({
            method: op.method as 'GET',
            url: r.url,
            headers,
            remoteAddress: FUZZ_ADDRESS,
            ...(r.body === undefined ? {} : { payload: r.body.payload }),
          });
          sent++;
          // A fuzzed logout (or an expired session) ends the session: sign in again for the next run.
          if (session !== undefined && (res.statusCode === 401 || (op.path === LOGOUT && res.statusCode === 204))) {
            sessions.set(r.session, await h.login(SIGNED_IN[r.session as Exclude<SessionKey, 'anonymous'>].tenant, session.role));
          }
          if (sent % 500 === 0) h.openGates();
          const why = violation(op, res);
          if (why !== undefined) throw new Error(`${op.method} ${op.path}: ${why} (${res.statusCode} ${res.body.slice(0, 300)})`);
        }),
        { seed: SEED + index, numRuns: op.path === LOGOUT ? LOGOUT_RUNS : RUNS_PER_OPERATION },
      );
    }
    expect(sent).toBeGreaterThanOrEqual(10_000);
    const logged = lines.join('');
    expect(logged.includes(CANARY), 'a log line repeats request input').toBe(false);
    expect(lines.filter((l) => JSON.parse(l).level >= 50).map((l) => JSON.parse(l).msg)).toEqual([]);
  });
});
