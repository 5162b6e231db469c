import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sha256Hex, type JobLogEntry, type JobStats, type MediaScript } from '@medicdraft/healthscribe-emulator';

const BIN = fileURLToPath(new URL('../../tools/healthscribe-emulator/dist/bin/healthscribe-emulator.js', import.meta.url));

/**
 * The HealthScribe emulator as its own process (the built `healthscribe-emulator` bin), driven
 * through its `/_emulator/` control routes only: what a drill reads from it (the job log) is the
 * emulator's own record, independent of the test process and of the services under test.
 */
export interface EmulatorProcess {
  /** Base URL of the AWS JSON API (AWS_HEALTHSCRIBE_ENDPOINT_URL for services). */
  url: string;
  /** `GET /_emulator/jobs`: every accepted job (createdAt = when Start accepted it) and the counters. */
  jobLog(): Promise<{ jobs: JobLogEntry[]; stats: JobStats }>;
  /** `POST /_emulator/media`: what the audio with these bytes says. */
  registerMedia(bytes: Uint8Array, script: MediaScript): Promise<void>;
  output(): string;
  stop(signal: NodeJS.Signals): Promise<number | null>;
}

/** `aws` is a service's AWS variables (region, endpoint, credentials) so the emulator reads and writes the same moto buckets. */
export async function startEmulatorProcess(
  aws: Record<string, string>,
  timing: { queuedMs: number; inProgressMs: number },
  readyTimeoutMs = 30_000,
): Promise<EmulatorProcess> {
  const pick = (k: string) => (aws[k] === undefined ? {} : { [k]: aws[k] });
  const child = spawn(process.execPath, [BIN], {
    env: {
      PATH: process.env['PATH'] ?? '',
      ...pick('AWS_REGION'),
      ...pick('AWS_ENDPOINT_URL'),
      ...pick('AWS_ACCESS_KEY_ID'),
      ...pick('AWS_SECRET_ACCESS_KEY'),
      HEALTHSCRIBE_EMULATOR_PORT: '0',
      HEALTHSCRIBE_EMULATOR_QUEUED_MS: String(timing.queuedMs),
      HEALTHSCRIBE_EMULATOR_IN_PROGRESS_MS: String(timing.inProgressMs),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const deadline = Date.now() + readyTimeoutMs;
  let url: string | undefined;
  while (url === undefined && Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`healthscribe emulator exited during start-up:\n${output}`);
    url = /"msg":"healthscribe emulator listening","url":"([^"]+)"/.exec(output)?.[1];
    if (url === undefined) await new Promise((r) => setTimeout(r, 50));
  }
  if (url === undefined) {
    child.kill('SIGKILL');
    throw new Error(`healthscribe emulator not listening within ${readyTimeoutMs} ms:\n${output}`);
  }
  const base = url;
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/_emulator/${path}`, {
      method,
      ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status} ${await res.text()}`);
    return res;
  };
  return {
    url: base,
    jobLog: async () => (await (await control('GET', 'jobs')).json()) as { jobs: JobLogEntry[]; stats: JobStats },
    registerMedia: async (bytes, script) => void (await control('POST', 'media', { sha256: sha256Hex(bytes), ...script })),
    output: () => output,
    async stop(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
