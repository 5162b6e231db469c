/** A bucket + key the emulator reads media from or writes outputs to. */
export interface S3Location {
  bucket: string;
  key: string;
}

/**
 * Parses a media URI the way Transcribe accepts them: `s3://bucket/key`, or an https URL in path
 * style (`https://s3.<region>.amazonaws.com/bucket/key`, also any other host such as a local S3
 * endpoint) or virtual-hosted style (`https://bucket.s3.<region>.amazonaws.com/key`).
 * Returns undefined when no bucket and key can be found.
 */
export function parseMediaUri(uri: string): S3Location | undefined {
  if (uri.startsWith('s3://')) {
    const rest = uri.slice('s3://'.length);
    const slash = rest.indexOf('/');
    if (slash <= 0 || slash === rest.length - 1) return undefined;
    return { bucket: rest.slice(0, slash), key: rest.slice(slash + 1) };
  }
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  const path = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const virtual = /^(.+)\.s3[.-]([a-z0-9-]+\.)?amazonaws\.com$/.exec(url.hostname);
  if (virtual?.[1]) return path ? { bucket: virtual[1], key: path } : undefined;
  const slash = path.indexOf('/');
  if (slash <= 0 || slash === path.length - 1) return undefined;
  return { bucket: path.slice(0, slash), key: path.slice(slash + 1) };
}

export type OutputUriStyle = 's3' | 'https-path' | 'https-virtual';

/**
 * The URI Get returns for an output object. The real form is UNCONFIRMED (healthscribe-api.md §1.9):
 * AWS documentation examples show path-style https, third-party code `s3://`; the emulator can
 * emit either so clients are tested against both.
 */
export function outputUri(style: OutputUriStyle, region: string, loc: S3Location): string {
  const key = loc.key.split('/').map(encodeURIComponent).join('/');
  switch (style) {
    case 's3':
      return `s3://${loc.bucket}/${loc.key}`;
    case 'https-virtual':
      return `https://${loc.bucket}.s3.${region}.amazonaws.com/${key}`;
    case 'https-path':
      return `https://s3.${region}.amazonaws.com/${loc.bucket}/${key}`;
  }
}
