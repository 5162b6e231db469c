import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startEmbeddedApp } from './embedded-app.js';
import { signInDemoUser, type GatewaySession } from './gateway-session.js';
import type { ServiceProcess } from './service-process.js';

const TENANT = 'south-metro-fire';
// Transported, but no destination named: the narrative has one open prompt (destination).
// Each call is its own dictation (another dispatch time): the same text again would be a resend,
// which intake answers with the first dictation.
const dictationText = (dispatchedAt: string) =>
  `Dispatched at ${dispatchedAt} for a fall. Responded non emergent. Arrived on scene at 1020. 82 year old female complains of right ` +
  'hip pain. Vitals: BP 138/84, heart rate 92, respirations 16, SpO2 97 percent. No treatment was indicated. We transported ' +
  'non emergent. Care transferred to the ED RN, patient stable.';

interface Dictation {
  dictationId: string;
  status: string;
  statusReason?: string;
  statusMessage?: string;
  providerName?: string;
}

/**
 * The dictation lifecycle in the embedded app (`npm start`, its own process), through the public
 * API as a provider sees it: one dictation from received to copied, one to failed with a reason the
 * provider can read, and the list's status filter and provider names along the way.
 */
describe('dictation lifecycle in the embedded app', { timeout: 240_000 }, () => {
  let dataDir: string;
  let app: ServiceProcess;
  let provider: GatewaySession;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'medicdraft-lifecycle-e2e-'));
    app = await startEmbeddedApp(dataDir);
    provider = await signInDemoUser(app, TENANT, 'provider');
  });
  afterAll(async () => {
    await app?.stop('SIGTERM');
    await rm(dataDir, { recursive: true, force: true });
  });

  const dictation = async (id: string) => (await (await provider.api(`/dictations/${id}`)).json()) as Dictation;
  const status = async (id: string) => (await dictation(id)).status;
  const listed = async (filter: string) => {
    const res = await provider.api(`/dictations?status=${filter}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { dictations: Dictation[] }).dictations.map((d) => d.dictationId);
  };
  async function dictate(dispatchedAt: string): Promise<string> {
    const created = await vi.waitFor(
      async () => {
        const r = await provider.api('/dictations', {
          method: 'POST',
          body: JSON.stringify({ text: dictationText(dispatchedAt), synthetic: true }),
        });
        expect(r.status).toBe(202);
        return (await r.json()) as Dictation & { deduplicated?: boolean };
      },
      { timeout: 30_000, interval: 250 },
    );
    expect(created.deduplicated).toBe(false);
    expect(created.status).toBe('received');
    return created.dictationId;
  }

  it('walks one dictation to copied: needs information, resolved to ready to copy, copied', async () => {
    const id = await dictate('1005');
    await expect.poll(() => status(id), { timeout: 90_000 }).toBe('needs_information');
    expect(await listed('needs_information')).toContain(id);
    expect(await listed('received')).not.toContain(id);

    const resolved = await provider.api(`/dictations/${id}/narrative`, {
      method: 'PATCH',
      body: JSON.stringify({ baseVersion: 1, resolutions: { destination: 'Transported to Mercy General Hospital' } }),
    });
    expect(resolved.status).toBe(200);
    await expect.poll(() => status(id), { timeout: 30_000 }).toBe('ready_to_copy');

    const copied = await provider.api(`/dictations/${id}/narrative/copy`, { method: 'POST', body: JSON.stringify({ version: 2 }) });
    expect(copied.status).toBe(200);
    await expect.poll(() => status(id), { timeout: 30_000 }).toBe('copied');
    expect(await listed('copied')).toEqual([id]);
    const shown = await dictation(id);
    expect(shown.providerName).toBe(`provider@${TENANT}.demo.invalid`);
    expect(shown).not.toHaveProperty('statusReason');
  });

  it('walks one dictation to failed: a transcription attempt whose input is gone fails with a fixed, readable reason', async () => {
    const id = await dictate('1006');
    await expect.poll(() => status(id), { timeout: 90_000 }).toBe('needs_information');
    // The stored input disappears (the filesystem store's layout: input/{tenant}/{yyyy}/{mm}/{dd}/{dictation}/).
    const inputs = await readdir(join(dataDir, 'objects', 'input', TENANT), { recursive: true });
    const folder = inputs.find((p) => p.endsWith(id));
    expect(folder).toBeDefined();
    await rm(join(dataDir, 'objects', 'input', TENANT, folder!), { recursive: true });

    const again = await provider.api(`/dictations/${id}/reprocess`, { method: 'POST', body: '{}' });
    expect(again.status).toBe(202);
    expect(await again.json()).toMatchObject({ attempt: 2, dictation: { status: 'received' } });
    await expect.poll(() => status(id), { timeout: 90_000 }).toBe('failed');
    expect(await dictation(id)).toMatchObject({
      status: 'failed',
      statusReason: 'media_unreadable',
      statusMessage: 'The dictation could not be read. Dictate or upload it again.',
    });
    expect(await listed('failed')).toEqual([id]);
    expect(await listed('needs_information')).not.toContain(id);
  });
});
