import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@medicdraft/contracts';
import type { IdGenerator, Logger } from '@medicdraft/platform';
import { MFA_ROLES } from './password-login.js';
import { hashPassword } from './password-hasher.js';
import { newTotpSecret, totpUri } from './totp.js';
import type { UserRepository } from './user.repository.js';

export interface SeedTenant {
  id: string;
  displayName: string;
}

export interface SeededCredential {
  tenantId: string;
  email: string;
  role: Role;
  oneTimePassword: string;
  totpSecret?: string;
}

/** A random password a person can type: 20 characters of base64url (120 bits). */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * Demo tenant users for the embedded mode: one per role (`<role>@<tenant>.demo.invalid`),
 * created only when the tenant has no user at all, each with a fresh random password (and a
 * TOTP secret for admin and owner). The credentials are written to the log exactly once, at
 * creation — they exist nowhere else — so whoever starts the demo can sign in; nothing is
 * hard-coded. Each password works once: the first sign-in must set the user's own. Keys are
 * named so the logger's secret redaction (`password`, `secret`) does not hide this one
 * intended disclosure.
 */
export async function seedDemoUsers(
  deps: { users: UserRepository; newId: IdGenerator; logger: Logger },
  tenant: SeedTenant,
): Promise<SeededCredential[]> {
  await deps.users.ensureTenant(tenant.id, tenant.displayName);
  if ((await deps.users.count(tenant.id)) > 0) return [];
  const created: SeededCredential[] = [];
  for (const role of ROLES) {
    const email = `${role}@${tenant.id}.demo.invalid`;
    const oneTimePassword = randomPassword();
    const totpSecret = MFA_ROLES.includes(role) ? newTotpSecret() : null;
    await deps.users.insert({
      tenantId: tenant.id,
      id: deps.newId(),
      email,
      role,
      passwordHash: await hashPassword(oneTimePassword),
      totpSecret,
      passwordChangeRequired: true,
    });
    created.push({ tenantId: tenant.id, email, role, oneTimePassword, ...(totpSecret === null ? {} : { totpSecret }) });
  }
  for (const c of created) {
    deps.logger.warn(
      {
        demoCredential: {
          tenant: c.tenantId,
          email: c.email,
          role: c.role,
          oneTimePassword: c.oneTimePassword,
          ...(c.totpSecret ? { totpKey: c.totpSecret, totpUri: totpUri(c.totpSecret, 'MedicDraft', c.email) } : {}),
        },
      },
      'demo user created: this sign-in is printed once and stored nowhere else',
    );
  }
  return created;
}
