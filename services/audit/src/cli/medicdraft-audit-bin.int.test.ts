import { execFile } from 'node:child_process';
import { chmod, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const workspace = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

describe('the medicdraft-audit bin an auditor runs', () => {
  it('the build leaves dist/cli/main.js executable (as on a fresh clone, where nothing else sets the mode) and npx runs it', async () => {
    await chmod(bin, 0o644).catch(() => undefined); // what a checkout + tsc alone leaves behind
    await run('npm', ['run', 'build'], { cwd: workspace });
    expect((await stat(bin)).mode & 0o111).toBe(0o111);
    const { stdout } = await run('npx', ['--no-install', 'medicdraft-audit', '--help'], { cwd: workspace });
    expect(stdout).toMatch(/^usage: medicdraft-audit/);
    for (const term of ['unanchored', 'anchored', 'digest', 'root', 'witness', 'key id', 'anchor_missing', 'unanchored_tail'])
      expect(stdout).toContain(term);
  });
});
