import type { KeyObject } from 'node:crypto';
import { loadTrustedKeys } from '../checkpoint/signing-keys.js';
import { readRegisteredKeys } from '../verify/pg-audit-source.js';
import { trustedKeysFromRegistry } from '../verify/registered-keys.js';
import type { CliContext } from './cli-context.js';

/**
 * The keys a command trusts: the PEM files of `--keys DIR` when given (pinned), otherwise the keys
 * registered in the database whose ids derive from them; `mismatched` names registered ids that do not.
 */
export async function resolveTrustedKeys(
  ctx: CliContext,
  keysDir: string | undefined,
): Promise<{ trusted: Map<string, KeyObject>; mismatched: Set<string> }> {
  const registered = trustedKeysFromRegistry(await readRegisteredKeys(ctx.read));
  if (keysDir !== undefined) return { trusted: await loadTrustedKeys(keysDir), mismatched: new Set() };
  ctx.err.write('note: trusting the registered public keys whose ids derive from them (pass --keys <dir> to pin them)\n');
  return registered;
}
