import { NotAvailableError } from './not-available-error.js';

/** Which audit records a page holds: after a sequence number, of some event types, in a time window. */
export interface AuditPageRequest {
  after?: number | undefined;
  limit: number;
  types?: readonly string[] | undefined;
  /** ISO 8601; from ≤ occurredAt < to. */
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The gateway's view of the audit store: a page of a tenant's audit records (who/what/when/
 * outcome, no PHI, no object keys), its latest signed checkpoint, an inclusion proof of one
 * event. Implementers: HTTP (the audit service's internal API, audit-clients.ts) and in process
 * (embedded). Contract: every call is scoped to `tenantId`; an event of another tenant is "not
 * found" (NotFoundError), as is a checkpoint or proof that does not exist yet; read-only.
 */
export interface AuditClient {
  list(tenantId: string, page: AuditPageRequest): Promise<Record<string, unknown>>;
  latestCheckpoint(tenantId: string): Promise<Record<string, unknown>>;
  proof(tenantId: string, eventId: string): Promise<Record<string, unknown>>;
}

/** For a gateway started without an audit client (some tests): 503 not_available. */
export const unavailableAuditClient: AuditClient = {
  list: async () => {
    throw new NotAvailableError('the audit log');
  },
  latestCheckpoint: async () => {
    throw new NotAvailableError('audit checkpoints');
  },
  proof: async () => {
    throw new NotAvailableError('audit proofs');
  },
};
