import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { S3Client } from '@aws-sdk/client-s3';
import type { KMSClient } from '@aws-sdk/client-kms';
import { createSyntheticDocuments } from '@medicdraft/healthscribe-documents';
import { ServiceError, writeAwsJson, writeAwsJsonError } from './aws-json-errors.js';
import { handleControl, type EmulatorControl } from './control-routes.js';
import { FaultPlan, OPERATIONS, type Operation } from './fault-plan.js';
import { JobBook } from './job-book.js';
import type { Synthesize } from './job-processor.js';
import { MediaRegistry, sha256Hex, type MediaScript } from './media-registry.js';
import type { OutputUriStyle } from './s3-location.js';
import { SCRIBE_OPERATIONS, type JobTiming, type OperationContext } from './scribe-operations.js';

export interface HealthscribeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Reads media and writes outputs (moto in tests: endpoint + forcePathStyle). */
  s3: S3Client;
  /** When given, a job whose OutputEncryptionKMSKeyId is missing or disabled ends FAILED. */
  kms?: KMSClient;
  /** Region used in https output URIs (default us-east-1, the HealthScribe region). */
  region?: string;
  /** Form of the output URIs Get returns (default `https-path`, as in the AWS docs examples). */
  outputUriStyle?: OutputUriStyle;
  timing?: Partial<JobTiming>;
  /** Account quota on concurrent jobs; Start beyond it answers LimitExceededException. */
  maxActiveJobs?: number;
  /** Reject unsigned requests like AWS does (default true); the signature itself is not verified. */
  requireSignature?: boolean;
  /** Text → the two output documents; defaults to the synthetic engine of @medicdraft/healthscribe-documents. */
  synthesize?: Synthesize;
}

export interface HealthscribeEmulator extends EmulatorControl {
  /** Endpoint for `new TranscribeClient({ endpoint: url, … })`. */
  readonly url: string;
  readonly port: number;
  /** Registers the media bytes' sha256 and returns it. */
  registerMedia(bytes: Uint8Array | string, script: MediaScript): string;
  /** Resolves once every job accepted so far has reached COMPLETED or FAILED. */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ServiceError('SerializationException', 'Request body too large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ServiceError('SerializationException', 'Start of structure or map found where not expected.');
  }
}

/** Registered text becomes exactly what the sandbox's synthetic engine drafts, under this job's name. */
const synthesizeWithDocumentsEngine: Synthesize = (text, jobName) => {
  const { transcript, clinicalDocument } = createSyntheticDocuments(text, { jobName });
  return { transcript, clinicalDocument };
};

/**
 * Starts the HealthScribe emulator: AWS JSON 1.1 on `POST /` (`X-Amz-Target: Transcribe.<Op>`)
 * for Start/Get/List/DeleteMedicalScribeJob, and the `/_emulator/` control routes.
 */
export async function startHealthscribeEmulator(opts: HealthscribeEmulatorOptions): Promise<HealthscribeEmulator> {
  const book = new JobBook();
  const faults = new FaultPlan();
  const registry = new MediaRegistry();
  const timing: JobTiming = { queuedMs: 20, inProgressMs: 100, ...opts.timing };
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const ctx: OperationContext = {
    book,
    faults,
    timing,
    maxActiveJobs: opts.maxActiveJobs,
    deps: {
      s3: opts.s3,
      ...(opts.kms ? { kms: opts.kms } : {}),
      registry,
      region: opts.region ?? 'us-east-1',
      outputUriStyle: opts.outputUriStyle ?? 'https-path',
      synthesize: opts.synthesize ?? synthesizeWithDocumentsEngine,
    },
    later(ms, fn) {
      if (closed) return;
      const t = setTimeout(() => {
        timers.delete(t);
        fn();
      }, ms);
      timers.add(t);
    },
  };

  const control: EmulatorControl = {
    jobLog: () => ({ jobs: book.entries(), stats: { ...book.stats } }),
    register: (sha256, script) => registry.register(sha256, script),
    failRequests: (operation, errorType, count, message) => faults.failRequests(operation, errorType, count, message),
    failNextJobs: (count, reason) => faults.failJobs(count, reason),
    setTiming: (t) => Object.assign(timing, t),
    reset: () => {
      // Jobs in flight are abandoned with their timers, so they cannot touch the fresh book.
      for (const t of timers) clearTimeout(t);
      timers.clear();
      book.clear();
      registry.clear();
      faults.clear();
    },
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, text: string): Promise<void> {
    const requestId = randomUUID();
    let operation: Operation | undefined;
    try {
      const target = req.headers['x-amz-target'];
      const name = typeof target === 'string' && target.startsWith('Transcribe.') ? target.slice('Transcribe.'.length) : undefined;
      if (req.method !== 'POST' || path !== '/' || !OPERATIONS.includes(name as Operation)) {
        throw new ServiceError('UnknownOperationException', '');
      }
      operation = name as Operation;
      if (opts.requireSignature !== false && !String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
        throw new ServiceError('MissingAuthenticationTokenException', 'Missing Authentication Token');
      }
      if (operation === 'StartMedicalScribeJob') book.stats.startRequests += 1;
      const injected = faults.takeRequestFault(operation);
      if (injected) throw injected;
      const result = await SCRIBE_OPERATIONS[operation](ctx, parseJson(text));
      writeAwsJson(res, requestId, result);
    } catch (err) {
      if (operation === 'StartMedicalScribeJob') book.stats.startsRejected += 1;
      writeAwsJsonError(
        res,
        requestId,
        err instanceof ServiceError ? err : new ServiceError('InternalFailureException', 'There was an internal error.'),
      );
    }
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://emulator').pathname;
    readBody(req)
      .then((text) =>
        path.startsWith('/_emulator/') ? handleControl(req, res, path, parseJson(text), control) : handleApi(req, res, path, text),
      )
      .catch((err: unknown) => {
        if (!res.headersSent)
          writeAwsJsonError(
            res,
            randomUUID(),
            err instanceof ServiceError ? err : new ServiceError('InternalFailureException', 'There was an internal error.'),
          );
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host && opts.host !== '0.0.0.0' ? opts.host : '127.0.0.1';

  return {
    ...control,
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    registerMedia(bytes, script) {
      const sha256 = sha256Hex(bytes);
      registry.register(sha256, script);
      return sha256;
    },
    async settled() {
      while (book.stats.active > 0 && !closed) await new Promise((r) => setTimeout(r, 5));
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
