// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { h, mount } from './dom.js';
import { openPendingRecordings } from './pending-recordings.js';
import { sha256Hex, uploadResumable } from './resumable-upload.js';

/**
 * Store-and-forward dictation: record in the browser (MediaRecorder), send with the resumable
 * upload, and keep what cannot be sent yet in a visible "waiting to be sent" list that is retried
 * when the browser is back online. Where the recording waits depends on the tenant
 * (`/recording-policy`): with PHI mode enabled, encrypted in IndexedDB (pending-recordings.js) for
 * at most the tenant's maximum age; in the sandbox, recordings are synthetic practice declared by
 * the user and wait in this page's memory only (never written to the browser's storage, lost on
 * leaving the page). A recording is deleted from the browser once the server names its dictation.
 */

/**
 * @typedef {object} Pending
 * @property {string} id
 * @property {number} createdAt
 * @property {number} size
 * @property {string} type
 * @property {string} sha256
 * @property {string} [uploadUrl]
 * @property {Blob} [audio] sandbox only: the recording in memory
 * @property {string} [state] what the list shows
 */

/**
 * @param {import('./ui-types.js').ViewContext} ctx
 * @param {() => void} onSent refreshes the dictation list after a confirmed upload
 * @returns {Promise<HTMLElement>}
 */
