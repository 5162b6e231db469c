import { NotAvailableError } from './not-available-error.js';

/**
 * The gateway's view of the audit store: a page of a tenant's audit records (who/what/when/
 * outcome, no PHI), its latest signed checkpoint, an inclusion proof of one event.
 * Contract: every call is scoped to `tenantId`; an event of another tenant is "not found".
 * The audit service exposes no query API yet: `unavailableAuditClient` answers 503
 * not_available until it does.
 */
export interface AuditClient {
  list(tenantId: string, page: { after?: number | undefined; limit: number }): Promise<Record<string, unknown>>;
  latestCheckpoint(tenantId: string): Promise<Record<string, unknown>>;
  proof(tenantId: string, eventId: string): Promise<Record<string, unknown>>;
}

export const unavailableAuditClient: AuditClient = {
  list: async () => { throw new NotAvailableError('the audit log'); },
  latestCheckpoint: async () => { throw new NotAvailableError('audit checkpoints'); },
  proof: async () => { throw new NotAvailableError('audit proofs'); },
};
