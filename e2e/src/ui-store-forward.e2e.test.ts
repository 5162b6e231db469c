import { createHash } from 'node:crypto';
import type { Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowserSession, type BrowserSession } from './browser-session.js';
import { createFakeMicrophone, recordOffline, type FakeMicrophone } from './fake-microphone.js';

/**
 * Runs in the page (a string: this package has no DOM types): stores a recording through the
 * app's own module, then reads IndexedDB directly to see what is kept.
 */
const IN_BROWSER_STORE_CHECK = `(async () => {
  const mod = await import('/ui/assets/pending-recordings.js');
  const store = await mod.openPendingRecordings();
  const plain = new TextEncoder().encode('synthetic recording bytes '.repeat(40));
  const id = crypto.randomUUID();
  const meta = { id, tenantId: 't', userId: 'u', createdAt: Date.now(), size: plain.length, type: 'audio/webm', sha256: 'x' };
  await store.put(meta, new Blob([plain]));
  const raw = await new Promise((resolve, reject) => {
    const open = indexedDB.open('medicdraft-pending-recordings');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction(['keys', 'recordings']);
      const key = tx.objectStore('keys').get('aes-gcm');
      const record = tx.objectStore('recordings').get(id);
      tx.oncomplete = () => resolve({ key: key.result, record: record.result });
    };
  });
  const sealed = new Uint8Array(raw.record.sealed);
  const exported = await crypto.subtle.exportKey('raw', raw.key).then(() => 'exported', () => 'refused');
  const decrypted = new Uint8Array(await (await store.audio(id)).arrayBuffer());
  const listed = (await store.list('t', 'u')).length;
  await store.remove(id);
  return {
    extractable: raw.key.extractable,
    exported,
    clearInStore: new TextDecoder().decode(sealed).includes('synthetic recording'),
    roundTrip: decrypted.length === plain.length && decrypted.every((b, i) => b === plain[i]),
    listed,
    afterRemove: (await store.list('t', 'u')).length,
  };
})()`;
/**
 * Runs in the page (a string, like the check above: vitest rewrites a dynamic import in a
 * function), given the maximum age in hours: stores, for the signed-in user, one recording an hour
 * past it and one just made, through the app's own module.
 */
const IN_BROWSER_STORE_AGED = (maxAgeHours: number) => `(async () => {
  const me = await (await fetch('/v1/me')).json();
  const mod = await import('/ui/assets/pending-recordings.js');
  const store = await mod.openPendingRecordings();
  const audio = new Blob([new TextEncoder().encode('synthetic recording bytes')], { type: 'audio/webm' });
  const record = (createdAt) => ({
    id: crypto.randomUUID(), tenantId: me.user.tenantId, userId: me.user.id, createdAt, size: audio.size, type: audio.type, sha256: 'x',
  });
  const old = record(Date.now() - (${maxAgeHours} + 1) * 3600000);
  const fresh = record(Date.now());
  await store.put(old, audio);
  await store.put(fresh, audio);
  return { freshId: fresh.id, listed: (await store.list(me.user.tenantId, me.user.id)).length };
})()`;
/** Runs in the page: the ids of every recording in the browser's store (read directly, not through the app). */
const STORED_IDS = `new Promise((resolve, reject) => {
  const open = indexedDB.open('medicdraft-pending-recordings');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const all = open.result.transaction('recordings').objectStore('recordings').getAllKeys();
    all.onsuccess = () => resolve(all.result);
  };
})`;
/** The recorder's policy as the server answers it to the page. */
const policyOf = (page: Page) =>
  page.evaluate(async () => {
    const me = (await (await fetch('/v1/me')).json()) as { user: { tenantId: string } };
    return (await (await fetch(`/v1/tenants/${me.user.tenantId}/recording-policy`)).json()) as { pendingMaxAgeHours: number };
  });
/**
 * Runs in the page: a MediaRecorder stand-in that hands the recorder `base64`'s bytes as its one
 * recording (the recorder's own code then keeps and sends it).
 */
const REPLAYING_RECORDER = (base64: string) => `(() => {
  const bytes = Uint8Array.from(atob('${base64}'), (c) => c.charCodeAt(0));
  class ReplayingRecorder extends EventTarget {
    mimeType = 'audio/webm';
    start() {
      const e = new Event('dataavailable');
      e.data = new Blob([bytes], { type: this.mimeType });
      setTimeout(() => this.dispatchEvent(e), 0);
    }
    stop() {
      setTimeout(() => this.dispatchEvent(new Event('stop')), 0);
    }
  }
  globalThis.MediaRecorder = ReplayingRecorder;
})()`;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
/** A recording long enough for several upload chunks (32 KiB each). */
const ENOUGH_KIB = 80;

