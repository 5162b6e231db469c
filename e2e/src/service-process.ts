import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServiceName } from '@medicdraft/contracts';
import { kafkaSaslEnv, stackServiceSasl } from '@medicdraft/platform/testing';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
let started = 0;

export interface ServiceProcess {
  name: ServiceName;
  /** Base URL of its service port (internal API; the gateway's pages and v1 API; /healthz). */
  url: string;
  /** Base URL of its ops listener (/healthz, /readyz, /metrics). */
  opsUrl: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Sends `signal` and resolves with the exit code (null when killed by the signal). */
  stop(signal: NodeJS.Signals): Promise<number | null>;
  /** True while the process has not exited (a drill checks nothing crashed under a fault). */
  running(): boolean;
  /** Its process id (a bench signals it to snapshot counters). */
  pid: number;
}

/**
 * Runs `node services/<name>/dist/main.js` as its own process, as the stack mode does, on
 * ephemeral service and ops ports, and resolves once it logged "service started" and /readyz
 * (on the ops listener) answers 200.
 * The built `dist` is what runs, so e2e tests exercise the real composition roots.
 * Each process runs as its service's own Kafka principal (`env` may override it), under an instance
 * id of its own: two instances of a service on this host must not share their gate-view group.
 * `root` runs another checkout's build instead (a bench's A/B baseline), relative to this repository.
 */
export async function startServiceProcess(
  name: ServiceName,
  env: Record<string, string>,
  readyTimeoutMs = 60_000,
  root = '',
): Promise<ServiceProcess> {
  const childEnv = {
    HTTP_PORT: '0',
    OPS_PORT: '0',
    LOG_LEVEL: 'info',
    ...kafkaSaslEnv(stackServiceSasl(name)),
    KAFKA_INSTANCE_ID: `e2e-${process.pid}-${++started}`,
    ...env,
  };
  return { name, ...(await spawnUntilReady(name, `${root}services/${name}/dist/main.js`, childEnv, readyTimeoutMs)) };
}

/**
 * Spawns `node <script>` (relative to the repository) with only PATH and `env`, and resolves once
 * it logged "service started" with its addresses and /readyz on its ops listener answers 200; a
 * process that exits or is not ready in time is killed and its output thrown.
 */
export async function spawnUntilReady(
  label: string,
  script: string,
  env: Record<string, string>,
  readyTimeoutMs: number,
): Promise<Omit<ServiceProcess, 'name'>> {
  const child = spawn(process.execPath, [`${REPO_ROOT}${script}`], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + readyTimeoutMs;
  let url: string | undefined;
  let opsUrl: string | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${label} exited during start-up:\n${output}`);
    url ??= /"address":"(http:\/\/[^"]+)"[^\n]*"msg":"service started"/.exec(output)?.[1];
    opsUrl ??= /"opsAddress":"(http:\/\/[^"]+)"[^\n]*"msg":"service started"/.exec(output)?.[1];
    if (
      opsUrl !== undefined &&
      (await fetch(`${opsUrl}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (url === undefined || opsUrl === undefined || Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`${label} not ready within ${readyTimeoutMs} ms:\n${output}`);
  }
  return {
    url,
    opsUrl,
    output: () => output,
    stop: (signal) => stopChild(child, signal, exited),
    running: () => child.exitCode === null && child.signalCode === null,
    pid: child.pid ?? 0,
  };
}

async function stopChild(child: ChildProcess, signal: NodeJS.Signals, exited: Promise<number | null>): Promise<number | null> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  return exited;
}
