// @ts-check
import { ApiError, csrfHeader } from './api.js';

/**
 * A small tus 1.0 client for dictation uploads (creation, HEAD for the offset, PATCH in chunks),
 * same-origin with the session cookie and the CSRF token like every other call. After any failure
 * the next attempt asks the server how much it has (HEAD) and sends only the rest, so a connection
 * that drops mid-upload costs at most one chunk. The final PATCH answers the dictation; if that
 * answer was lost, `GET` on the upload names it, so a recording never becomes two dictations.
 */

const TUS = { 'tus-resumable': '1.0.0' };
/** Small: on a weak mobile link a dropped request costs at most this much again. */
export const CHUNK_BYTES = 32 * 1024;

/** @param {string} method @param {string} url @param {Record<string, string>} headers @param {BodyInit} [body] */
async function call(method, url, headers, body) {
  try {
    return await fetch(url, {
      method,
      headers: { ...TUS, ...csrfHeader(), ...headers },
      body,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network_error', 'the server cannot be reached');
  }
}

/** @param {Response} res */
async function failure(res) {
  const data = await res.json().catch(() => null);
  return new ApiError(res.status, data?.error ?? `http_${res.status}`, data?.message ?? res.statusText);
}

/** Hex SHA-256 of a blob. @param {Blob} blob */
export async function sha256Hex(blob) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** tus `Upload-Metadata`: `key base64(value)` pairs. @param {Record<string, string>} meta */
const metadata = (meta) =>
  Object.entries(meta)
    .map(([k, v]) => `${k} ${btoa(v)}`)
    .join(',');

/**
 * Sends `blob` (resuming `uploadUrl` when given) and resolves with the dictation's id once the
 * server accepted it, and `deduplicated` when the final answer says this provider had sent the
 * same recording before (it is that dictation; false when the answer was lost and `GET` named the
 * dictation). Throws ApiError: status 0 when offline (try again later), 404 when the upload
 * expired or was refused (start a new one), else the server's refusal.
 * @param {{ createUrl: string, blob: Blob, sha256: string, synthetic: boolean, uploadUrl?: string,
 *   onStarted?: (url: string) => Promise<void> | void, onProgress?: (sent: number) => void }} o
 * @returns {Promise<{ dictationId: string, deduplicated: boolean }>}
 */
export async function uploadResumable(o) {
  let url = o.uploadUrl;
  if (url === undefined) {
    const declared = { sha256: o.sha256, ...(o.synthetic ? { synthetic: 'true' } : {}) };
    const res = await call('POST', o.createUrl, { 'upload-length': String(o.blob.size), 'upload-metadata': metadata(declared) });
    const location = res.headers.get('location');
    if (res.status !== 201 || location === null) throw await failure(res);
    url = location;
    await o.onStarted?.(url);
  }
  for (;;) {
    const head = await call('HEAD', url, {});
    if (!head.ok) throw head.status === 404 ? new ApiError(404, 'not_found', 'the upload is no longer on the server') : await failure(head);
    let offset = Number(head.headers.get('upload-offset'));
    o.onProgress?.(offset);
    if (offset === o.blob.size) {
      const status = await call('GET', url, {});
      if (!status.ok) throw await failure(status);
      const { dictationId } = await status.json();
      if (typeof dictationId === 'string') return { dictationId, deduplicated: false };
    }
    // Chunk after chunk from where the server is; the last one (possibly empty, when only the answer was lost) names the dictation.
    do {
      const end = Math.min(offset + CHUNK_BYTES, o.blob.size);
      const res = await call(
        'PATCH',
        url,
        { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        o.blob.slice(offset, end),
      );
      if (res.status === 200) {
        const { dictationId, deduplicated } = await res.json();
        return { dictationId, deduplicated: deduplicated === true };
      }
      if (res.status === 409) break; // the server has another offset: ask it again
      if (res.status !== 204) throw await failure(res);
      offset = Number(res.headers.get('upload-offset'));
      o.onProgress?.(offset);
    } while (offset <= o.blob.size);
  }
}
