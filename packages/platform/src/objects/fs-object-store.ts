import { randomBytes, randomUUID } from 'node:crypto';
import { mkdir, open, readdir, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { pipeline as pipelineCb, type Readable } from 'node:stream';
import type { BucketRole, ObjectRef, ObjectStore, StoredObject } from './object-store.port.js';
import type { KeyService } from '../keys/key-service.port.js';
import { assertBucketRole, assertTenantObjectRef, tenantListPrefix } from './object-key-guard.js';
import { createChunkDecryptor, createChunkEncryptor, NONCE_BYTES } from './gcm-chunk-stream.js';
import { decodeEnvelopeHeader, encodeEnvelopeHeader, MAX_HEADER_BYTES } from './object-envelope-header.js';
import { createPlaintextMeter, toBodyStream } from './plaintext-meter.js';
import { AppError, DependencyUnavailableError, NotFoundError, TenantBoundaryError } from '../errors.js';

export interface FsObjectStoreOptions {
  rootDir: string;
  keys: KeyService;
}

const TMP_DIR = '.tmp';

function isMissing(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/** System errors (disk full, permissions) are the store being unavailable; anything else passes. */
function mapFsError(err: unknown): unknown {
  if (err instanceof AppError) return err;
  if (typeof (err as NodeJS.ErrnoException | null)?.syscall === 'string') {
    return new DependencyUnavailableError('filesystem object store', err);
  }
  return err;
}

/**
 * Filesystem object store for the embedded mode: `rootDir/<bucket>/<key>`, each object encrypted
 * with its own data key (context `{ tenantId }`) in chunked AES-256-GCM, see gcm-chunk-stream.ts.
 * Writes go to `rootDir/.tmp` and are renamed into place, so readers never see a partial object
 * and a failed or oversized put leaves nothing behind.
 */
export function createFsObjectStore(opts: FsObjectStoreOptions): ObjectStore {
  const rootDir = resolve(opts.rootDir);
  const { keys } = opts;

  const objectPath = (ref: ObjectRef): string => {
    assertTenantObjectRef(ref);
    const tenantRoot = join(rootDir, ref.bucket, ref.tenantId) + sep;
    const path = join(rootDir, ref.bucket, ...ref.key.split('/'));
    // Defence in depth behind the key guard: the path must stay inside the tenant's folder.
    if (!path.startsWith(tenantRoot)) throw new TenantBoundaryError('object key is outside the tenant prefix');
    return path;
  };

  /**
   * Runs `step` on `path`, making the path's folder only when the step finds it missing: most
   * puts go into folders that exist (the temp folder, a dictation's folder after its first
   * object), and a directory creation per put was a thread-pool round trip each time.
   */
  async function inFolder<T>(path: string, step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (err) {
      if ((err as NodeJS.ErrnoException | null)?.code !== 'ENOENT') throw err;
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      return step();
    }
  }

  async function openObject(path: string): Promise<FileHandle> {
    try {
      return await open(path, 'r');
    } catch (err) {
      if (isMissing(err)) throw new NotFoundError('object not found');
      throw mapFsError(err);
    }
  }

  return {
    async put(ref, body, putOpts): Promise<StoredObject> {
      const finalPath = objectPath(ref);
      const source = toBodyStream(body);
      const tmpPath = join(rootDir, TMP_DIR, randomUUID());
      let dataKey: Buffer | undefined;
      try {
        const dk = await keys.generateDataKey({ tenantId: ref.tenantId });
        dataKey = dk.plaintext;
        const header = encodeEnvelopeHeader({ keyId: dk.keyId, wrapped: dk.wrapped, baseNonce: randomBytes(NONCE_BYTES) });
        const meter = createPlaintextMeter(putOpts?.maxBytes);
        const file = await inFolder(tmpPath, () => open(tmpPath, 'wx', 0o600));
        const out = file.createWriteStream({ flush: true });
        out.write(header.bytes);
        await pipeline(source, meter.stream, createChunkEncryptor(dk.plaintext, header.baseNonce, header.bytes), out);
        await inFolder(finalPath, () => rename(tmpPath, finalPath));
        return meter.result();
      } catch (err) {
        source.destroy();
        await rm(tmpPath, { force: true });
        throw mapFsError(err);
      } finally {
        dataKey?.fill(0);
      }
    },

    async get(ref): Promise<Readable> {
      const fh = await openObject(objectPath(ref));
      try {
        const head = Buffer.alloc(MAX_HEADER_BYTES);
        const { bytesRead } = await fh.read(head, 0, head.length, 0);
        const header = decodeEnvelopeHeader(head.subarray(0, bytesRead));
        const key = await keys.decrypt(header.wrapped, { tenantId: ref.tenantId });
        const decryptor = createChunkDecryptor(key, header.baseNonce, header.bytes);
        decryptor.once('close', () => key.fill(0));
        // pipeline closes the file when the consumer finishes or destroys the returned stream,
        // and hands a read or integrity error on to the consumer.
        pipelineCb(fh.createReadStream({ start: header.bytes.length }), decryptor, () => undefined);
        return decryptor;
      } catch (err) {
        await fh.close();
        throw mapFsError(err);
      }
    },

    async exists(ref): Promise<boolean> {
      try {
        return (await stat(objectPath(ref))).isFile();
      } catch (err) {
        if (isMissing(err)) return false;
        throw mapFsError(err);
      }
    },

    async delete(ref): Promise<void> {
      try {
        await rm(objectPath(ref), { force: true });
      } catch (err) {
        throw mapFsError(err);
      }
    },

    async list(tenantId: string, bucket: BucketRole, prefix?: string): Promise<string[]> {
      assertBucketRole(bucket);
      const fullPrefix = tenantListPrefix(tenantId, prefix);
      // Start the walk at the deepest folder the prefix names; filter the rest by string prefix.
      const startKey = fullPrefix.slice(0, fullPrefix.lastIndexOf('/'));
      const keys: string[] = [];
      const walk = async (dirKey: string): Promise<void> => {
        let entries;
        try {
          entries = await readdir(join(rootDir, bucket, ...dirKey.split('/')), { withFileTypes: true });
        } catch (err) {
          if (isMissing(err)) return;
          throw mapFsError(err);
        }
        for (const entry of entries) {
          const key = `${dirKey}/${entry.name}`;
          if (entry.isDirectory()) await walk(key);
          else if (entry.isFile() && key.startsWith(fullPrefix)) keys.push(key);
        }
      };
      await walk(startKey);
      return keys.sort();
    },
  };
}
