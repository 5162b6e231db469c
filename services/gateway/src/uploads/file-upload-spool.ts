import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Clock } from '@medicdraft/platform';
import { ERRORS, Upload } from '@tus/utils';
import { splitUploadId, uploadIdOf, type SpoolRecord, type UploadSpool } from './upload-spool.port.js';

/**
 * The local adapter of the upload spool: files under `directory/<tenant>/` with owner-only
 * permissions, unencrypted and private to this process's host. Only for a gateway that cannot
 * enable PHI mode (the embedded sandbox, unit tests), so what it holds is synthetic practice audio;
 * a gateway with S3 storage spools into object storage instead (`object-upload-spool.ts`).
 * The offset is the spooled file's size.
 */
export class FileUploadSpool implements UploadSpool {
  readonly expiryMs: number;

  /** `now`: tus itself judges expiry by the system clock, so the creation dates must come from the same one. */
  constructor(private readonly options: { directory: string; expiryMs: number; now?: Clock }) {
    this.expiryMs = options.expiryMs;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private paths(id: string) {
    const parts = splitUploadId(id);
    if (parts === undefined) throw ERRORS.FILE_NOT_FOUND;
    const dir = join(this.options.directory, parts.tenantId);
    return { dir, data: join(dir, `${parts.uploadId}.part`), record: join(dir, `${parts.uploadId}.json`) };
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

  async create(upload: Upload): Promise<Upload> {
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

  async write(stream: Readable, id: string, offset: number): Promise<number> {
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

  async getUpload(id: string): Promise<Upload> {
    const r = await this.readRecord(id);
    const offset = r.dictationId === undefined ? (await stat(this.paths(id).data).catch(() => ({ size: 0 }))).size : r.size;
    return new Upload({ id, size: r.size, offset, metadata: r.metadata, creation_date: r.creation_date });
  }

  async remove(id: string): Promise<void> {
    const { data, record } = this.paths(id);
    await this.readRecord(id);
    await rm(data, { force: true });
    await rm(record, { force: true });
  }

  async deleteExpired(): Promise<number> {
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

  async content(id: string): Promise<Readable> {
    await this.readRecord(id);
    return createReadStream(this.paths(id).data);
  }

  async dictationOf(id: string): Promise<string | undefined> {
    return (await this.readRecord(id)).dictationId;
  }

  async markAccepted(id: string, dictationId: string): Promise<void> {
    await this.writeRecord(id, { ...(await this.readRecord(id)), dictationId });
    await rm(this.paths(id).data, { force: true });
  }
}
