/** A chain row as read back for verification (from `audit.events` or a copy of it). */
export interface StoredRow {
  seq: number | null;
  tenantId: string;
  eventId: string;
  prevHash: string | null;
  hash: string | null;
  /**
   * The stored event (jsonb, parsed). Left undefined by the verification reader for rows that
   * hold `eventText`: the database compares the two instead (`eventMatchesText`).
   */
  event: unknown;
  /** The canonical event text stored at append (the hashed bytes); null on rows from before migration 0004. */
  eventText: string | null;
  /** Whether the jsonb event holds the same JSON value as `eventText`, when the database compared them. */
  eventMatchesText?: boolean;
  /** The derived columns as stored, compared with what the event implies. */
  columns: Record<string, unknown>;
}
