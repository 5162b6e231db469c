import { z } from 'zod';

/**
 * Roles and permissions exactly as seed `000_…` ("Auth / RBAC Readiness"). The gateway checks
 * these server-side before every PHI read, write, export, deletion and admin mutation.
 * Order matters: lists keep the seed's order so the readiness screen reproduces it.
 */
export const ROLES = ['provider', 'qa', 'admin', 'owner'] as const;
export const RoleSchema = z.enum(ROLES);
export type Role = z.infer<typeof RoleSchema>;

/** Every permission, in the order the seed lists them for the owner. */
export const PERMISSIONS = [
  'dictation:create',
  'dictation:review_own',
  'dictation:copy_narrative',
  'qa:review_submitted',
  'admin:manage_templates',
  'admin:manage_protocols',
  'admin:manage_users',
  'security:view_readiness',
  'security:manage_phi_gates',
  'healthscribe:create_job',
  'audit:view',
  'tenant:manage',
] as const;
export const PermissionSchema = z.enum(PERMISSIONS);
export type Permission = z.infer<typeof PermissionSchema>;

/** Role → permissions, verbatim from the seed (same members, same order). Frozen. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = Object.freeze({
  provider: Object.freeze(['dictation:create', 'dictation:review_own', 'dictation:copy_narrative'] as const),
  qa: Object.freeze(['qa:review_submitted', 'audit:view'] as const),
  admin: Object.freeze([
    'admin:manage_templates',
    'admin:manage_protocols',
    'admin:manage_users',
    'security:view_readiness',
    'audit:view',
  ] as const),
  owner: Object.freeze([...PERMISSIONS]),
});

/** Display title and the seed's description of each role. */
export const ROLE_INFO: Readonly<Record<Role, { title: string; description: string }>> = Object.freeze({
  provider: {
    title: 'Provider',
    description: 'Creates dictations, reviews own generated narrative, resolves missing information, and copies ESO narrative.',
  },
  qa: {
    title: 'QA',
    description: 'Future role for reviewing submitted charts, unresolved issues, alert calls, and trends.',
  },
  admin: {
    title: 'Admin',
    description: 'Manages department templates, protocols, rules, users, and security readiness visibility.',
  },
  owner: {
    title: 'Owner',
    description: 'Controls tenant-level settings, PHI gates, vendor configuration, and production security posture.',
  },
});

/** True when `role` grants `permission`. Unknown roles (e.g. from a tampered session) grant nothing. */
export function hasPermission(role: Role, permission: Permission): boolean {
  // hasOwn: a role string such as "toString" must not reach Object.prototype.
  return Object.hasOwn(ROLE_PERMISSIONS, role) && ROLE_PERMISSIONS[role].includes(permission);
}

/** True when `value` is one of the four roles. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
