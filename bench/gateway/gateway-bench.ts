/**
 * Gateway benchmark: authorised `GET /v1/tenants/:t/dictations/:id/narrative` (session cookie,
 * RBAC, tenant and ownership checks, gate check, the audited narrative view) against a bare
 * fastify route served by the same process, in the same run, with the same load.
 *
 *   npm run bench:gateway -- [--duration 10] [--connections 10] [--rounds 3] [--json]   (--help)
 *   npm run bench:gateway -- --stack     # on the local stack, every service its own process
 *
 * Embedded (default, no stack needed): the server is the embedded composition
 * (bench/gateway/gateway-server.ts). `--stack`: readiness, audit, narrative, scribe, ingest and the
 * gateway run as their own processes (their built dist) on the stack's Kafka, Postgres (through
 * its PgBouncer, as deployed), Redis and filesystem objects; the bare route is served from the
 * gateway process itself (bare-route-preload.mjs).
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { markdownTable, summarize, type LoadResult, type RoundResult } from './report.js';

const HELP = `Usage: npm run bench:gateway -- [options]
  --duration S       seconds per measured run                 (BENCH_GATEWAY_DURATION, 10)
  --warmup S         unmeasured seconds per side first         (BENCH_GATEWAY_WARMUP, 3)
  --connections N    concurrent keep-alive connections         (BENCH_GATEWAY_CONNECTIONS, 10)
  --rounds N         repeat both sides, report medians         (BENCH_GATEWAY_ROUNDS, 3)
  --log-level L      server log level, embedded only           (BENCH_GATEWAY_LOG_LEVEL, warn; on the stack the
                     processes log at info, as deployed: start-up readiness is read from their 'service started' line)
  --target T         narrative | dictation (GET …/dictations/:id, to split the narrative view's cost off)
  --stack            the services as their own processes on the local stack (npm run stack:up && npm run build);
                     BENCH_NODE_OPTIONS is added to their NODE_OPTIONS (e.g. the CPU profile preload)
  --out-dir DIR      results directory                         (bench/results)
  --json             print the JSON result instead of markdown`;

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string' },
    warmup: { type: 'string' },
    connections: { type: 'string' },
    rounds: { type: 'string' },
    'log-level': { type: 'string' },
    target: { type: 'string' },
    stack: { type: 'boolean' },
    'out-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
function int(flag: 'duration' | 'warmup' | 'connections' | 'rounds', env: string, fallback: number): number {
  const raw = args[flag] ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${flag} / ${env} must be a positive integer, got "${raw}"`);
  return v;
}
const config = {
  duration: int('duration', 'BENCH_GATEWAY_DURATION', 10),
  warmup: int('warmup', 'BENCH_GATEWAY_WARMUP', 3),
  connections: int('connections', 'BENCH_GATEWAY_CONNECTIONS', 10),
  rounds: int('rounds', 'BENCH_GATEWAY_ROUNDS', 3),
  logLevel: args['log-level'] ?? process.env['BENCH_GATEWAY_LOG_LEVEL'] ?? 'warn',
};
const outDir = args['out-dir'] ?? new URL('../results/', import.meta.url).pathname;
const log = (line: string) => process.stderr.write(`${line}\n`);
const startedAt = new Date();
const runId = `${startedAt.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}-${Math.random().toString(36).slice(2, 6)}`;
const loadBefore = loadavg();

// ---- server: the embedded composition in a child process, or the services on the stack
interface Server {
  gatewayUrl: string;
  bareUrl: string;
  /** Everything the gateway process logged so far (the demo sign-ins are there). */
  output(): string;
  command: string;
  stop(): Promise<void>;
}

