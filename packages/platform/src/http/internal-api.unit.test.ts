import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { defineApi, errorResponses, intString, StreamBodySchema, type ApiPort } from '@medicdraft/contracts';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotFoundError, PipelineHaltedError } from '../errors.js';
import { createLogger } from '../runtime/logger.js';
import { createHttpApp } from '../runtime/http-server.js';
import { createMetrics } from '../runtime/metrics.js';
import { createHttpClient, FALLBACK_ERROR_CODE, unavailableApi } from './internal-api-client.js';
import { registerInternalApi } from './internal-api-server.js';

const CANARY = 'CANARY-INTERNAL-API-7781';
const Item = z.object({ id: z.uuid(), name: z.string(), size: z.int() });

const spec = defineApi({
  get: {
    method: 'GET',
    path: '/internal/v1/items/:id',
    summary: 'An item',
    params: z.object({ id: z.uuid() }),
    query: z.strictObject({ size: intString(1, 10).optional() }),
    headers: z.object({ 'x-user-id': z.uuid() }),
    responses: { 200: Item, ...errorResponses(400, 404, 503) },
    invalid: 'expected an item id and x-user-id',
  },
  put: {
    method: 'PUT',
    path: '/internal/v1/items/:id',
    summary: 'Create or keep an item',
    params: z.object({ id: z.uuid() }),
    body: z.strictObject({ name: z.string().max(20) }),
    responses: { 200: Item, 201: Item, ...errorResponses(400) },
    invalid: 'expected {"name": string}',
  },
  upload: {
    method: 'POST',
    path: '/internal/v1/uploads',
    summary: 'Count the bytes of a stream',
    body: StreamBodySchema,
    stream: true,
    responses: { 201: z.object({ bytes: z.int() }), ...errorResponses(400) },
    invalid: 'expected a body',
  },
  missing: {
    method: 'DELETE',
    path: '/internal/v1/not-served',
    summary: 'Not served by this service',
    responses: { 204: z.void() },
    invalid: 'none',
  },
});

const ID = '3f1c2a9e-5b7d-4c21-8a10-0000000000a4';
const USER = '3f1c2a9e-5b7d-4c21-8a10-0000000000c1';
const known = new Set<string>();

/** The service side: answers with a field the table does not name, so the server must drop it. */
const impl: ApiPort<typeof spec> = {
  async get({ params, query }) {
    if (params.id !== ID) throw new NotFoundError('item not found');
    if (query?.size === 9) throw new PipelineHaltedError();
    if (query?.size === 10) throw new Error('a bug with internals');
    return { id: params.id, name: 'first', size: query?.size ?? 1, objectKey: 'bucket/secret' } as z.output<typeof Item>;
  },
  async put({ params, body }) {
    const created = !known.has(params.id);
    known.add(params.id);
    return { status: created ? 201 : 200, body: { id: params.id, name: body.name, size: 0 } };
  },
  upload: async ({ body }) => ({ bytes: (await text(body)).length }),
  missing: async () => undefined,
};

