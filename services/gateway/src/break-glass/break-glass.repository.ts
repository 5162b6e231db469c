import type { Queryable } from '@medicdraft/platform';

/** One grant as stored. `reason` is the typed free text (treated as PHI): only the owners' report reads it. */
export interface GrantRow {
  id: string;
  userId: string;
  dictationId: string;
  reason: string;
  minutes: number;
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** One request served under a grant. */
export interface AccessRow {
  grantId: string;
  eventId: string;
  routeCode: string;
  accessedAt: Date;
}

interface DbGrant {
  id: string;
  user_id: string;
  dictation_id: string;
  reason: string;
  minutes: number;
  created_at: Date | string;
  expires_at: Date | string;
  revoked_at: Date | string | null;
  revoked_by: string | null;
}

const toGrant = (r: DbGrant): GrantRow => ({
  id: r.id,
  userId: r.user_id,
  dictationId: r.dictation_id,
  reason: r.reason,
  minutes: Number(r.minutes),
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at),
  revokedBy: r.revoked_by,
});

const GRANT_COLUMNS = 'id, user_id, dictation_id, reason, minutes, created_at, expires_at, revoked_at, revoked_by';

/** SQL of the two break-glass tables; every call runs inside the caller's tenant transaction (RLS). */
export const breakGlassRepository = {
  async insertGrant(tx: Queryable, tenantId: string, g: Omit<GrantRow, 'revokedAt' | 'revokedBy'>): Promise<void> {
    await tx.query(
      `INSERT INTO break_glass_grants (tenant_id, id, user_id, dictation_id, reason, minutes, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [tenantId, g.id, g.userId, g.dictationId, g.reason, g.minutes, g.createdAt, g.expiresAt],
    );
  },

  /** The grant of `userId` on `dictationId` still open at `now` (the latest, if several). */
  async activeGrant(tx: Queryable, userId: string, dictationId: string, now: Date): Promise<GrantRow | undefined> {
    const { rows } = await tx.query<DbGrant>(
      `SELECT ${GRANT_COLUMNS} FROM break_glass_grants
        WHERE user_id = $1 AND dictation_id = $2 AND revoked_at IS NULL AND expires_at > $3
        ORDER BY expires_at DESC LIMIT 1`,
      [userId, dictationId, now],
    );
    return rows[0] === undefined ? undefined : toGrant(rows[0]);
  },

  /** Every grant of `userId` still open at `now`. */
  async activeGrantsOf(tx: Queryable, userId: string, now: Date): Promise<GrantRow[]> {
    const { rows } = await tx.query<DbGrant>(
      `SELECT ${GRANT_COLUMNS} FROM break_glass_grants
        WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 ORDER BY expires_at`,
      [userId, now],
    );
    return rows.map(toGrant);
  },

  /** The tenant's grants created since `since`, newest first. */
  async grantsSince(tx: Queryable, since: Date, limit: number): Promise<GrantRow[]> {
    const { rows } = await tx.query<DbGrant>(
      `SELECT ${GRANT_COLUMNS} FROM break_glass_grants WHERE created_at >= $1 ORDER BY created_at DESC LIMIT $2`,
      [since, limit],
    );
    return rows.map(toGrant);
  },

  async accessesOf(tx: Queryable, grantIds: readonly string[]): Promise<AccessRow[]> {
    if (grantIds.length === 0) return [];
    const { rows } = await tx.query<{ grant_id: string; event_id: string; route_code: string; accessed_at: Date | string }>(
      `SELECT grant_id, event_id, route_code, accessed_at FROM break_glass_accesses
        WHERE grant_id = ANY($1::uuid[]) ORDER BY accessed_at`,
      [[...grantIds]],
    );
    return rows.map((r) => ({ grantId: r.grant_id, eventId: r.event_id, routeCode: r.route_code, accessedAt: new Date(r.accessed_at) }));
  },

  async insertAccess(tx: Queryable, tenantId: string, a: AccessRow): Promise<void> {
    await tx.query(
      'INSERT INTO break_glass_accesses (tenant_id, grant_id, event_id, route_code, accessed_at) VALUES ($1, $2, $3, $4, $5)',
      [tenantId, a.grantId, a.eventId, a.routeCode, a.accessedAt],
    );
  },

  /** Ends a grant still open at `now`; undefined when there is none by that id (or it already ended). */
  async revoke(tx: Queryable, grantId: string, by: string, now: Date): Promise<GrantRow | undefined> {
    const { rows } = await tx.query<DbGrant>(
      `UPDATE break_glass_grants SET revoked_at = $3, revoked_by = $2
        WHERE id = $1 AND revoked_at IS NULL AND expires_at > $3 RETURNING ${GRANT_COLUMNS}`,
      [grantId, by, now],
    );
    return rows[0] === undefined ? undefined : toGrant(rows[0]);
  },
};
