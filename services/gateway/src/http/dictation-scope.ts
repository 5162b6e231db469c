import { hasPermission, type DictationView } from '@medicdraft/contracts';
import type { Session } from '../identity/session-manager.js';

/**
 * The normal (role-based) scope of a session on one dictation: its provider may read and act on
 * it; a role with `qa:review_submitted` (QA, owner) may read every dictation of the tenant but act
 * only on its own; nobody else may do either. Break-glass widens reading only, and only where this
 * answers false.
 */
export function inNormalScope(session: Session, dictation: Pick<DictationView, 'providerId'>, write: boolean): boolean {
  if (dictation.providerId === session.userId) return true;
  return !write && hasPermission(session.role, 'qa:review_submitted');
}
