import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface TsChild {
  child: ChildProcess;
  /** Last ~64 KB of stderr and non-JSON stdout, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Runs a TypeScript entry point of the working tree as its own Node process, the way the bench
 * itself runs (`--conditions=development --import tsx`, so workspace packages resolve to their
 * sources and no build is needed). Each stdout line is handed to `onLine`.
 */
export function spawnTs(entry: string, env: Record<string, string>, onLine: (line: string) => void = () => undefined): TsChild {
  const child = spawn(
    process.execPath,
    ['--conditions=development', '--import', 'tsx', entry.startsWith('/') ? entry : `${REPO_ROOT}${entry}`],
    {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  const keep = (s: string) => (output = (output + s).slice(-65_536));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    keep(`${line}\n`);
    onLine(line);
  });
  child.stderr!.on('data', (chunk: Buffer) => keep(chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    child,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * Starts a service's `src/main.ts` on ephemeral service and ops ports and resolves with the
 * service port's base URL (and the ops listener's) once /readyz on the ops listener answers 200.
 * `root`: another copy of the sources' tree (an A/B run against an older commit), else this repository.
 */
export async function startServiceFromSource(
  name: string,
  env: Record<string, string>,
  timeoutMs = 90_000,
  root = '',
): Promise<TsChild & { url: string; opsUrl: string }> {
  let url: string | undefined;
  let opsUrl: string | undefined;
  const proc = spawnTs(`${root}services/${name}/src/main.ts`, { HTTP_PORT: '0', OPS_PORT: '0', LOG_LEVEL: 'info', ...env }, (line) => {
    url ??= /"address":"(http:\/\/[^"]+)"[^\n]*"msg":"service started"/.exec(line)?.[1];
    opsUrl ??= /"opsAddress":"(http:\/\/[^"]+)"[^\n]*"msg":"service started"/.exec(line)?.[1];
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${proc.output()}`);
    if (
      url !== undefined &&
      opsUrl !== undefined &&
      (await fetch(`${opsUrl}/readyz`).then(
        (r) => r.status,
        () => 0,
      )) === 200
    )
      return { ...proc, url, opsUrl };
    await new Promise((r) => setTimeout(r, 200));
  }
  await proc.stop();
  throw new Error(`${name} not ready within ${timeoutMs} ms:\n${proc.output()}`);
}
