import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { insertPublicKeys } from '../checkpoint/checkpoint-store.js';
import { keyIdOf } from '../checkpoint/signing-keys.js';
import { readRegisteredKeys } from '../verify/pg-audit-source.js';
import { trustedKeysFromRegistry } from '../verify/registered-keys.js';
import { EXIT, writeJsonLine, type CliContext } from './cli-context.js';

/**
 * `keys add <pem>...`: registers Ed25519 public keys (SPKI PEM; a private PKCS#8 PEM is reduced to
 * its public half and never stored) under their derived ids, as the key-admin role.
 * `keys list`: every registered key with whether its id derives from it.
 */
export async function keysCommand(ctx: CliContext, sub: string | undefined, files: readonly string[]): Promise<number> {
  if (sub === 'list') {
    const registered = await readRegisteredKeys(ctx.read);
    const { mismatched } = trustedKeysFromRegistry(registered);
    for (const id of [...registered.keys()].sort()) writeJsonLine(ctx.out, { keyId: id, derived: !mismatched.has(id) });
    return EXIT.ok;
  }
  if (sub !== 'add' || files.length === 0) {
    ctx.err.write('usage: keys add <public.pem>... | keys list\n');
    return EXIT.error;
  }
  if (!ctx.keyAdmin) {
    ctx.err.write('keys add: no key-admin connection\n');
    return EXIT.error;
  }
  const keys: KeyObject[] = [];
  for (const f of files) {
    const pem = await readFile(f, 'utf8');
    const key = pem.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(pem)) : createPublicKey(pem);
    if (key.asymmetricKeyType !== 'ed25519') {
      ctx.err.write(`keys add: ${f} is not an Ed25519 key\n`);
      return EXIT.error;
    }
    keys.push(key);
  }
  await ctx.keyAdmin((tx) => insertPublicKeys(tx, keys));
  for (const k of keys) writeJsonLine(ctx.out, { added: keyIdOf(k) });
  return EXIT.ok;
}
