import { randomUUID } from 'node:crypto';
import { sandboxGateStateFixture } from '@medicdraft/contracts/testing';
import {
  createGateView,
  createLogger,
  createMemoryEventBus,
  createMetrics,
  type Coordination,
  type Database,
  type EventBus,
} from '@medicdraft/platform';
import { createHttpApp } from '@medicdraft/platform/http';
import { createPgDatabase } from '@medicdraft/platform/pg';
import { createRedisCoordination } from '@medicdraft/platform/redis';
import { createPgTestDatabase, stackConfig, type PgTestDatabase } from '@medicdraft/platform/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ROLE, GATEWAY_SCHEMA } from './gateway-migrations.js';
import type { SeededCredential } from './identity/seed-users.js';
import { startGatewayService } from './service.js';
import { createMemoryEnrolmentDelivery } from './testing/memory-enrolment-delivery.js';
import { createMemoryIngestClient } from './testing/memory-ingest-client.js';
import { createMemoryReadinessClient } from './testing/memory-readiness-client.js';

const TENANT = { id: `t-${randomUUID().slice(0, 8)}`, displayName: 'Redis Test EMS' };
const logger = createLogger({ service: 'gateway-int', level: 'silent' });

/**
 * Two gateway instances sharing Postgres and Redis (the stack): a session made by one is valid
 * on the other and revoked for both at logout; login failures count across instances.
 */
describe('gateway on Postgres + Redis: sessions and throttling across instances', { timeout: 120_000 }, () => {
  let pgdb: PgTestDatabase;
  const prefix = `medicdraft-test:${randomUUID().slice(0, 8)}:`;
  const instances: { app: FastifyInstance; db: Database; coordination: Coordination; bus: EventBus; stop: () => Promise<void> }[] = [];
  const credentials: SeededCredential[] = [];

  async function startInstance(seed: boolean) {
    const db = createPgDatabase({ url: pgdb.url, poolSize: 2, schema: GATEWAY_SCHEMA, role: GATEWAY_ROLE, logger });
    const coordination = createRedisCoordination({ url: stackConfig.redis.url, prefix });
    const bus = createMemoryEventBus();
    const gates = createGateView();
    gates.apply({ ...sandboxGateStateFixture(TENANT.id), version: 1, expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    const service = await startGatewayService({
      bus,
      db,
      logger,
      coordination,
      partitions: 1,
      gates,
      clients: {
        ingest: createMemoryIngestClient({ clock: Date.now, newId: randomUUID, maxTextBytes: 4096 }).client,
        readiness: createMemoryReadinessClient([TENANT]),
      },
      enrolment: { delivery: createMemoryEnrolmentDelivery() },
      auth: { throttle: { maxPerAccount: 3, maxPerAddress: 100, windowMs: 60_000 } },
      ...(seed ? { seedTenants: [TENANT], onSeeded: (c: SeededCredential[]) => credentials.push(...c) } : {}),
    });
    const app = createHttpApp({
      logger,
      metrics: createMetrics('gateway-int'),
      ops: { checks: () => service.checks, accepting: () => true },
    });
    await service.routes?.(app);
    await app.ready();
    instances.push({ app, db, coordination, bus, stop: () => service.stop() });
    return app;
  }

  beforeAll(async () => {
    pgdb = await createPgTestDatabase(stackConfig.postgres.url);
    await startInstance(true);
    await startInstance(false);
  });
  afterAll(async () => {
    for (const i of instances) {
      await i.app.close();
      await i.stop();
      await i.bus.close();
      await i.db.close();
      await i.coordination.close();
    }
    await pgdb?.drop();
  });

  it('seeds the tenant once on the shared database', () => {
    expect(credentials.map((c) => c.role)).toEqual(['provider', 'qa', 'admin', 'owner']);
  });

  it('a session created on one instance works on the other and logout on either revokes it', async () => {
    const [a, b] = instances.map((i) => i.app) as [FastifyInstance, FastifyInstance];
    const c = credentials.find((x) => x.role === 'provider')!;
    const login = await a.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { tenant: TENANT.id, email: c.email, password: c.oneTimePassword, newPassword: 'own passphrase 123' },
    });
    expect(login.statusCode).toBe(200);
    const cookie = `md_session=${login.cookies[0]!.value}`;
    expect((await b.inject({ method: 'GET', url: '/v1/me', headers: { cookie } })).statusCode).toBe(200);
    const out = await b.inject({ method: 'POST', url: '/v1/auth/logout', headers: { cookie, 'x-csrf-token': login.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await a.inject({ method: 'GET', url: '/v1/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('counts failed sign-ins across instances (Redis semaphore) and locks the account', async () => {
    const [a, b] = instances.map((i) => i.app) as [FastifyInstance, FastifyInstance];
    const c = credentials.find((x) => x.role === 'qa')!;
    for (const app of [a, b, a]) {
      expect(
        (await app.inject({ method: 'POST', url: '/v1/auth/login', payload: { tenant: TENANT.id, email: c.email, password: 'wrong' } }))
          .statusCode,
      ).toBe(401);
    }
    const locked = await b.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { tenant: TENANT.id, email: c.email, password: c.oneTimePassword },
    });
    expect(locked.statusCode).toBe(429);
  });

  it('stores users under forced RLS: the users table is a tenant table', async () => {
    const rows = await instances[0]!.db.withSystem((tx) =>
      tx.query<{ rls: boolean; force: boolean }>(
        "SELECT relrowsecurity AS rls, relforcerowsecurity AS force FROM pg_class WHERE oid = 'gateway.users'::regclass",
      ),
    );
    expect(rows.rows[0]).toEqual({ rls: true, force: true });
    const noTenant = await instances[0]!.db.withSystem((tx) => tx.query('SELECT count(*)::int AS n FROM users'));
    expect(noTenant.rows[0]).toEqual({ n: 0 });
  });
});
