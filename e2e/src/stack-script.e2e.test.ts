import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const STACK = fileURLToPath(new URL('../../scripts/stack/stack.sh', import.meta.url));

/**
 * A second `stack:up` must be safe to run: on a running stack it is a no-op — same processes,
 * nothing restarted.
 */
describe('scripts/stack/stack.sh', () => {
  const status = async () => (await run('bash', [STACK, 'status'])).stdout;
  const pids = (text: string) =>
    [...text.matchAll(/^(\w+)\s+running\b.*?(?:pid (\d+)|data (\S+))/gm)].map((m) => `${m[1]}:${m[2] ?? m[3]}`);

  it('reports all five services running, and a second `up` changes nothing', async () => {
    const before = await status();
    for (const service of ['kafka', 'postgres', 'pgbouncer', 'redis', 'moto'])
      expect(before).toMatch(new RegExp(`^${service}\\s+running\\s+127\\.0\\.0\\.1:\\d+`, 'm'));
    const up = await run('bash', [STACK, 'up']);
    expect(up.stdout).toContain('already running');
    const after = await status();
    expect(pids(after)).toEqual(pids(before));
    expect(pids(after)).toHaveLength(5);
  });
});
