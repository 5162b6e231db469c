import { spawnUntilReady, type ServiceProcess } from './service-process.js';

/**
 * Runs `node apps/embedded/dist/main.js` (what `npm start` runs: all six services in one process)
 * on ephemeral public and ops ports with `dataDir` as DATA_DIR, and resolves once it logged
 * "service started" and /readyz answers 200. It answers as the gateway does (the public v1 API),
 * so `signInDemoUser` signs in against it; its log is JSON lines, the demo sign-ins among them.
 */
export async function startEmbeddedApp(dataDir: string, readyTimeoutMs = 90_000): Promise<ServiceProcess> {
  const env = { PORT: '0', OPS_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' };
  return { name: 'gateway', ...(await spawnUntilReady('the embedded app', 'apps/embedded/dist/main.js', env, readyTimeoutMs)) };
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
  return Object.assign(app, { credentials: demoCredentialsOf(app) });
}

/** The demo sign-ins a process (the embedded app, or a gateway with DEMO_TENANT_ID) logged at first start. */
export function demoCredentialsOf(app: Pick<ServiceProcess, 'output'>): DemoCredential[] {
  return app
    .output()
    .split('\n')
    .filter((l) => l.includes('"demoCredential"'))
    .map((l) => (JSON.parse(l) as { demoCredential: DemoCredential }).demoCredential);
}
