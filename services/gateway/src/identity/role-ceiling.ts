import { hasPermission, ROLE_PERMISSIONS, type Role } from '@medicdraft/contracts';

/**
 * Least privilege for user management (seed 000's permission table decides): a role may create,
 * promote, reset, deactivate or re-enable a user of `target` only when it holds every permission
 * of `target` itself. An admin therefore manages admins only; providers and QA are the owner's to
 * create, because an admin holding their credentials would gain PHI access it does not have.
 */
export function mayManageRole(actor: Role, target: Role): boolean {
  return hasPermission(actor, 'admin:manage_users') && ROLE_PERMISSIONS[target].every((p) => hasPermission(actor, p));
}
