import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** One seeded demo sign-in as the embedded app prints it once at first start. */
export interface DemoCredential {
  tenant: string;
  email: string;
  role: string;
  oneTimePassword: string;
  totpKey?: string;
}

/** `node apps/embedded/dist/main.js` (what `npm start` runs) on free public and ops ports and a fresh DATA_DIR. */
export async function startEmbedded(
  dataDir: string,
): Promise<{ url: string; child: ChildProcess; output: () => string; credentials: DemoCredential[] }> {
  const child = spawn(process.execPath, [`${REPO_ROOT}apps/embedded/dist/main.js`], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', OPS_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 90_000;
  let url: string | undefined;
  let opsUrl: string | undefined;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`embedded app exited during start-up:\n${output}`);
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
    await new Promise((r) => setTimeout(r, 200));
  }
  if (url === undefined || Date.now() >= deadline) {
    child.kill('SIGKILL');
    throw new Error(`embedded app not ready:\n${output}`);
  }
  // The seeded sign-ins are printed once, one JSON log line per role (never stored anywhere else).
  const credentials = output
    .split('\n')
    .filter((l) => l.includes('"demoCredential"'))
    .map((l) => (JSON.parse(l) as { demoCredential: DemoCredential }).demoCredential);
  return { url, child, output: () => output, credentials };
}
