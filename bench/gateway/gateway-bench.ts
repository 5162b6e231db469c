/**
 * Gateway benchmark: authorised `GET /v1/tenants/:t/dictations/:id/narrative` (session cookie,
 * RBAC, tenant and ownership checks, gate check, the audited narrative view) against a bare
 * fastify route served by the same process, in the same run, with the same load.
 *
 *   npm run bench:gateway -- [--duration 10] [--connections 10] [--rounds 3] [--json]   (--help)
 *
 * Needs no stack: the server is the embedded composition (bench/gateway/gateway-server.ts).
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
  --log-level L      server log level                          (BENCH_GATEWAY_LOG_LEVEL, warn)
  --target T         narrative | dictation (GET …/dictations/:id, to split the narrative view's cost off)
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

// ---- server process
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
const stopServer = async () => {
  if (child.exitCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(dataDir, { recursive: true, force: true });
};

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what}: not within ${timeoutMs} ms\n${output}`);
}

try {
  log('starting the embedded services and the bare route…');
  const urls = await until('server ready', 120_000, () => {
    const m = /BENCH_READY (\{.*\})/.exec(output);
    return m ? (JSON.parse(m[1]!) as { gatewayUrl: string; bareUrl: string }) : undefined;
  });
  const provider = output
    .split('\n')
    .filter((l) => l.includes('"demoCredential"'))
    .map(
      (l) => (JSON.parse(l) as { demoCredential: { tenant: string; email: string; role: string; oneTimePassword: string } }).demoCredential,
    )
    .find((c) => c.role === 'provider');
  if (provider === undefined) throw new Error(`no provider sign-in in the server log:\n${output}`);

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
  const created = await fetch(base, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({
      synthetic: true,
      text:
        'Dispatched for chest pain. Responded emergent. Arrived 14:02. 58 year old male, chest pain. BP 150/95, pulse ' +
        '102, RR 18, SpO2 96 percent. Aspirin 324 mg PO at 14:05, pain improved. Transported to General Hospital, stable at transfer.',
    }),
  });
  if (created.status !== 202) throw new Error(`dictation refused: ${created.status} ${await created.text()}`);
  const { dictationId } = (await created.json()) as { dictationId: string };
  let target = `${base}/${dictationId}/narrative`;
  let targetName = 'GET …/dictations/:id/narrative';
  const firstStatus = await until('narrative drafted', 60_000, async () => {
    const res = await fetch(target, { headers: { cookie } });
    await res.arrayBuffer();
    return res.status === 200 || res.status === 503 ? res.status : undefined;
  });
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
    serverCommand: serverCommand.join(' '),
    rounds,
    summary: rows,
  };
  mkdirSync(outDir, { recursive: true });
  const md = [
    `# Gateway bench ${runId}`,
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
