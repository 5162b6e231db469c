import { decodeEvent, isDomainTopic } from '@medicdraft/contracts';
import {
  MalformedEventError,
  UnknownTenantError,
  type BatchHandler,
  type BatchRecordResult,
  type ConsumedRecord,
  type TenantStatus,
} from '@medicdraft/platform';
import type { AuditBatcher } from './audit-batcher.js';
import { toAuditRecord, type AuditRecord } from './audit-record.js';

/** How long an event newer than the directory waits; a directory arriving sooner wakes it. */
const PENDING_HOLD_MS = 500;

/**
 * Handles the records of one partition fetch together: validate each, then append the valid ones
 * in one go and resolve once all of them are durably in their tenants' chains (the batcher writes
 * one transaction per tenant for them, together with what other partitions offered meanwhile), so
 * the bus commits the fetch once instead of waiting for one record at a time.
 * A record that is not a valid event of its topic goes to the dead-letter topic with the contract
 * error (never its content), and so does an event of a tenant readiness' directory does not list
 * (`unknown_tenant`: no chain is opened for made-up tenants); the records around it are chained.
 * An event newer than the directory in hand waits for the next one (`pending`, about a second), so
 * a tenant provisioned a moment ago is not mistaken for a made-up one: it and every later record of
 * the batch are held (not appended) and delivered again, exactly as one record at a time would be.
 * While no fresh directory is held (`undecided`) the event is chained: audit records, it never gates.
 * A database failure rejects, which the bus treats as a transient failure of the whole batch: it is
 * delivered again from its first record and nothing is skipped; what was already appended is
 * absorbed by the append's dedupe on event id.
 */
export function createAuditBatchHandler(
  batcher: AuditBatcher,
  tenantStatus: (tenantId: string, recordAt: number) => TenantStatus = () => 'undecided',
): BatchHandler {
  return async (records) => {
    const results: BatchRecordResult[] = [];
    const appends: AuditRecord[] = [];
    let held = false;
    for (const record of records) {
      if (held) {
        results.push({ action: 'hold', retryAfterMs: PENDING_HOLD_MS });
        continue;
      }
      const decided = decide(record, tenantStatus);
      if (decided.action === 'append') {
        appends.push(decided.record);
        results.push({ action: 'done' });
        continue;
      }
      if (decided.action === 'hold') held = true;
      results.push(decided);
    }
    await batcher.appendAll(appends);
    return results;
  };
}

function decide(
  record: ConsumedRecord,
  tenantStatus: (tenantId: string, recordAt: number) => TenantStatus,
): { action: 'append'; record: AuditRecord } | BatchRecordResult {
  if (!isDomainTopic(record.topic)) return { action: 'fail', error: new MalformedEventError('record is not on a domain topic') };
  const parsed = decodeEvent(record.value, record.topic);
  if (!parsed.ok) return { action: 'fail', error: new MalformedEventError(parsed.error.message) };
  const status = tenantStatus(parsed.value.tenantId, Date.parse(parsed.value.occurredAt));
  if (status === 'unknown') return { action: 'fail', error: new UnknownTenantError() };
  if (status === 'pending') return { action: 'hold', retryAfterMs: PENDING_HOLD_MS };
  return { action: 'append', record: toAuditRecord(parsed.value, record) };
}
