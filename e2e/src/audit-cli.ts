import { expect, vi } from 'vitest';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../services/audit/dist/cli/main.js', import.meta.url));

/** Runs the built `medicdraft-audit` CLI as a compliance user would (e.g. against a drill's database). */
export function runAuditCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Runs `verify` until it exits 0 or the timeout passes: the checkpointer signs a backlog on its own
 * schedule, so a clean verdict is waited for, not assumed after a fixed pause. A forged or broken
 * chain never turns clean, so this still fails on every real verdict.
 */
export async function verifiesClean(env: Record<string, string>, timeoutMs = 60_000): Promise<void> {
  await vi.waitFor(
    async () => {
      const verify = await runAuditCli(['verify'], env);
      expect(verify.code, verify.stderr).toBe(0);
    },
    { timeout: timeoutMs, interval: 1_000 },
  );
}
