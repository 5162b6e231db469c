// @ts-check
/**
 * Recordings waiting for their upload, kept in this browser only while they cannot be sent, and
 * only when the tenant's PHI mode is enabled (the recorder decides; in the sandbox nothing is
 * kept). Each recording is encrypted with AES-GCM (256-bit, a fresh 96-bit IV each, the record id
 * as additional data) under one key generated here as non-extractable: IndexedDB holds the
 * CryptoKey object, never its bytes, so neither page script nor a copy of the database can read
 * the key out. A recording is deleted once the server confirms its dictation, or unsent after the
 * tenant's maximum age. Only metadata (times, size, digest, upload address) is stored in clear.
 */

const DB_NAME = 'medicdraft-pending-recordings';
const KEYS = 'keys';
const RECORDINGS = 'recordings';

/**
 * @typedef {object} PendingMeta
 * @property {string} id
 * @property {string} tenantId
 * @property {string} userId
 * @property {number} createdAt epoch ms
 * @property {number} size plaintext bytes
 * @property {string} type the recording's media type
 * @property {string} sha256 hex digest of the plaintext
 * @property {string} [uploadUrl] the server's upload, once started
 */

/** @param {IDBRequest} req @returns {Promise<any>} */
const done = (req) =>
  new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });

/** @returns {Promise<IDBDatabase>} */
function openDb() {
  const req = indexedDB.open(DB_NAME, 1);
  req.onupgradeneeded = () => {
    req.result.createObjectStore(KEYS);
    req.result.createObjectStore(RECORDINGS, { keyPath: 'id' });
  };
  return done(req);
}

/** @param {IDBDatabase} db @param {string} store @param {IDBTransactionMode} mode */
const objects = (db, store, mode) => db.transaction(store, mode).objectStore(store);

/** The database's key, generated (non-extractable) on first use. @param {IDBDatabase} db @returns {Promise<CryptoKey>} */
async function keyOf(db) {
  const existing = await done(objects(db, KEYS, 'readonly').get('aes-gcm'));
  if (existing instanceof CryptoKey) return existing;
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  await done(objects(db, KEYS, 'readwrite').put(key, 'aes-gcm'));
  return key;
}

const aad = (/** @type {string} */ id) => new TextEncoder().encode(`medicdraft-recording:${id}`);

/** The encrypted store of pending recordings. */
export async function openPendingRecordings() {
  const db = await openDb();
  const key = await keyOf(db);
  return {
    /** Encrypts and keeps a recording. @param {PendingMeta} meta @param {Blob} audio */
    async put(meta, audio) {
      const iv = crypto.getRandomValues(new Uint8Array(12));
      const sealed = await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: aad(meta.id) }, key, await audio.arrayBuffer());
      await done(objects(db, RECORDINGS, 'readwrite').put({ ...meta, iv, sealed }));
    },
    /**
     * The user's pending recordings (metadata), oldest first.
     * @param {string} tenantId @param {string} userId @returns {Promise<PendingMeta[]>}
     */
    async list(tenantId, userId) {
      /** @type {Array<PendingMeta & { iv?: unknown, sealed?: unknown }>} */
      const all = await done(objects(db, RECORDINGS, 'readonly').getAll());
      return all
        .filter((r) => r.tenantId === tenantId && r.userId === userId)
        .map(({ iv: _iv, sealed: _sealed, ...meta }) => meta)
        .sort((a, b) => a.createdAt - b.createdAt);
    },
    /** The decrypted audio. @param {string} id @returns {Promise<Blob>} */
    async audio(id) {
      const r = await done(objects(db, RECORDINGS, 'readonly').get(id));
      const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: r.iv, additionalData: aad(id) }, key, r.sealed);
      return new Blob([plain], { type: r.type });
    },
    /** Remembers where the upload is, so a reload resumes it. @param {string} id @param {string} uploadUrl */
    async setUploadUrl(id, uploadUrl) {
      const r = await done(objects(db, RECORDINGS, 'readonly').get(id));
      if (r) await done(objects(db, RECORDINGS, 'readwrite').put({ ...r, uploadUrl }));
    },
    /** @param {string} id */
    async remove(id) {
      await done(objects(db, RECORDINGS, 'readwrite').delete(id));
    },
    /** Deletes every recording (any user's) older than `maxAgeMs`; returns how many. @param {number} maxAgeMs */
    async purgeOlderThan(maxAgeMs) {
      /** @type {PendingMeta[]} */
      const all = await done(objects(db, RECORDINGS, 'readonly').getAll());
      const old = all.filter((r) => Date.now() - r.createdAt > maxAgeMs);
      for (const r of old) await done(objects(db, RECORDINGS, 'readwrite').delete(r.id));
      return old.length;
    },
  };
}
/** @typedef {Awaited<ReturnType<typeof openPendingRecordings>>} PendingRecordings */