describe('internal API tables over HTTP: registerInternalApi and createHttpClient', () => {
  const logger = createLogger({ service: 'internal-api-test', level: 'silent' });
  let app: FastifyInstance;
  let rogue: FastifyInstance;
  let client: ApiPort<typeof spec>;
  let baseUrl: string;

  beforeAll(async () => {
    app = createHttpApp({ logger, metrics: createMetrics('internal-api-test') });
    const { missing: _notServed, ...served } = spec;
    registerInternalApi(app, served, impl);
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    client = createHttpClient(spec, { baseUrl, service: 'items' });
    // A service that answers outside its table.
    rogue = Fastify();
    rogue.get('/internal/v1/items/:id', async () => ({ id: 'not-a-uuid', name: 1 }));
  });
  afterAll(async () => {
    await app?.close();
    await rogue?.close();
  });

  it('decodes the request, encodes the answer with the table (unnamed fields never leave) and decodes it in the client', async () => {
    const res = await app.inject({ method: 'GET', url: `/internal/v1/items/${ID}?size=3`, headers: { 'x-user-id': USER } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: ID, name: 'first', size: 3 });
    expect(await client.get({ params: { id: ID }, query: { size: 3 }, headers: { 'x-user-id': USER } })).toEqual({
      id: ID,
      name: 'first',
      size: 3,
    });
  });

  it("refuses input that does not match with 400 and the operation's fixed message, never quoting the input", async () => {
    for (const res of [
      await app.inject({ method: 'GET', url: `/internal/v1/items/${CANARY}`, headers: { 'x-user-id': USER } }),
      await app.inject({ method: 'GET', url: `/internal/v1/items/${ID}?size=${CANARY}`, headers: { 'x-user-id': USER } }),
      await app.inject({ method: 'GET', url: `/internal/v1/items/${ID}`, headers: { 'x-user-id': CANARY } }),
    ]) {
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'invalid_request', message: 'expected an item id and x-user-id' });
    }
    const body = await app.inject({ method: 'PUT', url: `/internal/v1/items/${ID}`, payload: { name: CANARY.repeat(2) } });
    expect(body.json()).toEqual({ error: 'invalid_request', message: 'expected {"name": string}' });
    const plain = await app.inject({
      method: 'PUT',
      url: `/internal/v1/items/${ID}`,
      headers: { 'content-type': 'text/plain' },
      payload: CANARY,
    });
    expect(plain.statusCode).toBe(415);
    expect(`${body.body}${plain.body}`).not.toContain(CANARY);
    // The client refuses what the service would, before sending it.
    await expect(client.get({ params: { id: CANARY }, headers: { 'x-user-id': USER } })).rejects.toMatchObject({
      code: 'invalid_request',
      status: 400,
    });
  });

  it('keeps the service codes: 4xx and the gate 503s pass through, any other 5xx is dependency_unavailable', async () => {
    const headers = { 'x-user-id': USER };
    await expect(client.get({ params: { id: USER }, headers })).rejects.toMatchObject({
      code: 'not_found',
      status: 404,
      message: 'item not found',
    });
    await expect(client.get({ params: { id: ID }, query: { size: 9 }, headers })).rejects.toMatchObject({
      code: 'pipeline_halted',
      status: 503,
    });
    await expect(client.get({ params: { id: ID }, query: { size: 10 }, headers })).rejects.toMatchObject({
      code: 'dependency_unavailable',
      status: 503,
      message: 'items is unavailable',
    });
  });

  it('maps a code from the wire onto ErrorCode: one of ours passes through, any other becomes the fixed fallback', async () => {
    const skewed = Fastify();
    skewed.put('/internal/v1/items/:id', async (req, reply) => {
      const error = (req.body as { name: string }).name;
      return reply.code(409).send({ error, message: 'refused by a newer service' });
    });
    try {
      const newer = createHttpClient(spec, { baseUrl: await skewed.listen({ host: '127.0.0.1', port: 0 }), service: 'items' });
      const put = (name: string) => newer.put({ params: { id: ID }, body: { name } });
      await expect(put('version_conflict')).rejects.toMatchObject({ code: 'version_conflict', status: 409 });
      const unknown = await put('brand_new_code').catch((err: unknown) => err);
      expect(FALLBACK_ERROR_CODE).toBe('invalid_request');
      expect(unknown).toMatchObject({ code: FALLBACK_ERROR_CODE, status: 409, message: 'refused by a newer service' });
    } finally {
      await skewed.close();
    }
  });

  it('answers {status, body} where an operation has several success statuses', async () => {
    const id = '3f1c2a9e-5b7d-4c21-8a10-0000000000d7';
    expect(await client.put({ params: { id }, body: { name: 'new' } })).toEqual({ status: 201, body: { id, name: 'new', size: 0 } });
    expect(await client.put({ params: { id }, body: { name: 'again' } })).toMatchObject({ status: 200 });
  });

  it('streams a body through unbuffered as the request stream', async () => {
    const chunks = Array.from({ length: 64 }, () => 'x'.repeat(1024));
    expect(await client.upload({ body: Readable.from(chunks) })).toEqual({ bytes: 64 * 1024 });
  });

  it('an operation the service does not serve is 503 not_available; a service that is down is dependency_unavailable', async () => {
    await expect(client.missing({})).rejects.toMatchObject({ code: 'not_available', status: 503 });
    await expect(unavailableApi(spec, 'items').missing({})).rejects.toMatchObject({ code: 'not_available', status: 503 });
    const down = createHttpClient(spec, { baseUrl: 'http://127.0.0.1:1', service: 'items' });
    await expect(down.get({ params: { id: ID }, headers: { 'x-user-id': USER } })).rejects.toMatchObject({
      code: 'dependency_unavailable',
      status: 503,
    });
  });

  it('an answer outside the table is a contract error (502, never passed on)', async () => {
    const address = await rogue.listen({ host: '127.0.0.1', port: 0 });
    const skewed = createHttpClient(spec, { baseUrl: address, service: 'items' });
    await expect(skewed.get({ params: { id: ID }, headers: { 'x-user-id': USER } })).rejects.toMatchObject({
      code: 'internal_contract',
      status: 502,
    });
  });
});
