import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { TENANT_ID_PATTERN } from '@medicdraft/contracts';
import type { Clock } from '@medicdraft/platform';
import { DataStore, ERRORS, Upload } from '@tus/utils';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `tenantId/uploadId`: the tenant is part of every id, so an id never resolves under another tenant. */
export function uploadIdOf(tenantId: string, uploadId: string): string | undefined {
  return TENANT_ID_PATTERN.test(tenantId) && UUID.test(uploadId) ? `${tenantId}/${uploadId}` : undefined;
}

interface SpoolRecord {
  id: string;
  size: number;
  metadata: Record<string, string | null>;
  creation_date: string;
  /** Set once ingest accepted the completed upload; the bytes are gone from the spool by then. */
  dictationId?: string;
}

/**
 * A tus data store that spools an upload's bytes under `directory/<tenant>/` (owner-only
 * permissions) until it is complete and handed to ingest. Contract:
 * - the offset is the spooled file's size, so bytes that arrived before a dropped connection count
 *   and the client resumes after them;
 * - `markAccepted` removes the bytes and keeps a small record naming the dictation, so a repeated
 *   final request answers the same dictation instead of making a second one;
 * - everything older than `expiryMs` (finished or not) is removed by `deleteExpired`;
 * - ids are `tenantId/uuid` (`uploadIdOf`); anything else is "not found", never a path.
 */
export class SpoolUploadStore extends DataStore {
  /** `now`: tus itself judges expiry by the system clock, so the creation dates must come from the same one. */
  constructor(private readonly options: { directory: string; expiryMs: number; now?: Clock }) {
    super();
    this.extensions = ['creation', 'termination', 'expiration'];
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private paths(id: string) {
    const [tenantId, uploadId, ...rest] = id.split('/');
    if (tenantId === undefined || uploadId === undefined || rest.length > 0 || uploadIdOf(tenantId, uploadId) !== id)
      throw ERRORS.FILE_NOT_FOUND;
    const dir = join(this.options.directory, tenantId);
    return { dir, data: join(dir, `${uploadId}.part`), record: join(dir, `${uploadId}.json`) };
  }

  private async readRecord(id: string): Promise<SpoolRecord> {
    try {
      return JSON.parse(await readFile(this.paths(id).record, 'utf8')) as SpoolRecord;
    } catch {
      throw ERRORS.FILE_NOT_FOUND;
    }
  }

  private async writeRecord(id: string, record: SpoolRecord): Promise<void> {
    const { record: path } = this.paths(id);
    // Written aside and renamed: a crash never leaves half a record.
    await writeFile(`${path}.tmp`, JSON.stringify(record), { mode: 0o600 });
    await rename(`${path}.tmp`, path);
  }

  override async create(upload: Upload): Promise<Upload> {
    const { dir, data } = this.paths(upload.id);
    if (upload.size === undefined) throw ERRORS.INVALID_LENGTH;
    await mkdir(dir, { recursive: true, mode: 0o700 });
    await (await open(data, 'wx', 0o600)).close();
    upload.creation_date = new Date(this.now()).toISOString();
    await this.writeRecord(upload.id, {
      id: upload.id,
      size: upload.size,
      metadata: upload.metadata ?? {},
      creation_date: upload.creation_date,
    });
    return upload;
  }

  override async write(stream: Readable, id: string, offset: number): Promise<number> {
    const { data } = this.paths(id);
    // A repeated final request after acceptance: nothing more to write (its bytes are gone).
    if ((await this.readRecord(id)).dictationId !== undefined) {
      stream.resume();
      return offset;
    }
    const out = createWriteStream(data, { flags: 'r+', start: offset });
    // On a dropped connection what arrived is still written out (not discarded with the stream): the
    // next HEAD reports it and the client resumes there.
    await new Promise<void>((resolve, reject) => {
      let failure: unknown;
      stream.once('error', (err) => {
        failure = err;
        stream.unpipe(out);
        out.end();
      });
      out.once('error', reject);
      out.once('finish', () => (failure === undefined ? resolve() : reject(failure)));
      stream.pipe(out);
    });
    return offset + out.bytesWritten;
  }

  override async getUpload(id: string): Promise<Upload> {
    const r = await this.readRecord(id);
    const offset = r.dictationId === undefined ? (await stat(this.paths(id).data).catch(() => ({ size: 0 }))).size : r.size;
    return new Upload({ id, size: r.size, offset, metadata: r.metadata, creation_date: r.creation_date });
  }

  override async remove(id: string): Promise<void> {
    const { data, record } = this.paths(id);
    await this.readRecord(id);
    await rm(data, { force: true });
    await rm(record, { force: true });
  }

  override getExpiration(): number {
    return this.options.expiryMs;
  }

  override async deleteExpired(): Promise<number> {
    const cutoff = this.now() - this.options.expiryMs;
    let deleted = 0;
    for (const tenantId of await readdir(this.options.directory).catch(() => [] as string[])) {
      for (const file of await readdir(join(this.options.directory, tenantId)).catch(() => [] as string[])) {
        const id = uploadIdOf(tenantId, file.replace(/\.json$/, ''));
        if (!file.endsWith('.json') || id === undefined) continue;
        const r = await this.readRecord(id).catch(() => undefined);
        if (r !== undefined && Date.parse(r.creation_date) < cutoff) {
          await this.remove(id);
          deleted++;
        }
      }
    }
    return deleted;
  }

  /** The completed upload's bytes, for ingest. */
  content(id: string): Readable {
    return createReadStream(this.paths(id).data);
  }

  /** The dictation ingest made of this upload, once accepted. */
  async dictationOf(id: string): Promise<string | undefined> {
    return (await this.readRecord(id)).dictationId;
  }

  /** Ingest accepted the upload as `dictationId`: the bytes go, the record names the dictation. */
  async markAccepted(id: string, dictationId: string): Promise<void> {
    await this.writeRecord(id, { ...(await this.readRecord(id)), dictationId });
    await rm(this.paths(id).data, { force: true });
  }
}
