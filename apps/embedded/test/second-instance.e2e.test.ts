import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

/** `node apps/embedded/dist/main.js` (what `npm start` runs, stdout a pipe: JSON lines) on free ports. */
function startEmbedded(dataDir: string): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [MAIN], {
    env: { PATH: process.env['PATH'] ?? '', PORT: '0', OPS_PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  return { child, output: () => output };
}

describe('two embedded instances on one DATA_DIR', () => {
  let root: string;
  let dataDir: string;
  let first: ReturnType<typeof startEmbedded>;
  /** Every process this file started, so a failed assertion leaves none running. */
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'md-embedded-lock-'));
    dataDir = join(root, 'data');
    first = startEmbedded(dataDir);
    children.push(first.child);
    await vi.waitFor(() => expect(first.output()).toMatch(/"msg":"service started"/), { timeout: 90_000, interval: 200 });
  });
  afterAll(async () => {
    for (const child of children.filter((c) => c.exitCode === null && c.signalCode === null)) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await rm(root, { recursive: true, force: true });
  });

  it('the second refuses at once with a non-zero exit, naming the running one; the first keeps serving', async () => {
    const second = startEmbedded(dataDir);
    children.push(second.child);
    const [code] = (await once(second.child, 'exit')) as [number | null];
    expect(code).toBe(1);
    const refusal = second
      .output()
      .split('\n')
      .filter((l) => l.includes('"level":60'))
      .map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(refusal).toEqual([expect.stringContaining(`DATA_DIR ${dataDir} is in use by process ${first.child.pid} on `)]);
    // It stopped before opening anything: no service of its own started.
    expect(second.output()).not.toContain('service started');
    expect(first.child.exitCode).toBeNull();
  });

  it('the first releases DATA_DIR when it stops', async () => {
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['medicdraft.lock', 'medicdraft.lock.json']));
    first.child.kill('SIGTERM');
    const [code] = (await once(first.child, 'exit')) as [number | null];
    expect(code).toBe(0);
    const left = await readdir(dataDir);
    expect(left).not.toContain('medicdraft.lock');
    expect(left).not.toContain('medicdraft.lock.json');
  });
});
