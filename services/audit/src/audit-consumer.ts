import { decodeEvent, isDomainTopic } from '@medicdraft/contracts';
import {
  annotateLogContext,
  MalformedEventError,
  UnknownTenantError,
  type ConsumedRecord,
  type HandleResult,
  type TenantStatus,
} from '@medicdraft/platform';
import type { AuditBatcher } from './audit-batcher.js';
import { toAuditRecord } from './audit-record.js';

/** How long an event newer than the directory waits; a directory arriving sooner wakes it. */
const PENDING_HOLD_MS = 500;

/**
 * Handles one record of a domain topic: validate, then wait until its batch is durably in the
 * tenant's chain. A record that is not a valid event of its topic goes to the dead-letter topic
 * with the contract error (never its content), and so does an event of a tenant readiness'
 * directory does not list (`unknown_tenant`: no chain is opened for made-up tenants). An event
 * newer than the directory in hand waits for the next one (`pending`, about a second), so a tenant
 * provisioned a moment ago is not mistaken for a made-up one. While no fresh directory is held
 * (`undecided`) the event is chained: audit records, it never gates.
 * A database failure rejects, which the bus treats as transient: the partition is held and
 * retried and nothing is skipped.
 */
export function createAuditHandler(
  batcher: AuditBatcher,
  tenantStatus: (tenantId: string, recordAt: number) => TenantStatus = () => 'undecided',
): (record: ConsumedRecord) => Promise<HandleResult> {
  return async (record) => {
    if (!isDomainTopic(record.topic)) throw new MalformedEventError('record is not on a domain topic');
    const parsed = decodeEvent(record.value, record.topic);
    if (!parsed.ok) throw new MalformedEventError(parsed.error.message);
    annotateLogContext({ tenantId: parsed.value.tenantId, correlationId: parsed.value.correlationId });
    const status = tenantStatus(parsed.value.tenantId, Date.parse(parsed.value.occurredAt));
    if (status === 'unknown') throw new UnknownTenantError();
    if (status === 'pending') return { action: 'hold', retryAfterMs: PENDING_HOLD_MS };
    await batcher.append(toAuditRecord(parsed.value, record));
    return { action: 'done' };
  };
}
