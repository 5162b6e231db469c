import { createHash, randomBytes } from 'node:crypto';
import { AppError, type Clock, type Database, type Logger, type Queryable } from '@medicdraft/platform';
import type { GatewayEvents } from '../events/gateway-events.js';
import { MFA_ROLES, MfaRequiredError } from '../identity/password-login.js';
import { hashPassword } from '../identity/password-hasher.js';
import { newTotpSecret, totpUri, verifyTotp } from '../identity/totp.js';
import { lockUser, updateUser, type UserRecord } from '../identity/user.repository.js';
import type { EnrolmentDelivery } from './enrolment-delivery.port.js';
import { enrolmentRows, type EnrolmentPurpose } from './enrolment.repository.js';

export class InvalidEnrolmentError extends AppError {
  constructor() {
    super('invalid_enrolment', 'the enrolment link is invalid, used or expired; ask your administrator for a new one', { status: 400 });
  }
}

export interface EnrolmentSettings {
  /** How long a link works (default 72 h). */
  ttlMs: number;
  /** The gateway's public base URL, where the link points (`…/enrol#tenant=…&token=…`). */
  publicUrl: string;
}

/** What the user sees on opening a link: who the account is, and the TOTP key to add if the role needs one. */
export interface EnrolmentInfo {
  tenantId: string;
  email: string;
  role: UserRecord['role'];
  purpose: EnrolmentPurpose;
  expiresAt: string;
  totpRequired: boolean;
  totpSecret?: string;
  totpUri?: string;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Single-use enrolment links: the only way a user gets a password (new users, resets). The token
 * is 256 random bits, stored as its SHA-256 only, mailed to the user's own address after the
 * transaction that made it commits, and ends when used, superseded or expired. Opening the link
 * offers a TOTP key for roles that need a second factor; completing it sets the password (argon2id)
 * and the key (proven by a first code), and records `admin.user.updated` `enrolled` by the user.
 */
export function createEnrolments(deps: {
  db: Database;
  delivery: EnrolmentDelivery;
  events: GatewayEvents;
  clock: Clock;
  settings: EnrolmentSettings;
  logger: Logger;
}) {
  const { db, delivery, events, clock, settings, logger } = deps;
  const now = () => new Date(clock());

  async function live(tx: Queryable, token: string) {
    const enrolment = await enrolmentRows.lockLive(tx, digest(token), now());
    const user = enrolment === undefined ? undefined : await lockUser(tx, enrolment.userId);
    if (enrolment === undefined || user === undefined || user.disabled) throw new InvalidEnrolmentError();
    return { enrolment, user };
  }

  return {
    /**
     * Makes a link for `user` in the caller's transaction and returns the send step, to run after
     * the commit: a rolled-back change mails nothing. `send` reports whether the transport took it.
     */
    async issue(tx: Queryable, e: { tenantId: string; user: UserRecord; purpose: EnrolmentPurpose; createdBy: string }) {
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(clock() + settings.ttlMs);
      await enrolmentRows.insert(tx, {
        tenantId: e.tenantId,
        tokenSha256: digest(token),
        userId: e.user.id,
        purpose: e.purpose,
        createdBy: e.createdBy,
        now: now(),
        expiresAt,
      });
      const link = `${settings.publicUrl.replace(/\/+$/, '')}/enrol#tenant=${encodeURIComponent(e.tenantId)}&token=${token}`;
      const send = async (): Promise<boolean> => {
        try {
          await delivery.deliver({ tenantId: e.tenantId, to: e.user.email, role: e.user.role, purpose: e.purpose, link, token, expiresAt });
          logger.info({ tenantId: e.tenantId, userId: e.user.id, purpose: e.purpose, delivery: delivery.kind }, 'enrolment link sent');
          return true;
        } catch (err) {
          logger.warn(
            { tenantId: e.tenantId, userId: e.user.id, delivery: delivery.kind, err: { code: (err as { code?: unknown }).code } },
            'enrolment link not sent',
          );
          return false;
        }
      };
      return { expiresAt, send };
    },

    async inspect(tenantId: string, token: string): Promise<EnrolmentInfo> {
      return db.withTenant(tenantId, async (tx) => {
        const { enrolment, user } = await live(tx, token);
        const info: EnrolmentInfo = {
          tenantId,
          email: user.email,
          role: user.role,
          purpose: enrolment.purpose,
          expiresAt: enrolment.expiresAt.toISOString(),
          totpRequired: MFA_ROLES.includes(user.role),
        };
        if (!info.totpRequired) return info;
        const secret = enrolment.totpSecret ?? newTotpSecret();
        if (enrolment.totpSecret === null) await enrolmentRows.offerTotp(tx, digest(token), secret);
        return { ...info, totpSecret: secret, totpUri: totpUri(secret, 'MedicDraft', user.email) };
      });
    },

    async complete(input: {
      tenantId: string;
      token: string;
      password: string;
      totp?: string | undefined;
      correlationId: string;
      sourceAddress?: string | undefined;
    }): Promise<UserRecord> {
      const passwordHash = await hashPassword(input.password);
      return db.withTenant(input.tenantId, async (tx) => {
        const { enrolment, user } = await live(tx, input.token);
        let totpLastStep = 0;
        if (MFA_ROLES.includes(user.role)) {
          // The key must have been shown (opening the link) and proven with a first code.
          if (enrolment.totpSecret === null || input.totp === undefined || input.totp === '') throw new MfaRequiredError();
          const step = verifyTotp(enrolment.totpSecret, input.totp, clock());
          if (step === undefined) throw new MfaRequiredError();
          totpLastStep = step;
        }
        const updated = await updateUser(tx, user.id, {
          kind: 'credentials',
          passwordHash,
          totpSecret: MFA_ROLES.includes(user.role) ? enrolment.totpSecret : null,
          totpLastStep,
        });
        await enrolmentRows.markUsed(tx, digest(input.token), now());
        await events.append(
          tx,
          events.build('admin.user.updated', {
            tenantId: input.tenantId,
            actor: { type: 'user', id: user.id, role: user.role },
            correlationId: input.correlationId,
            ...(input.sourceAddress === undefined ? {} : { sourceAddress: input.sourceAddress }),
            payload: { userId: user.id, action: 'enrolled', role: user.role },
          }),
        );
        return updated;
      });
    },
  };
}
export type Enrolments = ReturnType<typeof createEnrolments>;