/**
 * Store-and-forward dictation in headless Chromium against the embedded app (the synthetic
 * sandbox: PHI mode disabled). The microphone is Chromium's fake capture fed from a WAV file. A
 * provider records while offline, the recording waits in the page's list, the browser comes back
 * online and the upload starts, a PATCH is cut off halfway through, the provider sends again and
 * the upload resumes where the server stopped: exactly one dictation, with the digest of the
 * bytes the server received and the one the browser declared.
 */
describe('store-and-forward dictation in the browser', () => {
  let session: BrowserSession;
  let microphone: FakeMicrophone | undefined;
  let page: Page;
  /** The recording the first test sent, as the server received it, and its dictation. */
  let sent: { bytes: Buffer; dictationId: string } | undefined;

  beforeAll(async () => {
    microphone = await createFakeMicrophone();
    session = await openBrowserSession('ui-store-forward', {
      launchArgs: microphone.launchArgs,
    });
    page = await session.newPage({ permissions: ['microphone'] });
    await session.signIn(page, 'provider');
    await page.waitForSelector('#record-start');
  });

  afterAll(async () => {
    await session?.close();
    await microphone?.dispose();
  });

  it('records offline, keeps the recording in the page only (sandbox), uploads when online, resumes after a cut', async () => {
    const tenant = session.cred('provider').tenant;
    expect(await page.textContent('#recorder-hint')).toContain('Nothing is stored in this browser');
    await session.shot(page, 'recorder-sandbox');

    await page.check('#recording-synthetic');
    const row = await recordOffline(page, ENOUGH_KIB);
    // The sandbox keeps nothing in the browser's storage.
    expect(await page.evaluate('indexedDB.databases().then((all) => all.map((d) => d.name))')).not.toContain(
      'medicdraft-pending-recordings',
    );
    await session.shot(page, 'recorder-pending-offline');

    // Back online: the upload starts by itself; its second PATCH is cut off before it reaches the server.
    const received = new Map<number, Buffer>();
    let patches = 0;
    let declared = '';
    await page.route('**/dictation-uploads**', async (route: Route) => {
      const req = route.request();
      if (req.method() === 'POST') {
        const meta = (await req.headerValue('upload-metadata')) ?? '';
        const b64 = /(?:^|,)sha256 ([^,]+)/.exec(meta)?.[1] ?? '';
        declared = Buffer.from(b64, 'base64').toString();
      }
      if (req.method() !== 'PATCH') return route.continue();
      patches++;
      if (patches === 2) return route.abort('connectionreset');
      received.set(Number(await req.headerValue('upload-offset')), req.postDataBuffer() ?? Buffer.alloc(0));
      return route.continue();
    });
    await page.context().setOffline(false);
    await expect.poll(() => patches, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    await expect.poll(async () => row.locator('td').nth(2).textContent(), { timeout: 15_000 }).toContain('offline');
    expect(patches).toBe(2);
    await session.shot(page, 'recorder-upload-interrupted');

    // Sent again: the client asks the server where it is and sends only the rest.
    await row.getByRole('button', { name: 'Send now' }).click();
    await expect.poll(() => row.count(), { timeout: 30_000 }).toBe(0);
    expect(await page.textContent('#recorder-status')).toContain('Dictation received');
    expect([...received.keys()].sort((a, b) => a - b)[0]).toBe(0);
    // Every byte the server has arrived in the PATCHes that got through, the cut one's again after it.
    const offsets = [...received.keys()].sort((a, b) => a - b);
    const bytes = Buffer.concat(offsets.map((o) => received.get(o)!));
    offsets.forEach((o, i) => expect(o).toBe(offsets.slice(0, i).reduce((n, p) => n + received.get(p)!.length, 0)));

    const page1 = await page.evaluate(async (t) => (await fetch(`/v1/tenants/${t}/dictations`)).json(), tenant);
    const audio = (
      page1 as { dictations: { dictationId: string; kind: string; sha256: string; sizeBytes: number; synthetic: boolean }[] }
    ).dictations.filter((d) => d.kind === 'audio');
    expect(audio).toHaveLength(1);
    expect(audio[0]).toMatchObject({ sha256: sha256(bytes), sizeBytes: bytes.length, synthetic: true });
    expect(audio[0]!.sha256).toBe(declared);
    expect(await page.getAttribute('#recorder-status a', 'href')).toBe(`/dictations/${audio[0]!.dictationId}`);
    await session.shot(page, 'recorder-sent');
    sent = { bytes, dictationId: audio[0]!.dictationId };
  });

  it('says a re-sent recording was sent already (ingest dedupe) and links the dictation it already is', async () => {
    const first = sent!;
    await page.unroute('**/dictation-uploads**');
    // The same bytes again from the recorder: a microphone never records the same bytes twice, so the
    // page's MediaRecorder is replaced by one that hands back the recording the server already has.
    await page.evaluate(REPLAYING_RECORDER(first.bytes.toString('base64')));
    await page.check('#recording-synthetic');
    await page.click('#record-start');
    await page.waitForSelector('#recorder-status:has-text("KiB")');
    await page.click('#record-stop');
    await page.waitForSelector('#recorder-status:has-text("You sent this recording already")');
    expect(await page.getAttribute('#recorder-status a', 'href')).toBe(`/dictations/${first.dictationId}`);
    expect(await page.textContent('#recorder-status')).not.toContain('Dictation received');
    expect(await page.locator('[data-testid=pending-recording]').count()).toBe(0);
    const tenant = session.cred('provider').tenant;
    const list = (await page.evaluate(async (t) => (await fetch(`/v1/tenants/${t}/dictations`)).json(), tenant)) as {
      dictations: { dictationId: string; kind: string }[];
    };
    expect(list.dictations.filter((d) => d.kind === 'audio').map((d) => d.dictationId)).toEqual([first.dictationId]);
    await session.shot(page, 'recorder-resent');
  });

  it('encrypts a pending recording in IndexedDB under a non-extractable key, and deletes it on confirmation', async () => {
    // The PHI-mode store, exercised in this Chromium directly (the sandbox never enables PHI mode).
    const result = await page.evaluate(IN_BROWSER_STORE_CHECK);
    expect(result).toEqual({ extractable: false, exported: 'refused', clearInStore: false, roundTrip: true, listed: 1, afterRemove: 0 });
  });

  it("deletes a pending recording older than the owner's maximum age when the recorder opens, keeping a fresh one", async () => {
    // A fresh context: its own IndexedDB, and no route left by the tests above.
    const phi = await session.newPage({ permissions: ['microphone'] });
    await session.signIn(phi, 'provider');
    await phi.waitForSelector('#record-start');
    // The embedded app is the sandbox, where the recorder keeps nothing in the browser; the
    // encrypted store and its age limit exist only with PHI mode, which needs the stack. The policy
    // answer is the server's (with the owner's maximum age) with only the PHI-mode part turned on.
    await phi.route('**/recording-policy', async (route) => {
      const real = (await (await route.fetch()).json()) as Record<string, unknown>;
      await route.fulfill({ json: { ...real, phiMode: 'enabled', keepUnsentInBrowser: true } });
    });
    // Uploads never reach the server (it would refuse a non-synthetic recording here): the fresh one stays waiting.
    await phi.route('**/dictation-uploads**', (route) => route.abort('internetdisconnected'));
    const stored = (await phi.evaluate(IN_BROWSER_STORE_AGED((await policyOf(phi)).pendingMaxAgeHours))) as {
      freshId: string;
      listed: number;
    };
    expect(stored.listed).toBe(2);

    await phi.reload();
    await phi.waitForSelector('#recorder-hint:has-text("encrypted, for at most")');
    const rows = phi.locator('[data-testid=pending-recording]');
    await expect.poll(async () => rows.locator('td').nth(2).textContent(), { timeout: 15_000 }).toContain('offline');
    expect(await rows.count()).toBe(1);
    expect(await phi.evaluate(STORED_IDS)).toEqual([stored.freshId]);
    await session.shot(phi, 'recorder-aged-out');

    // Deleting the fresh one empties both the list on screen and the store.
    await rows.getByRole('button', { name: 'Delete' }).click();
    await phi.waitForSelector('[data-testid=pending-recordings] >> text=No recordings are waiting to be sent.');
    expect(await phi.evaluate(STORED_IDS)).toEqual([]);
  });

  it('has no serious or critical accessibility violations on the screens shot', () => {
    expect(session.a11yViolations()).toEqual([]);
  });
});
