import { SERVICE_NAMES } from '@medicdraft/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDrill, type Drill } from './drill.js';

describe('stack mode: each service is its own process against Kafka, Postgres and Redis', () => {
  let drill: Drill;

  beforeAll(async () => {
    drill = await startDrill('boot');
  });
  afterAll(async () => {
    await drill?.close();
  });

  it(
    'boots all six with /healthz, /readyz, /metrics (the last two on the ops listener only) and JSON logs, and stops ' +
      'cleanly on SIGTERM',
    async () => {
      for (const name of SERVICE_NAMES) await drill.start(name);
      const running = drill.processes;

      for (const p of running) {
        expect((await fetch(`${p.url}/healthz`)).status).toBe(200);
        expect((await fetch(`${p.opsUrl}/healthz`)).status).toBe(200);
        for (const path of ['/readyz', '/metrics'])
          expect((await fetch(`${p.url}${path}`)).status, `${p.name} service port ${path}`).toBe(404);
        expect(new URL(p.opsUrl).hostname, p.name).toBe('127.0.0.1');
        const ready = await fetch(`${p.opsUrl}/readyz`);
        expect(ready.status, p.name).toBe(200);
        const checks = ((await ready.json()) as { checks: Record<string, string> }).checks;
        expect(checks, p.name).toMatchObject({ bus: 'ok', database: 'ok' });
        const metrics = await (await fetch(`${p.opsUrl}/metrics`)).text();
        expect(metrics, p.name).toContain('medicdraft_http_requests_total');
        expect(metrics, p.name).toContain(`service="${p.name}"`);
      }
      const gateway = running.find((p) => p.name === 'gateway');
      expect(gateway).toBeDefined();
      expect((await fetch(`${gateway?.url ?? ''}/`)).status).toBe(200);

      // Stop in the ordered way, intake first (reverse of the start order).
      for (const p of [...running].reverse()) {
        expect(await p.stop('SIGTERM'), `${p.name} exit code`).toBe(0);
        const lines = p
          .output()
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('{'));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(JSON.parse(line)).toMatchObject({ service: p.name });
        expect(p.output()).toContain('"msg":"shutdown complete"');
      }
    },
  );
});
