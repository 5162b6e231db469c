import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@medicdraft/platform';

/** An Ed25519 key the audit service signs checkpoints with. */
export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

/** The active signer plus every key of the configured set (all of them are registered as trusted). */
export interface KeyRing {
  active: SigningKey;
  all: SigningKey[];
}

/**
 * Key id of an Ed25519 public key: `ed25519-` + the first 16 hex digits of SHA-256 of its SPKI DER.
 * Derived, not chosen, so a key id can never be re-pointed at another key.
 */
export function keyIdOf(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `ed25519-${createHash('sha256').update(der).digest('hex').slice(0, 16)}`;
}

export function publicKeyPem(key: KeyObject): string {
  return key.export({ type: 'spki', format: 'pem' }).toString();
}

export function signingKeyFromPem(pem: string): SigningKey {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== 'ed25519')
    throw new ConfigError(['audit signing key: expected an Ed25519 private key (PKCS#8 PEM)']);
  const publicKey = createPublicKey(privateKey);
  return { keyId: keyIdOf(publicKey), privateKey, publicKey };
}

/**
 * Loads every `*.pem` private key of `dir`. The active key is `activeKeyId` when given, otherwise
 * the file whose name sorts last (name keys by date, e.g. `2031-01-01.pem`, and rotation is adding
 * a file). Old keys stay in the set so their public halves stay registered.
 */
export async function loadKeyRingFromDir(dir: string, activeKeyId?: string): Promise<KeyRing> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.pem')).sort();
  if (files.length === 0) throw new ConfigError([`AUDIT_SIGNING_KEY_DIR: no *.pem key in ${dir}`]);
  const all: SigningKey[] = [];
  for (const f of files) all.push(signingKeyFromPem(await readFile(join(dir, f), 'utf8')));
  const active = activeKeyId === undefined ? all.at(-1) : all.find((k) => k.keyId === activeKeyId);
  if (!active) throw new ConfigError([`AUDIT_SIGNING_KEY_ID: no key ${activeKeyId} in ${dir}`]);
  return { active, all };
}

/**
 * Development key ring for the embedded mode: uses the keys under `dir`, generating one Ed25519 key
 * (file mode 0600) the first time, so checkpoints survive restarts of `npm start`.
 */
export async function loadOrCreateDevKeyRing(dir: string): Promise<KeyRing> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const existing = (await readdir(dir)).filter((f) => f.endsWith('.pem'));
  if (existing.length === 0) {
    const { privateKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    await writeFile(join(dir, `${new Date().toISOString().slice(0, 10)}-dev.pem`), pem, { mode: 0o600, flag: 'wx' });
  }
  return loadKeyRingFromDir(dir);
}

/**
 * Trusted public keys for verification, by key id, from a directory of PEM files (public SPKI or
 * private PKCS#8; only the public half is used).
 */
export async function loadTrustedKeys(dir: string): Promise<Map<string, KeyObject>> {
  const keys = new Map<string, KeyObject>();
  for (const f of (await readdir(dir)).filter((name) => name.endsWith('.pem')).sort()) {
    const pem = await readFile(join(dir, f), 'utf8');
    const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    if (key.asymmetricKeyType === 'ed25519') keys.set(keyIdOf(key), key);
  }
  return keys;
}
