import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { NotFoundError, type Clock, type ObjectRef, type ObjectStore } from '@medicdraft/platform';
import { ERRORS, Upload } from '@tus/utils';
import { splitUploadId, type SpoolRecord, type UploadSpool } from './upload-spool.port.js';

export interface ObjectUploadSpoolOptions {
  /** The tenants' object store (S3 with SSE-KMS on the stack): tenant-bound and encrypted at rest. */
  objects: ObjectStore;
  expiryMs: number;
  /** Every tenant the expiry sweep visits: the store is tenant-bound, so it cannot list across tenants. */
  tenants: () => Promise<readonly string[]>;
  now?: Clock;
  /** The most bytes of one request held in memory before they are stored as a part (default 4 MiB). */
  partBytes?: number;
}

const PREFIX = 'upload-spool/';
const PART = /\/part-(\d{13})-(\d{13})$/;
const pad = (n: number) => String(n).padStart(13, '0');

interface Part {
  key: string;
  start: number;
  end: number;
}

/**
 * The shared adapter of the upload spool: every upload lives in the tenant's own prefix of the
 * input bucket (`<tenant>/upload-spool/<uuid>/`), so every gateway instance sees it and the object
 * store encrypts it (SSE-KMS under the deployment's key with the tenant as encryption context).
 * The bytes are immutable parts named by the range they cover, stored as they arrive (at most
 * `partBytes` held in memory); the offset is the end of the parts that join up from byte 0. Two
 * writes of the same range (a retry through another instance while the first request still
 * drains; the protocol's lock is per instance) leave overlapping parts with the same bytes, which
 * the walk from byte 0 skips over, so nothing needs a lock across instances.
 */