async function until<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined> | T | undefined,
  output = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms\n${output()}`);
}

async function startEmbedded(): Promise<Server> {
  const dataDir = mkdtempSync(join(tmpdir(), 'medicdraft-bench-gateway-'));
  const serverCommand = [
    process.execPath,
    '--conditions=development',
    '--import',
    'tsx',
    new URL('./gateway-server.ts', import.meta.url).pathname,
  ];
  const child = spawn(serverCommand[0]!, serverCommand.slice(1), {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: config.logLevel },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const urls = await until(
      'server ready',
      120_000,
      () => {
        if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
        const m = /BENCH_READY (\{.*\})/.exec(output);
        return m ? (JSON.parse(m[1]!) as { gatewayUrl: string; bareUrl: string }) : undefined;
      },
      () => output,
    );
    return { ...urls, output: () => output, command: serverCommand.join(' '), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startOnStack(): Promise<Server> {
  const { startDrill } = await import('../../e2e/src/drill.js');
  const drill = await startDrill('bench-gateway', { dataDir: true });
  try {
    const profiling = process.env['BENCH_NODE_OPTIONS'] ?? '';
    const withProfile: Record<string, string> = profiling === '' ? {} : { NODE_OPTIONS: profiling };
    // The drill's Kafka ACLs were just granted; on a loaded broker a process may still be refused
    // (authorization) for a moment and exit during start-up: start it again, up to three times.
    const start = async (name: Parameters<typeof drill.start>[0], env: Record<string, string> = {}) => {
      for (let attempt = 1; ; attempt++) {
        try {
          return await drill.start(name, env);
        } catch (err) {
          if (attempt >= 3 || !String(err).includes('bus_authorization_failed')) throw err;
          log(`${name} was refused by Kafka during start-up (ACLs not applied yet?); starting it again`);
        }
      }
    };
    const readiness = await start('readiness');
    await start('audit', withProfile);
    const narrative = await start('narrative', withProfile);
    await start('scribe');
    const ingest = await start('ingest');
    const barePreload = new URL('./bare-route-preload.mjs', import.meta.url).pathname;
    const gateway = await start('gateway', {
      INGEST_INTERNAL_URL: ingest.url,
      READINESS_INTERNAL_URL: readiness.url,
      NARRATIVE_INTERNAL_URL: narrative.url,
      DEMO_TENANT_ID: drill.tenantId,
      DEMO_TENANT_NAME: 'Gateway Bench EMS',
      RATE_LIMIT_PER_MINUTE: '1000000',
      NODE_OPTIONS: `--import ${barePreload} ${profiling}`.trim(),
    });
    const registered = await fetch(`${readiness.url}/internal/readiness/tenants/${drill.tenantId}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Gateway Bench EMS' }),
    });
    if (registered.status !== 200 && registered.status !== 201) throw new Error(`tenant registration answered ${registered.status}`);
    const bareUrl = /BENCH_BARE_URL (\S+)/.exec(gateway.output())?.[1];
    if (bareUrl === undefined) throw new Error(`the gateway process served no bare route:\n${gateway.output()}`);
    return {
      gatewayUrl: gateway.url,
      bareUrl,
      output: () => gateway.output(),
      command: 'services as their own processes (e2e/src/drill.ts): readiness, audit, narrative, scribe, ingest, gateway',
      // SIGTERM first, so a profiling preload can write its profile on exit; the drill kills the rest.
      stop: async () => {
        for (const p of [...drill.processes].reverse()) await p.stop('SIGTERM');
        await drill.close();
      },
    };
  } catch (err) {
    await drill.close();
    throw err;
  }
}

const server = args.stack ? await startOnStack() : await startEmbedded();
const output = () => server.output();
const stopServer = () => server.stop();

