import { type Actor, type Role } from '@medicdraft/contracts';
import { AppError, UnauthorizedError, type Clock } from '@medicdraft/platform';
import type { GatewayEvents, LoginPayload } from '../events/gateway-events.js';
import type { LoginThrottle } from './login-throttle.js';
import { dummyHash, verifyPassword } from './password-hasher.js';
import { verifyTotp } from './totp.js';
import type { UserRecord, UserRepository } from './user.repository.js';

/** Roles that must present a second factor (seed 000 / DESIGN §10: admin and owner). */
export const MFA_ROLES: readonly Role[] = ['admin', 'owner'];

export class MfaRequiredError extends AppError {
  constructor() { super('mfa_required', 'a TOTP code is required for this account', { status: 401 }); }
}
export class LoginThrottledError extends AppError {
  constructor() { super('too_many_attempts', 'too many failed sign-in attempts; try again later', { status: 429 }); }
}

export interface PasswordLoginInput {
  tenant: string;
  email: string;
  password: string;
  totp?: string | undefined;
  address: string;
  requestId: string;
}

const GATEWAY_ACTOR: Actor = { type: 'service', id: 'gateway' };

/**
 * Password (+ TOTP) sign-in. Every attempt emits `auth.login` with its outcome — user id and
 * role only when the credentials named a known user, never the e-mail. Failures share one
 * public answer (401 invalid_credentials) except the ones the user can act on: `mfa_required`
 * (after a correct password) and 429 while throttled. An unknown account costs one argon2
 * verification like a known one. Failed attempts count against the account and the address.
 */
export function createPasswordLogin(deps: { users: UserRepository; throttle: LoginThrottle; events: GatewayEvents; clock: Clock }) {
  const { users, throttle, events, clock } = deps;

  async function record(input: PasswordLoginInput, user: UserRecord | undefined, outcome: LoginPayload['outcome'], mfa: boolean): Promise<void> {
    const actor: Actor = user ? { type: 'user', id: user.id, role: user.role } : GATEWAY_ACTOR;
    await events.login(input.tenant, actor, input.requestId, {
      ...(user ? { userId: user.id, role: user.role } : {}),
      method: 'password',
      mfa,
      outcome,
    });
  }

  async function fail(input: PasswordLoginInput, user: UserRecord | undefined, outcome: LoginPayload['outcome'], error: AppError): Promise<never> {
    await throttle.recordFailure(input.tenant, input.email, input.address);
    await record(input, user, outcome, false);
    throw error;
  }

  return async function login(input: PasswordLoginInput): Promise<UserRecord> {
    const email = input.email.trim().toLowerCase();
    if (await throttle.isLocked(input.tenant, email, input.address)) {
      await record(input, undefined, 'locked', false);
      throw new LoginThrottledError();
    }
    const invalid = new UnauthorizedError('invalid credentials');
    if (!(await users.tenantExists(input.tenant))) {
      await verifyPassword(await dummyHash(), input.password);
      return fail(input, undefined, 'unknown_tenant', invalid);
    }
    const user = await users.findByEmail(input.tenant, email);
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), input.password);
    if (user === undefined || !ok) return fail(input, user, 'invalid_credentials', invalid);
    if (user.disabled) return fail(input, user, 'user_disabled', invalid);
    const needsMfa = MFA_ROLES.includes(user.role) || user.totpSecret !== null;
    if (needsMfa) {
      if (user.totpSecret === null) return fail(input, user, 'mfa_required', new MfaRequiredError());
      if (input.totp === undefined || input.totp === '') {
        // A correct password without a code is not a failure to throttle: the client asks for the code.
        await record(input, user, 'mfa_required', false);
        throw new MfaRequiredError();
      }
      const step = verifyTotp(user.totpSecret, input.totp, clock());
      if (step === undefined || !(await users.consumeTotpStep(input.tenant, user.id, step))) return fail(input, user, 'mfa_invalid', invalid);
    }
    await record(input, user, 'success', needsMfa);
    return user;
  };
}
export type PasswordLogin = ReturnType<typeof createPasswordLogin>;