export function createObjectUploadSpool(opts: ObjectUploadSpoolOptions): UploadSpool {
  const { objects } = opts;
  const partBytes = opts.partBytes ?? 4 * 1024 * 1024;
  const now = () => (opts.now ?? Date.now)();

  const where = (id: string) => {
    const parts = splitUploadId(id);
    if (parts === undefined) throw ERRORS.FILE_NOT_FOUND;
    const root = `${parts.tenantId}/${PREFIX}${parts.uploadId}/`;
    const ref = (key: string): ObjectRef => ({ tenantId: parts.tenantId, bucket: 'input', key });
    return { tenantId: parts.tenantId, prefix: `${PREFIX}${parts.uploadId}/`, record: ref(`${root}upload.json`), ref, root };
  };

  async function readRecord(id: string): Promise<SpoolRecord> {
    try {
      return JSON.parse((await buffer(await objects.get(where(id).record))).toString('utf8')) as SpoolRecord;
    } catch (err) {
      if (err instanceof NotFoundError || err === ERRORS.FILE_NOT_FOUND) throw ERRORS.FILE_NOT_FOUND;
      throw err;
    }
  }

  const writeRecord = async (id: string, record: SpoolRecord) =>
    void (await objects.put(where(id).record, Buffer.from(JSON.stringify(record)), { contentType: 'application/json' }));

  async function partsOf(id: string): Promise<Part[]> {
    const w = where(id);
    const parts: Part[] = [];
    for (const key of await objects.list(w.tenantId, 'input', w.prefix)) {
      const m = PART.exec(key);
      if (m !== null) parts.push({ key, start: Number(m[1]), end: Number(m[2]) });
    }
    return parts.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** The parts that join up from byte 0, each with the bytes at its start already covered by the one before. */
  function chain(parts: Part[]): { part: Part; skip: number }[] {
    const joined: { part: Part; skip: number }[] = [];
    let end = 0;
    for (const part of parts) {
      if (part.start > end) break;
      if (part.end <= end) continue;
      joined.push({ part, skip: end - part.start });
      end = part.end;
    }
    return joined;
  }
  const offsetOf = (parts: Part[]) => chain(parts).at(-1)?.part.end ?? 0;

  async function removeAll(id: string): Promise<void> {
    const w = where(id);
    // The record goes last: a removal cut short is found again by the expiry sweep.
    for (const part of await partsOf(id)) await objects.delete(w.ref(part.key));
    await objects.delete(w.record);
  }

  const spool: UploadSpool = {
    expiryMs: opts.expiryMs,

    async create(upload) {
      if (upload.size === undefined) throw ERRORS.INVALID_LENGTH;
      where(upload.id);
      upload.creation_date = new Date(now()).toISOString();
      await writeRecord(upload.id, {
        id: upload.id,
        size: upload.size,
        metadata: upload.metadata ?? {},
        creation_date: upload.creation_date,
      });
      return upload;
    },

    async write(stream, id, offset) {
      const w = where(id);
      // A repeated final request after acceptance: nothing more to write (its bytes are gone).
      if ((await readRecord(id)).dictationId !== undefined) {
        stream.resume();
        return offset;
      }
      let position = offset;
      let held: Buffer[] = [];
      let heldBytes = 0;
      const flush = async () => {
        if (heldBytes === 0) return;
        const body = Buffer.concat(held, heldBytes);
        held = [];
        heldBytes = 0;
        await objects.put(w.ref(`${w.root}part-${pad(position)}-${pad(position + body.length)}`), body);
        position += body.length;
      };
      // Read in flowing mode, so a chunk that arrived is never lost when the connection drops right
      // after it (an async iterator would leave it in the stream's buffer, discarded by the error).
      await new Promise<void>((resolve, reject) => {
        let storing: Promise<void> = Promise.resolve();
        const store = () => {
          stream.pause();
          storing = storing.then(flush).then(
            () => void stream.resume(),
            (err: unknown) => (stream.destroy(), reject(err)),
          );
        };
        stream.on('data', (chunk: Buffer | Uint8Array) => {
          const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
          held.push(bytes);
          heldBytes += bytes.length;
          if (heldBytes >= partBytes) store();
        });
        // A dropped connection: what arrived is kept, the next HEAD reports it and the client resumes there.
        stream.once('error', (err) => void storing.then(flush).then(() => reject(err), reject));
        stream.once('end', () => void storing.then(flush).then(resolve, reject));
      });
      return position;
    },

    async getUpload(id) {
      const r = await readRecord(id);
      const offset = r.dictationId === undefined ? offsetOf(await partsOf(id)) : r.size;
      return new Upload({ id, size: r.size, offset, metadata: r.metadata, creation_date: r.creation_date });
    },

    async remove(id) {
      await readRecord(id);
      await removeAll(id);
    },

    async deleteExpired() {
      const cutoff = now() - opts.expiryMs;
      let deleted = 0;
      for (const tenantId of await opts.tenants()) {
        for (const key of await objects.list(tenantId, 'input', PREFIX)) {
          const uploadId = /^[^/]+\/upload-spool\/([^/]+)\/upload\.json$/.exec(key)?.[1];
          const id = uploadId === undefined ? undefined : `${tenantId}/${uploadId}`;
          if (id === undefined || splitUploadId(id) === undefined) continue;
          const r = await readRecord(id).catch(() => undefined);
          if (r !== undefined && Date.parse(r.creation_date) < cutoff) {
            await removeAll(id);
            deleted++;
          }
        }
      }
      return deleted;
    },

    async content(id) {
      const w = where(id);
      const r = await readRecord(id);
      const joined = chain(await partsOf(id));
      if ((joined.at(-1)?.part.end ?? 0) < r.size) throw ERRORS.FILE_NOT_FOUND;
      async function* bytes() {
        for (const { part, skip } of joined) {
          let toSkip = skip;
          for await (const chunk of await objects.get(w.ref(part.key))) {
            const b = chunk as Buffer;
            if (toSkip >= b.length) {
              toSkip -= b.length;
              continue;
            }
            yield toSkip > 0 ? b.subarray(toSkip) : b;
            toSkip = 0;
          }
        }
      }
      return Readable.from(bytes(), { objectMode: false });
    },

    async dictationOf(id) {
      return (await readRecord(id)).dictationId;
    },

    async markAccepted(id, dictationId) {
      const w = where(id);
      await writeRecord(id, { ...(await readRecord(id)), dictationId });
      for (const part of await partsOf(id)) await objects.delete(w.ref(part.key));
    },
  };
  return spool;
}
