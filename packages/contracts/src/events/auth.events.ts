import { z } from 'zod';
import { defineEvent, TenantIdSchema } from '../envelope.js';
import { CodeSchema, UserIdSchema } from '../fields.js';
import { PermissionSchema, RoleSchema } from '../roles.js';
import { TOPIC } from '../topics.js';

export const LOGIN_METHODS = ['password', 'oidc'] as const;
export const LOGIN_OUTCOMES = [
  'success',
  'invalid_credentials',
  'mfa_required',
  'mfa_invalid',
  'locked',
  'user_disabled',
  'unknown_tenant',
  'password_change_required',
] as const;

/**
 * `auth.login` v1: one login attempt. `userId`/`role` are present when the credentials named a
 * known user (always on `success`); the attempted e-mail is never recorded. `mfa` is true when a
 * second factor was verified in this attempt.
 */
export const AuthLoginPayloadSchema = z.strictObject({
  userId: UserIdSchema.optional(),
  role: RoleSchema.optional(),
  method: z.enum(LOGIN_METHODS),
  mfa: z.boolean(),
  outcome: z.enum(LOGIN_OUTCOMES),
});
export const AuthLoginEventSchema = defineEvent(TOPIC.AUTH_LOGIN, 1, AuthLoginPayloadSchema);
export type AuthLoginEvent = z.infer<typeof AuthLoginEventSchema>;

export const ACCESS_DENIED_REASONS = [
  'unauthenticated',
  'session_expired',
  'mfa_required',
  'missing_permission',
  'tenant_mismatch',
  'not_owner',
  'phi_mode_disabled',
  'pipeline_halted',
  'csrf_failed',
  'rate_limited',
] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * `access.denied` v1: the gateway refused a request. `routeCode` is the gateway's route id
 * (e.g. `dictations.create`), never the raw URL (paths carry ids). `permission` is the one that
 * was missing, if any; `requestedTenantId` is the tenant in the path when it differs from the
 * envelope's (cross-tenant attempts) and is a well-formed id.
 */
export const AccessDeniedPayloadSchema = z.strictObject({
  routeCode: CodeSchema.describe('Gateway route id'),
  method: z.enum(HTTP_METHODS),
  status: z.int().min(400).max(599),
  reasonCode: z.enum(ACCESS_DENIED_REASONS),
  permission: PermissionSchema.optional(),
  requestedTenantId: TenantIdSchema.optional(),
});
export const AccessDeniedEventSchema = defineEvent(TOPIC.ACCESS_DENIED, 1, AccessDeniedPayloadSchema);
export type AccessDeniedEvent = z.infer<typeof AccessDeniedEventSchema>;
