import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ServiceProcess } from './service-process.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs `node apps/embedded/dist/main.js` (what `npm start` runs: all six services in one process)
 * on ephemeral public and ops ports with `dataDir` as DATA_DIR, and resolves once it logged
 * "service started" and /readyz answers 200. It answers as the gateway does (the public v1 API),
 * so `signInDemoUser` signs in against it; its log is JSON lines, the demo sign-ins among them.
 */
export async function startEmbeddedApp(dataDir: string, readyTimeoutMs = 90_000): Promise<ServiceProcess> {
  const child = spawn(process.execPath, [`${REPO_ROOT}apps/embedded/dist/main.js`], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', OPS_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
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
    if (child.exitCode !== null) throw new Error(`the embedded app exited during start-up:\n${output}`);
    url ??= /"address":"(http:\/\/[^"]+)"[^\n]*"msg":"service started"/.exec(output)?.[1];
    opsUrl ??= /"opsAddress":"(http:\/\/[^"]+)"[^\n]*"msg":"service started"/.exec(output)?.[1];
    const ready =
      opsUrl !== undefined &&
      (await fetch(`${opsUrl}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) === 200;
    if (ready) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  if (url === undefined || opsUrl === undefined || Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`the embedded app was not ready:\n${output}`);
  }
  return {
    name: 'gateway',
    url,
    opsUrl,
    output: () => output,
    async stop(signal) {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
    running: () => child.exitCode === null,
  };
}

/** One seeded demo sign-in as the embedded app prints it once at first start. */
export interface DemoCredential {
  tenant: string;
  email: string;
  role: string;
  oneTimePassword: string;
  totpKey?: string;
}

/**
 * The embedded app with the demo sign-ins it printed at first start (one JSON log line per role,
 * never stored anywhere else), for tests that sign in through the browser or the public API.
 */
export async function startEmbedded(dataDir: string): Promise<ServiceProcess & { credentials: DemoCredential[] }> {
  const app = await startEmbeddedApp(dataDir);
  const credentials = app
    .output()
    .split('\n')
    .filter((l) => l.includes('"demoCredential"'))
    .map((l) => (JSON.parse(l) as { demoCredential: DemoCredential }).demoCredential);
  return Object.assign(app, { credentials });
}
