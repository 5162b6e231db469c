import { z } from 'zod';
import { isRole, type Role } from '@medicdraft/contracts';
import { ConflictError, type Database, type Queryable } from '@medicdraft/platform';
import { canonicalEmail } from './email.js';

export interface UserRecord {
  id: string;
  tenantId: string;
  email: string;
  /** The name people read (lists, access reports); null: the e-mail stands in. */
  displayName: string | null;
  role: Role;
  /** Null until the user set a password through an enrolment link (and again after a reset). */
  passwordHash: string | null;
  totpSecret: string | null;
  totpLastStep: number;
  /** A password given to the user (the demo sign-ins) works once: the first sign-in must replace it. */
  passwordChangeRequired: boolean;
  disabled: boolean;
  createdAt: Date;
  /** Null until the first sign-in. */
  lastSignInAt: Date | null;
}

/** What user listings show: never the hash or the TOTP secret. */
export interface UserSummary {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  mfaEnrolled: boolean;
  /** False while the user has not set a password yet (enrolment pending). */
  enrolled: boolean;
  disabled: boolean;
  createdAt: string;
  lastSignInAt: string | null;
}

interface Row {
  tenant_id: string;
  id: string;
  email: string;
  display_name: string | null;
  role: string;
  password_hash: string | null;
  password_change_required: boolean;
  totp_secret: string | null;
  totp_last_step: string | number;
  disabled: boolean;
  created_at: Date | string;
  last_sign_in_at: Date | string | null;
}

function toRecord(r: Row): UserRecord {
  if (!isRole(r.role)) throw new Error('stored user has an unknown role');
  return {
    id: r.id,
    tenantId: r.tenant_id,
    email: r.email,
    displayName: r.display_name,
    role: r.role,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpLastStep: Number(r.totp_last_step),
    passwordChangeRequired: r.password_change_required,
    disabled: r.disabled,
    createdAt: new Date(r.created_at),
    lastSignInAt: r.last_sign_in_at === null ? null : new Date(r.last_sign_in_at),
  };
}

export function summarize(u: UserRecord): UserSummary {
  return {
    id: u.id,
    email: u.email,
    displayName: u.displayName,
    role: u.role,
    mfaEnrolled: u.totpSecret !== null,
    enrolled: u.passwordHash !== null,
    disabled: u.disabled,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt === null ? null : u.lastSignInAt.toISOString(),
  };
}

/** Local users of the gateway schema; every call runs under the tenant's RLS. */
export function createUserRepository(db: Database) {
  return {
    async tenantExists(tenantId: string): Promise<boolean> {
      return db.withSystem(async (tx) => (await tx.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId])).rowCount > 0);
    },
    async ensureTenant(tenantId: string, displayName: string): Promise<void> {
      await db.withSystem((tx) =>
        tx.query('INSERT INTO tenants (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [tenantId, displayName]),
      );
    },
    async findByEmail(tenantId: string, email: string): Promise<UserRecord | undefined> {
      const { rows } = await db.withTenant(tenantId, (tx) =>
        tx.query<Row>('SELECT * FROM users WHERE email = $1', [canonicalEmail(email)]),
      );
      return rows[0] === undefined ? undefined : toRecord(rows[0]);
    },
    async findById(tenantId: string, id: string): Promise<UserRecord | undefined> {
      const { rows } = await db.withTenant(tenantId, (tx) => tx.query<Row>('SELECT * FROM users WHERE id = $1', [id]));
      return rows[0] === undefined ? undefined : toRecord(rows[0]);
    },
    async list(tenantId: string): Promise<UserRecord[]> {
      const { rows } = await db.withTenant(tenantId, (tx) => tx.query<Row>('SELECT * FROM users ORDER BY created_at, email'));
      return rows.map(toRecord);
    },
    /** The name each of these users is shown by (their e-mail address); ids without a user are left out. */
    async namesOf(tenantId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const { rows } = await db.withTenant(tenantId, (tx) =>
        tx.query<{ id: string; email: string; display_name: string | null }>(
          'SELECT id, email, display_name FROM users WHERE id = ANY($1::uuid[])',
          [[...new Set(ids)]],
        ),
      );
      return new Map(rows.map((r) => [r.id, r.display_name ?? r.email]));
    },
    async count(tenantId: string): Promise<number> {
      const { rows } = await db.withTenant(tenantId, (tx) => tx.query<{ n: string | number }>('SELECT count(*) AS n FROM users'));
      return Number(rows[0]?.n ?? 0);
    },
    async insert(u: NewUser): Promise<UserRecord> {
      return db.withTenant(u.tenantId, (tx) => insertUser(tx, u));
    },
    /** Replaces a one-time password by the user's own (forced change at the first sign-in). */
    async replaceOneTimePassword(tenantId: string, id: string, passwordHash: string): Promise<void> {
      await db.withTenant(tenantId, (tx) =>
        tx.query('UPDATE users SET password_hash = $2, password_change_required = false WHERE id = $1 AND password_change_required', [
          id,
          passwordHash,
        ]),
      );
    },
    /** Notes a completed sign-in (a user that is not a local row, such as an OIDC subject, changes nothing). */
    async recordSignIn(tenantId: string, userId: string, at: Date): Promise<void> {
      if (!z.uuid().safeParse(userId).success) return;
      await db.withTenant(tenantId, (tx) => tx.query('UPDATE users SET last_sign_in_at = $2 WHERE id = $1', [userId, at.toISOString()]));
    },
    /**
     * Records that TOTP step `step` was used; false when it (or a later one) already was, which
     * makes a code single-use even within its validity window.
     */
    async consumeTotpStep(tenantId: string, userId: string, step: number): Promise<boolean> {
      const { rowCount } = await db.withTenant(tenantId, (tx) =>
        tx.query('UPDATE users SET totp_last_step = $3 WHERE id = $2 AND tenant_id = $1 AND totp_last_step < $3', [tenantId, userId, step]),
      );
      return rowCount > 0;
    },
  };
}
export type UserRepository = ReturnType<typeof createUserRepository>;

