import { isRole, type Role } from '@medicdraft/contracts';
import { ConflictError, type Database } from '@medicdraft/platform';

export interface UserRecord {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  passwordHash: string;
  totpSecret: string | null;
  totpLastStep: number;
  disabled: boolean;
  createdAt: Date;
}

/** What user listings show: never the hash or the TOTP secret. */
export interface UserSummary {
  id: string;
  email: string;
  role: Role;
  mfaEnrolled: boolean;
  disabled: boolean;
  createdAt: string;
}

interface Row {
  tenant_id: string;
  id: string;
  email: string;
  role: string;
  password_hash: string;
  totp_secret: string | null;
  totp_last_step: string | number;
  disabled: boolean;
  created_at: Date | string;
}

function toRecord(r: Row): UserRecord {
  if (!isRole(r.role)) throw new Error('stored user has an unknown role');
  return {
    id: r.id,
    tenantId: r.tenant_id,
    email: r.email,
    role: r.role,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    totpLastStep: Number(r.totp_last_step),
    disabled: r.disabled,
    createdAt: new Date(r.created_at),
  };
}

export function summarize(u: UserRecord): UserSummary {
  return { id: u.id, email: u.email, role: u.role, mfaEnrolled: u.totpSecret !== null, disabled: u.disabled, createdAt: u.createdAt.toISOString() };
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

/** Local users of the gateway schema; every call runs under the tenant's RLS. */
export function createUserRepository(db: Database) {
  return {
    async tenantExists(tenantId: string): Promise<boolean> {
      return db.withSystem(async (tx) => (await tx.query('SELECT 1 FROM tenants WHERE id = $1', [tenantId])).rowCount > 0);
    },
    async ensureTenant(tenantId: string, displayName: string): Promise<void> {
      await db.withSystem((tx) => tx.query('INSERT INTO tenants (id, display_name) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [tenantId, displayName]));
    },
    async findByEmail(tenantId: string, email: string): Promise<UserRecord | undefined> {
      const { rows } = await db.withTenant(tenantId, (tx) => tx.query<Row>('SELECT * FROM users WHERE email = $1', [normalizeEmail(email)]));
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
    async count(tenantId: string): Promise<number> {
      const { rows } = await db.withTenant(tenantId, (tx) => tx.query<{ n: string | number }>('SELECT count(*) AS n FROM users'));
      return Number(rows[0]?.n ?? 0);
    },
    async insert(u: Omit<UserRecord, 'totpLastStep' | 'disabled' | 'createdAt'> & { createdBy?: string }): Promise<UserRecord> {
      return db.withTenant(u.tenantId, async (tx) => {
        const { rows } = await tx.query<Row>(
          `INSERT INTO users (tenant_id, id, email, role, password_hash, totp_secret, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, email) DO NOTHING RETURNING *`,
          [u.tenantId, u.id, normalizeEmail(u.email), u.role, u.passwordHash, u.totpSecret, u.createdBy ?? null],
        );
        if (rows[0] === undefined) throw new ConflictError('a user with this e-mail exists');
        return toRecord(rows[0]);
      });
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
