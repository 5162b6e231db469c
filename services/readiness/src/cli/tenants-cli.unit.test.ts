import { createHttpApp } from '@medicdraft/platform/http';
import { createLogger, createMemoryEventBus, createMetrics, type EventBus } from '@medicdraft/platform';
import { createPgliteDatabase, openPglite, type PgliteHandle } from '@medicdraft/platform/pglite';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReadinessService, type ReadinessService } from '../service.js';
import { runTenantsCli } from './tenants-cli.js';

const logger = createLogger({ service: 'tenants-cli-test', level: 'silent' });

describe('medicdraft-tenants against a readiness service', { timeout: 60_000 }, () => {
  let bus: EventBus;
  let pglite: PgliteHandle;
  let service: ReadinessService;
  let app: FastifyInstance;
  let url: string;
  const run = async (...argv: string[]) => {
    let out = '';
    let err = '';
    const code = await runTenantsCli(argv, {
      readinessUrl: url,
      out: { write: (s: string) => (out += s) },
      err: { write: (s: string) => (err += s) },
    });
    return { code, out, err };
  };

  beforeAll(async () => {
    bus = createMemoryEventBus();
    pglite = await openPglite();
    service = await startReadinessService({
      bus,
      db: createPgliteDatabase({ pglite, schema: 'readiness', role: 'medicdraft_readiness' }),
      logger,
      partitions: 1,
      internalRoutes: true,
      tenants: [],
    });
    app = createHttpApp({ logger, metrics: createMetrics('tenants-cli-test') });
    await service.routes?.(app);
    url = await app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await app?.close();
    await service?.stop();
    await bus?.close();
    await pglite?.close();
  });

  it('provisions a tenant once, lists the directory, and refuses bad input with usage', async () => {
    expect(await run('add', 'harbor-ems', '--name', 'Harbor EMS')).toEqual({ code: 0, out: 'harbor-ems\tprovisioned\n', err: '' });
    expect(await run('add', 'harbor-ems', '--name', 'Renamed')).toEqual({ code: 0, out: 'harbor-ems\texists\n', err: '' });
    expect((await service.readiness('harbor-ems')).tenant).toEqual({ id: 'harbor-ems', displayName: 'Harbor EMS' });
    expect(await run('list')).toMatchObject({ code: 0, out: 'harbor-ems\tHarbor EMS\n' });
    expect((await run('add', 'Bad Id', '--name', 'x')).code).toBe(2);
    expect((await run('add', 'no-name')).code).toBe(2);
    expect((await run('remove', 'harbor-ems')).code).toBe(2);
    expect((await run('--help')).out).toContain('medicdraft-tenants add <tenant-id>');
  });

  it('says so when readiness is unreachable', async () => {
    let err = '';
    const code = await runTenantsCli(['list'], {
      readinessUrl: 'http://127.0.0.1:9',
      out: { write: () => undefined },
      err: { write: (s: string) => (err += s) },
    });
    expect(code).toBe(1);
    expect(err).toContain('not reachable');
  });
});
