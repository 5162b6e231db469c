import type { Logger } from '@medicdraft/platform';
import type { AuditConfig } from '../config.js';
import { loadKeyRingFromDir, loadOrCreateDevKeyRing, signingKeyFromPem, type KeyRing } from './signing-keys.js';

/** The key ring the stack process signs with: PEM variable, else key directory, else a dev key under DATA_DIR. */
export async function keyRingFromConfig(signing: AuditConfig['signing'], logger: Logger): Promise<KeyRing> {
  if (signing.pem !== undefined) {
    const key = signingKeyFromPem(signing.pem);
    return { active: key, all: [key] };
  }
  if (signing.dir !== undefined) return loadKeyRingFromDir(signing.dir, signing.activeKeyId);
  logger.warn({ dir: signing.devDir }, 'AUDIT_SIGNING_KEY_DIR/PEM not set: signing checkpoints with a development key');
  return loadOrCreateDevKeyRing(signing.devDir);
}
