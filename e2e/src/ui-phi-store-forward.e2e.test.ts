import { internalReadinessClient, PHI_READY_SETTINGS, phiReadyAwsNames, provisionPhiReadyAws } from '@medicdraft/readiness/testing';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.js';
import { createFakeMicrophone, recordOffline, type FakeMicrophone } from './fake-microphone.js';
import { startDrill, type Drill } from './drill.js';
import { demoCredentialsOf } from './embedded-app.js';
import { stack } from './stack-env.js';
import { enablePhiModeOnceReady } from './phi-mode.js';

/**
 * Runs in the page (a string: this package has no DOM types). What IndexedDB holds for the
 * recorder's pending recordings, read directly, and the recording as the app's own module decrypts
 * it: the stored value must be ciphertext, the decrypted bytes the recording the list announces.
 */
const PENDING_IN_INDEXEDDB = `(async () => {
  const raw = await new Promise((resolve, reject) => {
    const open = indexedDB.open('medicdraft-pending-recordings');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['keys', 'recordings']);
      const key = tx.objectStore('keys').get('aes-gcm');
      const all = tx.objectStore('recordings').getAll();
      tx.oncomplete = () => resolve({ key: key.result, records: all.result });
    };
  });
  const hex = (buf) => [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
  const records = [];
  for (const r of raw.records) {
    const mod = await import('/ui/assets/pending-recordings.js');
    const plain = new Uint8Array(await (await (await mod.openPendingRecordings()).audio(r.id)).arrayBuffer());
    const sealed = new Uint8Array(r.sealed);
    const sealedHex = hex(sealed);
    records.push({
      sha256: r.sha256,
      size: r.size,
      plainSha256: hex(await crypto.subtle.digest('SHA-256', plain)),
      plainLength: plain.length,
      sealedLength: sealed.length,
      // Any 16 bytes of the recording (start, middle, end) appearing in the stored value would be clear text.
      clearSlices: [0, plain.length >> 1, plain.length - 16].filter((o) => sealedHex.includes(hex(plain.subarray(o, o + 16)))).length,
      webmMagicAtStart: sealedHex.startsWith('1a45dfa3'),
    });
  }
  return { keyExtractable: raw.key ? raw.key.extractable : null, records };
})()`;
const RECORDING_COUNT = `(async () => new Promise((resolve, reject) => {
  const open = indexedDB.open('medicdraft-pending-recordings');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const req = open.result.transaction('recordings').objectStore('recordings').count();
    req.onsuccess = () => resolve(req.result);
  };
}))()`;
const ENOUGH_KIB = 40;

/**
 * The PHI-mode recording path end to end in headless Chromium, on the stack: readiness proves every
 * gate from live evidence on moto, the owner's PHI mode is enabled, and a provider records through
 * the gateway process (the embedded app cannot enable PHI mode). The microphone is Chromium's fake
 * capture fed from a WAV file. Offline, the recording is held in IndexedDB, encrypted, and listed as
 * waiting; back online it is uploaded (tus, into the shared encrypted spool) and becomes exactly one
 * dictation with the recording's sha256; then nothing of it is left in the browser.
 */