export type NewUser = Omit<
  UserRecord,
  'totpLastStep' | 'disabled' | 'createdAt' | 'passwordChangeRequired' | 'lastSignInAt' | 'displayName'
> & {
  displayName?: string | null;
  createdBy?: string;
  passwordChangeRequired?: boolean;
};

/** Inserts a user in the caller's transaction; a taken e-mail is a 409. */
export async function insertUser(tx: Queryable, u: NewUser): Promise<UserRecord> {
  const { rows } = await tx.query<Row>(
    `INSERT INTO users (tenant_id, id, email, role, password_hash, totp_secret, created_by, password_change_required, display_name)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (tenant_id, email) DO NOTHING RETURNING *`,
    [
      u.tenantId,
      u.id,
      canonicalEmail(u.email),
      u.role,
      u.passwordHash,
      u.totpSecret,
      u.createdBy ?? null,
      u.passwordChangeRequired ?? false,
      u.displayName ?? null,
    ],
  );
  if (rows[0] === undefined) throw new ConflictError('a user with this e-mail exists');
  return toRecord(rows[0]);
}

/** A user row locked for an update in the caller's transaction. */
export async function lockUser(tx: Queryable, id: string): Promise<UserRecord | undefined> {
  const { rows } = await tx.query<Row>('SELECT * FROM users WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] === undefined ? undefined : toRecord(rows[0]);
}

/**
 * The changes user management and enrolment make, each in the caller's transaction (with the
 * event that records it). Clearing credentials forgets the password hash and the TOTP key, so
 * nothing set before a reset works after it.
 */
export type UserChange =
  | { kind: 'role'; role: Role }
  | { kind: 'disabled'; disabled: boolean }
  | { kind: 'clear_credentials' }
  | { kind: 'credentials'; passwordHash: string; totpSecret: string | null; totpLastStep: number };

export async function updateUser(tx: Queryable, id: string, change: UserChange): Promise<UserRecord> {
  const [set, params] = ((): [string, unknown[]] => {
    switch (change.kind) {
      case 'role':
        return ['role = $2', [change.role]];
      case 'disabled':
        return ['disabled = $2', [change.disabled]];
      case 'clear_credentials':
        return ['password_hash = NULL, totp_secret = NULL, totp_last_step = 0, password_change_required = false', []];
      case 'credentials':
        return [
          'password_hash = $2, totp_secret = $3, totp_last_step = $4, password_change_required = false',
          [change.passwordHash, change.totpSecret, change.totpLastStep],
        ];
    }
  })();
  const { rows } = await tx.query<Row>(`UPDATE users SET ${set} WHERE id = $1 RETURNING *`, [id, ...params]);
  if (rows[0] === undefined) throw new Error('user vanished during an update');
  return toRecord(rows[0]);
}
