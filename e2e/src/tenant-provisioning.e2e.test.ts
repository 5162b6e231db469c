import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { TOPIC } from '@medicdraft/contracts';
import { createGateView, subscribeGateView } from '@medicdraft/platform';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrill, type Drill } from './drill.js';
import type { PipelineWatch } from './pipeline-watch.js';
import type { ServiceProcess } from './service-process.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The one provisioning path on the stack: the operator's `npx medicdraft-tenants` against a
 * readiness process records `tenant.provisioned` once and the tenant appears in the directory of
 * the global gate record, which consumers use to tell an unknown tenant from a blocked one.
 */
describe('tenant provisioning: npx medicdraft-tenants → readiness → tenant.provisioned and the directory', () => {
  let drill: Drill;
  let watch: PipelineWatch;
  let readiness: ServiceProcess;
  const view = createGateView();
  const cli = (...args: string[]) =>
    run('npx', ['--no-install', 'medicdraft-tenants', ...args], {
      cwd: ROOT,
      env: { ...process.env, READINESS_INTERNAL_URL: readiness.url },
    });

  beforeAll(async () => {
    drill = await startDrill('tenants');
    await drill.bus.ensureTopics([{ name: TOPIC.TENANT_PROVISIONED, partitions: 6 }]);
    watch = await drill.watch([TOPIC.TENANT_PROVISIONED]);
    const gates = await subscribeGateView({ bus: drill.bus, view, service: 'e2e-tenants' });
    drill.defer(() => gates.close());
    readiness = await drill.start('readiness');
  });

  afterAll(async () => {
    await drill?.close();
  });

  it('provisions once, lists the tenant, and the directory knows it while an unprovisioned tenant is unknown', async () => {
    expect((await cli('add', drill.tenantId, '--name', 'Provisioned By CLI EMS')).stdout).toBe(`${drill.tenantId}\tprovisioned\n`);
    expect((await cli('add', drill.tenantId, '--name', 'Another Name')).stdout).toBe(`${drill.tenantId}\texists\n`);
    expect((await cli('list')).stdout).toContain(`${drill.tenantId}\tProvisioned By CLI EMS\n`);
    await expect.poll(() => watch.of('tenant.provisioned').length, { timeout: 30_000 }).toBe(1);
    expect(watch.of('tenant.provisioned')[0]!.actor).toEqual({ type: 'service', id: 'readiness' });
    await expect.poll(() => view.tenantStatus(drill.tenantId), { timeout: 30_000 }).toBe('known');
    expect(view.tenantStatus(`${drill.tenantId}-never`)).toBe('unknown');
    await expect(cli('add', 'Not A Tenant', '--name', 'x')).rejects.toMatchObject({ code: 2 });
  });
});
