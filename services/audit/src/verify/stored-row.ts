/** A chain row as read back for verification (from `audit.events` or a copy of it). */
export interface StoredRow {
  seq: number | null;
  tenantId: string;
  eventId: string;
  prevHash: string | null;
  hash: string | null;
  /** The stored event (jsonb, parsed). */
  event: unknown;
  /** The derived columns as stored, compared with what the event implies. */
  columns: Record<string, unknown>;
}