try {
  log(args.stack ? 'services on the stack, bare route in the gateway process' : 'embedded services and the bare route');
  const urls = server;
  const provider = output()
    .split('\n')
    .filter((l) => l.includes('"demoCredential"'))
    .map(
      (l) => (JSON.parse(l) as { demoCredential: { tenant: string; email: string; role: string; oneTimePassword: string } }).demoCredential,
    )
    .find((c) => c.role === 'provider');
  if (provider === undefined) throw new Error(`no provider sign-in in the server log:\n${output()}`);

  // ---- sign in, dictate, wait for the narrative
  const login = await fetch(`${urls.gatewayUrl}/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      tenant: provider.tenant,
      email: provider.email,
      password: provider.oneTimePassword,
      newPassword: `${provider.oneTimePassword}-own`,
    }),
  });
  if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const base = `${urls.gatewayUrl}/v1/tenants/${provider.tenant}/dictations`;
  // On the stack the gate opens once readiness published the tenant's state and audit's heartbeat is fresh.
  let refused = '';
  const created = await until(
    'dictation accepted',
    60_000,
    async () => {
      const res = await fetch(base, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          synthetic: true,
          text:
            'Dispatched for chest pain. Responded emergent. Arrived 14:02. 58 year old male, chest pain. BP 150/95, pulse ' +
            '102, RR 18, SpO2 96 percent. Aspirin 324 mg PO at 14:05, pain improved. Transported to General Hospital, stable at transfer.',
        }),
      });
      if (res.status === 202) return res;
      refused = `${res.status} ${await res.text()}`;
      return undefined;
    },
    () => `last answer: ${refused}`,
  );
  const { dictationId } = (await created.json()) as { dictationId: string };
  let target = `${base}/${dictationId}/narrative`;
  let targetName = 'GET …/dictations/:id/narrative';
  // Embedded, a 503 is final (the composition has no narrative route). On the stack it is not: the
  // gateway answers 503 while the narrative service's gate view or its own Kafka producer is not
  // ready yet, so only a 200 ends the wait there.
  let lastAnswer = '';
  const firstStatus = await until(
    'narrative drafted',
    90_000,
    async () => {
      const res = await fetch(target, { headers: { cookie } });
      lastAnswer = `${res.status} ${(await res.text()).slice(0, 200)}`;
      return res.status === 200 || (res.status === 503 && !args.stack) ? res.status : undefined;
    },
    () => `last answer: ${lastAnswer}`,
  );
  if (args.target === 'dictation') {
    target = `${base}/${dictationId}`;
    targetName = 'GET …/dictations/:id';
  } else if (firstStatus === 503) {
    log('the narrative route answers 503 not_available: measuring GET …/dictations/:id instead');
    target = `${base}/${dictationId}`;
    targetName = 'GET …/dictations/:id (narrative route 503)';
  }
  const sample = await fetch(target, { headers: { cookie } });
  const gatewayBytes = (await sample.arrayBuffer()).byteLength;
  const bareBytes = (await (await fetch(`${urls.bareUrl}/bare`)).arrayBuffer()).byteLength;

  // ---- load
  const run = async (url: string, seconds: number, headers: Record<string, string>): Promise<LoadResult> => {
    const r = await autocannon({ url, connections: config.connections, duration: seconds, headers });
    return {
      requestsPerSec: r.requests.average,
      p50Ms: r.latency.p50,
      p99Ms: r.latency.p99,
      requests: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    };
  };
  const gatewaySide = (s: number) => run(target, s, { cookie });
  const bareSide = (s: number) => run(`${urls.bareUrl}/bare`, s, {});
  log(`warm-up ${config.warmup} s per side…`);
  await gatewaySide(config.warmup);
  await bareSide(config.warmup);
  const rounds: RoundResult[] = [];
  for (let round = 1; round <= config.rounds; round++) {
    const order = round % 2 === 1 ? 'gateway-first' : 'bare-first';
    log(`round ${round}/${config.rounds} (${order})…`);
    let gateway: LoadResult;
    let bare: LoadResult;
    if (order === 'gateway-first') {
      gateway = await gatewaySide(config.duration);
      bare = await bareSide(config.duration);
    } else {
      bare = await bareSide(config.duration);
      gateway = await gatewaySide(config.duration);
    }
    rounds.push({ round, order, gateway, bare });
  }
  const rows = summarize(rounds);
  const result = {
    runId,
    startedAt: startedAt.toISOString(),
    target: targetName,
    config,
    responseBytes: { gateway: gatewayBytes, bare: bareBytes },
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, node: process.version, loadBefore, loadAfter: loadavg() },
    mode: args.stack ? 'stack' : 'embedded',
    serverCommand: server.command,
    rounds,
    summary: rows,
  };
  mkdirSync(outDir, { recursive: true });
  const md = [
    `# Gateway bench ${runId} (${args.stack ? 'services on the stack' : 'embedded'})`,
    '',
    `Target: ${targetName} (${gatewayBytes} B body) vs bare fastify route (${bareBytes} B); ${config.connections} ` +
      `connections, ${config.duration} s × ${config.rounds} rounds, medians.`,
    '',
    markdownTable(rows, targetName),
    '',
  ].join('\n');
  writeFileSync(join(outDir, `gateway-${runId}.json`), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(outDir, `gateway-${runId}.md`), md);
  process.stdout.write(args.json ? `${JSON.stringify(result, null, 2)}\n` : md);
} finally {
  await stopServer();
}
