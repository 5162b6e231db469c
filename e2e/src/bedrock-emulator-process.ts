import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Behaviour, CallLogEntry } from '@medicdraft/bedrock-emulator';
import { vi } from 'vitest';

const BIN = fileURLToPath(new URL('../../tools/bedrock-emulator/dist/bin/bedrock-emulator.js', import.meta.url));

/**
 * The Bedrock emulator as its own process (the built `bedrock-emulator` bin), driven through its
 * `/_emulator/` control routes only, so what a drill reads from it (the call log) is the
 * emulator's own record.
 */
export interface BedrockEmulatorProcess {
  /** Base URL for BEDROCK_ENDPOINT_URL. */
  url: string;
  /** `PUT /_emulator/default`: what every following call does. */
  setDefault(behaviour: Behaviour): Promise<void>;
  /** `GET /_emulator/calls`. */
  calls(): Promise<CallLogEntry[]>;
  output(): string;
  stop(): Promise<number | null>;
}

export async function startBedrockEmulatorProcess(models: readonly string[]): Promise<BedrockEmulatorProcess> {
  const child = spawn(process.execPath, [BIN], {
    env: { PATH: process.env['PATH'] ?? '', BEDROCK_EMULATOR_PORT: '0', BEDROCK_EMULATOR_MODELS: models.join(',') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await vi.waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`bedrock emulator exited during start-up:\n${output}`);
      const found = /"msg":"bedrock emulator listening","url":"([^"]+)"/.exec(output)?.[1];
      if (found === undefined) throw new Error('bedrock emulator not listening yet');
      return found;
    },
    { timeout: 30_000, interval: 50 },
  );
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}/_emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`bedrock emulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    url,
    setDefault: async (behaviour) => void (await control('PUT', 'default', behaviour)),
    calls: async () => ((await (await control('GET', 'calls')).json()) as { calls: CallLogEntry[] }).calls,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}
