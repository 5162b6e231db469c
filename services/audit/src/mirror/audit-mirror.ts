/**
 * A copy of the audit chain in an external log (CloudWatch Logs). The audit service tells it which
 * tenants grew; the mirror reads committed rows itself, in sequence order, so it never sees a row
 * that could still roll back and its position survives restarts.
 */
export interface AuditMirror {
  noteAppended(tenantId: string): void;
  start(): void;
  /** Ships what is pending, then stops. */
  stop(): Promise<void>;
}
