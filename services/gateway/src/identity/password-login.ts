import { type Actor, type Role } from '@medicdraft/contracts';
import { AppError, UnauthorizedError, type Clock } from '@medicdraft/platform';
import type { GatewayEvents, LoginPayload } from '../events/gateway-events.js';
import type { LoginThrottle } from './login-throttle.js';
import { canonicalEmail } from './email.js';
import { dummyHash, hashPassword, verifyPassword } from './password-hasher.js';
import { verifyTotp } from './totp.js';
import type { UserRecord, UserRepository } from './user.repository.js';

/** Roles that must present a second factor (admin and owner: they manage users and PHI gates). */
export const MFA_ROLES: readonly Role[] = ['admin', 'owner'];

export class MfaRequiredError extends AppError {
  constructor() {
    super('mfa_required', 'a TOTP code is required for this account', { status: 401 });
  }
}
export class TotpReusedError extends AppError {
  constructor() {
    super('totp_reused', 'this code was already used; wait for the next code from your authenticator app', { status: 401 });
  }
}
export class PasswordChangeRequiredError extends AppError {
  constructor() {
    super('password_change_required', 'this password works once: sign in again with a new password of your own (newPassword)', {
      status: 403,
    });
  }
}
export class LoginThrottledError extends AppError {
  constructor() {
    super('too_many_attempts', 'too many failed sign-in attempts; try again later', { status: 429 });
  }
}

export interface PasswordLoginInput {
  tenant: string;
  email: string;
  password: string;
  totp?: string | undefined;
  /** The user's own password, replacing a one-time one (required when the account says so). */
  newPassword?: string | undefined;
  address: string;
  requestId: string;
  /** The client's address for the `auth.login` record (see `clientAddress`). */
  sourceAddress?: string | undefined;
}

const GATEWAY_ACTOR: Actor = { type: 'service', id: 'gateway' };

/**
 * Password (+ TOTP) sign-in. Every attempt emits `auth.login` with its outcome — user id and
 * role only when the credentials named a known user, never the e-mail. Failures share one
 * public answer (401 invalid_credentials) except the ones the user can act on: `mfa_required`
 * (after a correct password) and 429 while throttled. An unknown account costs one argon2
 * verification like a known one. Failed attempts count against the account (its canonical
 * e-mail, however it was typed) and the address. A one-time password (demo sign-ins) is answered
 * 403 `password_change_required` before any TOTP code is spent; the same request with
 * `newPassword` then replaces it. A valid TOTP code used a second time gets its own answer
 * (`totp_reused`: wait for the next code) and does not count as a failure.
 */
export function createPasswordLogin(deps: { users: UserRepository; throttle: LoginThrottle; events: GatewayEvents; clock: Clock }) {
  const { users, throttle, events, clock } = deps;

  async function record(
    input: PasswordLoginInput,
    user: UserRecord | undefined,
    outcome: LoginPayload['outcome'],
    mfa: boolean,
  ): Promise<void> {
    const actor: Actor = user ? { type: 'user', id: user.id, role: user.role } : GATEWAY_ACTOR;
    await events.login(
      input.tenant,
      actor,
      input.requestId,
      {
        ...(user ? { userId: user.id, role: user.role } : {}),
        method: 'password',
        mfa,
        outcome,
      },
      input.sourceAddress,
    );
  }

  async function fail(
    input: PasswordLoginInput,
    user: UserRecord | undefined,
    outcome: LoginPayload['outcome'],
    error: AppError,
  ): Promise<never> {
    await throttle.recordFailure(input.tenant, canonicalEmail(input.email), input.address);
    await record(input, user, outcome, false);
    throw error;
  }

  return async function login(input: PasswordLoginInput): Promise<UserRecord> {
    const email = canonicalEmail(input.email);
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
    if (user.passwordChangeRequired && (input.newPassword === undefined || input.newPassword === input.password)) {
      await record(input, user, 'password_change_required', false);
      throw new PasswordChangeRequiredError();
    }
    const needsMfa = MFA_ROLES.includes(user.role) || user.totpSecret !== null;
    if (needsMfa) {
      if (user.totpSecret === null) return fail(input, user, 'mfa_required', new MfaRequiredError());
      if (input.totp === undefined || input.totp === '') {
        // A correct password without a code is not a failure to throttle: the client asks for the code.
        await record(input, user, 'mfa_required', false);
        throw new MfaRequiredError();
      }
      const step = verifyTotp(user.totpSecret, input.totp, clock());
      if (step === undefined) return fail(input, user, 'mfa_invalid', invalid);
      if (!(await users.consumeTotpStep(input.tenant, user.id, step))) {
        await record(input, user, 'mfa_invalid', false);
        throw new TotpReusedError();
      }
    }
    if (user.passwordChangeRequired && input.newPassword !== undefined)
      await users.replaceOneTimePassword(input.tenant, user.id, await hashPassword(input.newPassword));
    await record(input, user, 'success', needsMfa);
    return user;
  };
}
export type PasswordLogin = ReturnType<typeof createPasswordLogin>;