export async function renderRecorder(ctx, onSent) {
  /** @type {{ phiMode: string, keepUnsentInBrowser: boolean, pendingMaxAgeHours: number }} */
  const policy = await api('GET', tenantPath(ctx.me, '/recording-policy'));
  const { id: userId, tenantId } = ctx.me.user;
  const store = policy.keepUnsentInBrowser ? await openPendingRecordings() : undefined;
  if (store) await store.purgeOlderThan(policy.pendingMaxAgeHours * 3_600_000);
  /** @type {Map<string, Pending>} */
  const pending = new Map();
  for (const meta of store ? await store.list(tenantId, userId) : []) pending.set(meta.id, { ...meta, state: 'Waiting to be sent' });

  const status = h('p', { id: 'recorder-status', class: 'muted', role: 'status' });
  const list = h('div', { 'data-testid': 'pending-recordings' });
  const start = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'record-start' }, 'Start recording'));
  const stop = /** @type {HTMLButtonElement} */ (h('button', { type: 'button', id: 'record-stop', disabled: true }, 'Stop recording'));
  const synthetic = /** @type {HTMLInputElement} */ (h('input', { type: 'checkbox', id: 'recording-synthetic' }));
  const where = store
    ? `Recordings that cannot be sent yet stay in this browser, encrypted, for at most ${policy.pendingMaxAgeHours} hours, ` +
      'and are deleted as soon as the server confirms them.'
    : 'Sandbox: record synthetic practice audio only (no patient information). Nothing is stored in this browser: ' +
      'a recording not yet sent is lost when you leave this page.';

  /** @type {MediaRecorder | undefined} */
  let recorder;
  start.addEventListener('click', async () => {
    if (!store && !synthetic.checked) {
      mount(status, 'Confirm that the recording is synthetic first.');
      return;
    }
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      /** @type {Blob[]} */
      const parts = [];
      recorder = new MediaRecorder(stream);
      let recorded = 0;
      recorder.addEventListener('dataavailable', (e) => {
        parts.push(e.data);
        recorded += e.data.size;
        mount(status, `Recording… ${Math.floor(recorded / 1024)} KiB`);
      });
      recorder.addEventListener('stop', () => {
        for (const t of stream.getTracks()) t.stop();
        void keep(new Blob(parts, { type: recorder?.mimeType ?? 'audio/webm' }));
      });
      // Data every second: the length so far is shown, and a stop loses nothing.
      recorder.start(1000);
      start.disabled = true;
      stop.disabled = false;
      mount(status, 'Recording…');
    } catch {
      mount(status, 'The microphone is not available to this page.');
    }
  });
  stop.addEventListener('click', () => {
    recorder?.stop();
    start.disabled = false;
    stop.disabled = true;
  });

  /** A finished recording: into the list (and, with PHI mode, the encrypted store), then sent. @param {Blob} audio */
  async function keep(audio) {
    const meta = { id: crypto.randomUUID(), createdAt: Date.now(), size: audio.size, type: audio.type, sha256: await sha256Hex(audio) };
    if (store) await store.put({ ...meta, tenantId, userId }, audio);
    pending.set(meta.id, { ...meta, ...(store ? {} : { audio }), state: 'Waiting to be sent' });
    mount(status, 'Recording saved; sending.');
    await send(meta.id);
  }

  /** @type {Set<string>} */
  const sending = new Set();
  /** @param {string} id */
  async function send(id) {
    const p = pending.get(id);
    if (p === undefined || sending.has(id)) return;
    sending.add(id);
    try {
      const audio = p.audio ?? (await /** @type {NonNullable<typeof store>} */ (store).audio(id));
      const attempt = (/** @type {string | undefined} */ uploadUrl) =>
        uploadResumable({
          createUrl: tenantPath(ctx.me, '/dictation-uploads'),
          blob: audio,
          sha256: p.sha256,
          synthetic: !store,
          ...(uploadUrl === undefined ? {} : { uploadUrl }),
          onStarted: async (url) => {
            p.uploadUrl = url;
            await store?.setUploadUrl(id, url);
          },
          onProgress: (sent) => show(p, `Sending: ${Math.floor((100 * sent) / Math.max(p.size, 1))}%`),
        });
      // An upload the server no longer has (expired) starts again from the beginning.
      const { dictationId, deduplicated } = await attempt(p.uploadUrl).catch((err) => {
        if (err instanceof ApiError && err.status === 404 && p.uploadUrl !== undefined) return attempt(undefined);
        throw err;
      });
      pending.delete(id);
      await store?.remove(id);
      const link = h('a', { href: `/dictations/${dictationId}`, 'data-nav': true }, `dictation ${dictationId.slice(0, 8)}`);
      // A resend of the same recording is not a new dictation: ingest answers the one it already has.
      mount(
        status,
        ...(deduplicated
          ? ['You sent this recording already: it is ', link, '; it is not transcribed a second time.']
          : ['Dictation received (', link, '); drafting the narrative.']),
      );
      onSent();
    } catch (err) {
      if (!(err instanceof ApiError)) show(p, 'Waiting to be sent (the recording could not be read)');
      else if (err.status === 401) throw err;
      else show(p, err.status === 0 ? 'Waiting to be sent (offline)' : describeError(err, 'The upload'));
    } finally {
      sending.delete(id);
      render();
    }
  }

  /** @param {Pending} p @param {string} state */
  function show(p, state) {
    p.state = state;
    render();
  }

  async function remove(/** @type {string} */ id) {
    pending.delete(id);
    await store?.remove(id);
    render();
  }

  function render() {
    mount(
      list,
      pending.size === 0
        ? h('p', { class: 'muted' }, 'No recordings are waiting to be sent.')
        : h(
            'table',
            {},
            h('caption', {}, `Waiting to be sent (${pending.size})`),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Recorded'),
                h('th', { scope: 'col' }, 'Size'),
                h('th', { scope: 'col' }, 'State'),
                h('th', { scope: 'col' }, 'Actions'),
              ),
            ),
            h(
              'tbody',
              {},
              [...pending.values()].map((p) =>
                h(
                  'tr',
                  { 'data-testid': 'pending-recording' },
                  h('td', {}, new Date(p.createdAt).toLocaleTimeString()),
                  h('td', {}, `${Math.ceil(p.size / 1024)} KiB`),
                  h('td', {}, p.state ?? ''),
                  h(
                    'td',
                    {},
                    h('button', { type: 'button', onclick: () => void send(p.id) }, 'Send now'),
                    ' ',
                    h('button', { type: 'button', class: 'secondary', onclick: () => void remove(p.id) }, 'Delete'),
                  ),
                ),
              ),
            ),
          ),
    );
  }

  const sendAll = () => {
    // The listener outlives this screen in the single-page app: it leaves with it.
    if (!section.isConnected) window.removeEventListener('online', sendAll);
    else for (const id of pending.keys()) void send(id);
  };
  render();
  const section = h(
    'section',
    { class: 'card', 'aria-labelledby': 'record-h' },
    h('h2', { id: 'record-h' }, 'Record dictation'),
    h('p', { id: 'recorder-hint', class: 'muted' }, where),
    !store &&
      h(
        'div',
        { class: 'field inline' },
        synthetic,
        h('label', { for: 'recording-synthetic' }, 'This recording is synthetic: it contains no real patient information.'),
      ),
    h('div', { class: 'field inline' }, start, ' ', stop),
    status,
    list,
  );
  window.addEventListener('online', sendAll);
  // Once the screen is shown (after the caller mounted it): what waits from an earlier visit goes now.
  setTimeout(() => navigator.onLine && sendAll(), 0);
  return section;
}
