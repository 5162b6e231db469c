import { decodeEvent, isDomainTopic } from '@medicdraft/contracts';
import { MalformedEventError, type ConsumedRecord, type HandleResult } from '@medicdraft/platform';
import type { AuditBatcher } from './audit-batcher.js';
import { toAuditRecord } from './audit-record.js';

/**
 * Handles one record of a domain topic: validate, then wait until its batch is durably in the
 * tenant's chain. A record that is not a valid event of its topic goes to the dead-letter topic
 * with the contract error (never its content); a database failure rejects, which the bus treats
 * as transient: the partition is held and retried and nothing is skipped.
 */
export function createAuditHandler(batcher: AuditBatcher): (record: ConsumedRecord) => Promise<HandleResult> {
  return async (record) => {
    if (!isDomainTopic(record.topic)) throw new MalformedEventError('record is not on a domain topic');
    const parsed = decodeEvent(record.value, record.topic);
    if (!parsed.ok) throw new MalformedEventError(parsed.error.message);
    await batcher.append(toAuditRecord(parsed.value, record));
    return { action: 'done' };
  };
}
