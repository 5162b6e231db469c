import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ScribeEngineError } from '../engine/scribe-engine-error.js';

export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * Bucket and key of an output URI as GetMedicalScribeJob returns it. Both forms seen for
 * HealthScribe are accepted (healthscribe-api.md §1.9): `s3://bucket/key`, and https in path style
 * (`https://s3.<region>.amazonaws.com/bucket/key`, `https://s3.amazonaws.com/…`, or a local
 * endpoint) or virtual-hosted style (`https://bucket.s3.<region>.amazonaws.com/key`).
 * Keys are percent-decoded. Returns undefined when no bucket and key can be found.
 */
export function parseOutputUri(uri: string): S3Location | undefined {
  if (uri.startsWith('s3://')) {
    const rest = uri.slice(5);
    const slash = rest.indexOf('/');
    return slash > 0 && slash < rest.length - 1 ? { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) } : undefined;
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  let path: string;
  try {
    path = decodeURIComponent(url.pathname.slice(1));
  } catch {
    return undefined;
  }
  // Greedy, so a bucket name containing `.s3.` still ends at the last `.s3` label.
  const virtual = /^(.+)\.s3(?:[.-][a-z0-9-]+)*\.amazonaws\.com(?:\.cn)?$/.exec(url.hostname);
  if (virtual?.[1]) return path ? { bucket: virtual[1], key: path } : undefined;
  const slash = path.indexOf('/');
  return slash > 0 && slash < path.length - 1 ? { bucket: path.slice(0, slash), key: path.slice(slash + 1) } : undefined;
}

/** Both output documents as parsed JSON (not yet schema-validated) with the digests of their bytes. */
export interface HealthscribeOutputs {
  transcript: unknown;
  clinicalDocument: unknown;
  transcriptSha256: string;
  clinicalDocumentSha256: string;
}

export interface HealthscribeOutputsDeps {
  s3: S3Client;
  /** Only this bucket is read: a URI elsewhere is refused, never followed. */
  outputBucket: string;
  /** Per document (default 20 MiB): the transcript of a 4-hour recording stays far below. */
  maxBytes?: number;
}

const fail = (reason: 'output_missing' | 'output_invalid', message: string, retryable = false, cause?: unknown) =>
  new ScribeEngineError(reason, message, { retryable, cause });

async function readDocument(deps: HealthscribeOutputsDeps, uri: string, label: string): Promise<{ value: unknown; sha256: string }> {
  const loc = parseOutputUri(uri);
  if (!loc) throw fail('output_invalid', `${label} URI is not an S3 location`);
  if (loc.bucket !== deps.outputBucket) throw fail('output_invalid', `${label} URI points outside the configured output bucket`);
  let body: Readable;
  try {
    const out = await deps.s3.send(new GetObjectCommand({ Bucket: loc.bucket, Key: loc.key }));
    if (!(out.Body instanceof Readable)) throw new Error('S3 GetObject returned no stream');
    body = out.Body;
  } catch (err) {
    const name = (err as { name?: string } | null)?.name;
    if (name === 'NoSuchKey' || name === 'NotFound') throw fail('output_missing', `${label} object is missing`, false, err);
    throw new ScribeEngineError('engine_unavailable', `reading the ${label} failed`, { retryable: true, cause: err });
  }
  const max = deps.maxBytes ?? 20 * 1024 * 1024;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += (chunk as Buffer).length;
    if (size > max) {
      body.destroy();
      throw fail('output_invalid', `${label} exceeds ${max} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  try {
    return { value: JSON.parse(bytes.toString('utf8')) as unknown, sha256: createHash('sha256').update(bytes).digest('hex') };
  } catch (err) {
    // The parse error can quote document content (PHI): keep it as the cause, out of the message.
    throw fail('output_invalid', `${label} is not JSON`, false, err);
  }
}

/**
 * Reads both outputs of a COMPLETED job from the URIs Get returned (never from keys built here:
 * the layout is not documented). SSE-KMS objects decrypt transparently for a caller allowed to
 * use the key. Missing objects are `output_missing`, unparseable or oversized ones `output_invalid`
 * (neither retryable); S3 being unreachable is a retryable `engine_unavailable`.
 */
export async function fetchHealthscribeOutputs(
  deps: HealthscribeOutputsDeps,
  uris: { transcriptUri?: string; clinicalDocumentUri?: string },
): Promise<HealthscribeOutputs> {
  if (!uris.transcriptUri || !uris.clinicalDocumentUri) throw fail('output_missing', 'completed job reports no output URIs');
  const [transcript, clinicalDocument] = await Promise.all([
    readDocument(deps, uris.transcriptUri, 'transcript'),
    readDocument(deps, uris.clinicalDocumentUri, 'clinical document'),
  ]);
  return {
    transcript: transcript.value,
    clinicalDocument: clinicalDocument.value,
    transcriptSha256: transcript.sha256,
    clinicalDocumentSha256: clinicalDocument.sha256,
  };
}
