import type { Readable } from 'node:stream';
import { DataStore, type Upload } from '@tus/utils';
import type { UploadSpool } from './upload-spool.port.js';

/**
 * `@tus/server`'s view of an upload spool (creation, termination, expiration): the protocol stays
 * in the library, the bytes in whichever spool adapter the gateway was given.
 */
export class TusSpoolDataStore extends DataStore {
  constructor(private readonly spool: UploadSpool) {
    super();
    this.extensions = ['creation', 'termination', 'expiration'];
  }

  override create(upload: Upload): Promise<Upload> {
    return this.spool.create(upload);
  }

  override write(stream: Readable, id: string, offset: number): Promise<number> {
    return this.spool.write(stream, id, offset);
  }

  override getUpload(id: string): Promise<Upload> {
    return this.spool.getUpload(id);
  }

  override remove(id: string): Promise<void> {
    return this.spool.remove(id);
  }

  override getExpiration(): number {
    return this.spool.expiryMs;
  }

  override deleteExpired(): Promise<number> {
    return this.spool.deleteExpired();
  }
}