describe('store-and-forward dictation in PHI mode, in the browser', { timeout: 240_000 }, () => {
  let drill: Drill;
  let session: BrowserSession;
  let page: Page;
  let microphone: FakeMicrophone | undefined;
  let tenant: string;

  beforeAll(async () => {
    drill = await startDrill('uiphi');
    tenant = drill.tenantId;
    const aws = await drill.aws({ inProgressMs: 300 });
    const ready = await provisionPhiReadyAws(stack.aws, {
      label: tenant,
      inputBucket: aws.env['AWS_HEALTHSCRIBE_INPUT_BUCKET']!,
      outputBucket: aws.env['AWS_HEALTHSCRIBE_OUTPUT_BUCKET']!,
      kmsKeyArn: aws.env['AWS_HEALTHSCRIBE_KMS_KEY_ARN']!,
    });
    drill.defer(() => ready.close());
    const names = phiReadyAwsNames(tenant);
    const awsEnv = {
      ...aws.env,
      AWS_HEALTHSCRIBE_DATA_ACCESS_ROLE_ARN: names.roleArn,
      AWS_HEALTHSCRIBE_AUDIT_LOG_GROUP: names.logGroup,
      AUDIT_WITNESS_BUCKET: names.witnessBucket,
    };
    const readinessProcess = await drill.start('readiness', {
      ...awsEnv,
      AUTH_OIDC_ISSUER: 'https://idp.e2e.invalid/',
      READINESS_PROBE_INTERVAL_MS: '1000',
    });
    const readiness = internalReadinessClient(readinessProcess.url);
    await readiness.registerTenant(tenant, 'PHI Browser Drill EMS');
    await readiness.updateSettings(tenant, PHI_READY_SETTINGS);
    await drill.start('audit', {});
    const ingest = await drill.start('ingest', awsEnv);
    const gateway = await drill.start('gateway', {
      ...aws.env,
      INGEST_INTERNAL_URL: ingest.url,
      READINESS_INTERNAL_URL: readinessProcess.url,
      DEMO_TENANT_ID: tenant,
      DEMO_TENANT_NAME: 'PHI Browser Drill EMS',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    // The owner's PHI mode, once every other gate is proven from live evidence.
    await enablePhiModeOnceReady(readiness, tenant);

    microphone = await createFakeMicrophone();
    session = await openBrowserSession('ui-phi-store-forward', {
      launchArgs: microphone.launchArgs,
      gateway: { url: gateway.url, credentials: demoCredentialsOf(gateway) },
    });
    page = await session.newPage({ permissions: ['microphone'] });
    await session.signIn(page, 'provider');
    // The recorder reads the policy when it is shown: wait until the gateway's gate view has PHI mode.
    await vi.waitFor(
      async () => {
        const policy = await page.evaluate(async (t) => (await fetch(`/v1/tenants/${t}/recording-policy`)).json(), tenant);
        expect(policy).toMatchObject({ phiMode: 'enabled', keepUnsentInBrowser: true });
      },
      { timeout: 30_000, interval: 250 },
    );
    await page.reload();
    await page.waitForSelector('#record-start');
  });

  afterAll(async () => {
    await session?.close();
    await drill?.close();
    await microphone?.dispose();
  });

  it('holds an offline recording encrypted in IndexedDB, sends it once online: one dictation with its sha256, nothing left', async () => {
    expect(await page.textContent('#recorder-hint')).toContain('stay in this browser, encrypted');
    expect(await page.isVisible('#recording-synthetic')).toBe(false);
    await session.shot(page, 'phi-recorder');

    const row = await recordOffline(page, ENOUGH_KIB);

    // Held in IndexedDB as ciphertext under a key that cannot be read out; it decrypts to the recording listed.
    const held = (await page.evaluate(PENDING_IN_INDEXEDDB)) as {
      keyExtractable: boolean | null;
      records: {
        sha256: string;
        size: number;
        plainSha256: string;
        plainLength: number;
        sealedLength: number;
        clearSlices: number;
        webmMagicAtStart: boolean;
      }[];
    };
    expect(held.keyExtractable).toBe(false);
    expect(held.records).toHaveLength(1);
    const [record] = held.records;
    expect(record!.plainLength).toBeGreaterThanOrEqual(ENOUGH_KIB * 1024);
    expect(record).toMatchObject({
      size: record!.plainLength,
      plainSha256: record!.sha256,
      // AES-GCM: as long as the recording plus the 16-byte tag, and none of the recording's bytes in clear.
      sealedLength: record!.plainLength + 16,
      clearSlices: 0,
      webmMagicAtStart: false,
    });
    await session.shot(page, 'phi-recorder-pending-offline');

    // Back online: the upload starts by itself and the server confirms it.
    await page.context().setOffline(false);
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(0);
    expect(await page.textContent('#recorder-status')).toContain('Dictation received');
    const listed = (await page.evaluate(async (t) => (await fetch(`/v1/tenants/${t}/dictations`)).json(), tenant)) as {
      dictations: { kind: string; sha256: string; sizeBytes: number; synthetic: boolean }[];
    };
    const audio = listed.dictations.filter((d) => d.kind === 'audio');
    expect(audio).toHaveLength(1);
    expect(audio[0]).toMatchObject({ sha256: record!.sha256, sizeBytes: record!.plainLength, synthetic: false });
    // Nothing of the recording is left in the browser.
    expect(await page.evaluate(RECORDING_COUNT)).toBe(0);
    await session.shot(page, 'phi-recorder-sent');
  });

  it('has no serious or critical accessibility violations on the screens shot', () => {
    expect(session.a11yViolations()).toEqual([]);
  });
});
