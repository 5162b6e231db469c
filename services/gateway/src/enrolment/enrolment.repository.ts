import type { Queryable } from '@medicdraft/platform';

export type EnrolmentPurpose = 'create' | 'reset';

export interface EnrolmentRecord {
  userId: string;
  purpose: EnrolmentPurpose;
  /** The TOTP key offered to the user when it opened the link (roles with a second factor). */
  totpSecret: string | null;
  expiresAt: Date;
}

interface Row {
  user_id: string;
  purpose: EnrolmentPurpose;
  totp_secret: string | null;
  expires_at: Date | string;
}

const toRecord = (r: Row): EnrolmentRecord => ({
  userId: r.user_id,
  purpose: r.purpose,
  totpSecret: r.totp_secret,
  expiresAt: new Date(r.expires_at),
});

/**
 * Enrolment rows, in the caller's tenant transaction. A user has at most one live enrolment:
 * issuing a new one supersedes the others. Times come from the service clock, not the
 * database's, so expiry follows the same clock as sessions and TOTP.
 */
export const enrolmentRows = {
  async insert(
    tx: Queryable,
    e: { tenantId: string; tokenSha256: string; userId: string; purpose: EnrolmentPurpose; createdBy: string; now: Date; expiresAt: Date },
  ): Promise<void> {
    await tx.query("UPDATE enrolments SET ended_at = $2, ended_by = 'superseded' WHERE user_id = $1 AND ended_at IS NULL", [
      e.userId,
      e.now,
    ]);
    await tx.query(
      'INSERT INTO enrolments (tenant_id, token_sha256, user_id, purpose, created_by, created_at, expires_at) ' +
        'VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [e.tenantId, e.tokenSha256, e.userId, e.purpose, e.createdBy, e.now, e.expiresAt],
    );
  },
  /** The live (unused, unexpired, not superseded) enrolment of a token digest, locked for the caller. */
  async lockLive(tx: Queryable, tokenSha256: string, now: Date): Promise<EnrolmentRecord | undefined> {
    const { rows } = await tx.query<Row>(
      'SELECT user_id, purpose, totp_secret, expires_at FROM enrolments ' +
        'WHERE token_sha256 = $1 AND ended_at IS NULL AND expires_at > $2 FOR UPDATE',
      [tokenSha256, now],
    );
    return rows[0] === undefined ? undefined : toRecord(rows[0]);
  },
  async offerTotp(tx: Queryable, tokenSha256: string, secret: string): Promise<void> {
    await tx.query('UPDATE enrolments SET totp_secret = $2 WHERE token_sha256 = $1', [tokenSha256, secret]);
  },
  async markUsed(tx: Queryable, tokenSha256: string, now: Date): Promise<void> {
    await tx.query("UPDATE enrolments SET ended_at = $2, ended_by = 'used' WHERE token_sha256 = $1", [tokenSha256, now]);
  },
  /** Ends every live enrolment of a user (deactivation): a link must not re-open a disabled account. */
  async endAll(tx: Queryable, userId: string, now: Date): Promise<void> {
    await tx.query("UPDATE enrolments SET ended_at = $2, ended_by = 'superseded' WHERE user_id = $1 AND ended_at IS NULL", [userId, now]);
  },
};
