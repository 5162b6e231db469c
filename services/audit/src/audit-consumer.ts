import { decodeEvent, isDomainTopic } from '@medicdraft/contracts';
import { MalformedEventError, type ConsumedRecord, type Database, type HandleResult, type Logger } from '@medicdraft/platform';
import { toAuditRecord } from './audit-record.js';
import { appendAuditRecords } from './audit-store.js';

/**
 * Handles one record of a domain topic: validate, append once. A record that is not a valid event
 * of its topic goes to the dead-letter topic with the contract error (never its content); a
 * database failure is transient, so the partition is held and retried and nothing is skipped.
 */
export function createAuditHandler(db: Database, logger: Logger): (record: ConsumedRecord) => Promise<HandleResult> {
  return async (record) => {
    if (!isDomainTopic(record.topic)) throw new MalformedEventError('record is not on a domain topic');
    const parsed = decodeEvent(record.value, record.topic);
    if (!parsed.ok) throw new MalformedEventError(parsed.error.message);
    const inserted = await appendAuditRecords(db, parsed.value.tenantId, [toAuditRecord(parsed.value, record)]);
    if (inserted === 0) logger.debug({ eventId: parsed.value.id, topic: record.topic }, 'duplicate event ignored');
    return { action: 'done' };
  };
}
