/** CloudWatch Logs PutLogEvents limits (AWS API reference, PutLogEvents). */
export const PUT_LOG_EVENTS_LIMITS = {
  maxEvents: 10_000,
  /** Sum of UTF-8 message bytes + 26 bytes per event. */
  maxBytes: 1_048_576,
  perEventOverhead: 26,
  /** A batch may not span more than 24 hours. */
  maxSpanMs: 24 * 3_600_000,
  /** Events older than 14 days (or than the group's retention) are rejected. */
  maxAgeMs: 14 * 86_400_000,
} as const;

const DAY_MS = 86_400_000;

export interface LogEventInput {
  /** When the record was committed (ms since epoch). */
  recordedAt: number;
  message: string;
}

export interface LogEventBatch {
  logEvents: { timestamp: number; message: string }[];
  /** Timestamp of the batch's last event: the floor for the next batch of this stream. */
  lastTimestamp: number;
}

/**
 * Turns rows (in sequence order) into the longest prefix PutLogEvents accepts in one call:
 * timestamps are the recording times made non-decreasing from `lastTimestamp` (so the stream is in
 * time order, as the API requires within a batch) and raised to an age CloudWatch still accepts
 * (a backlog older than 14 days, or than the retention, would otherwise be rejected silently in
 * `rejectedLogEventsInfo` and the position would move past it); the prefix stays within the
 * event-count, byte and 24-hour-span limits. Always takes at least one row.
 */
export function toLogEventBatch(rows: readonly LogEventInput[], lastTimestamp: number, now: number, retentionDays: number): LogEventBatch {
  const floor = now - Math.min(PUT_LOG_EVENTS_LIMITS.maxAgeMs, retentionDays * DAY_MS) + DAY_MS / 24;
  const logEvents: LogEventBatch['logEvents'] = [];
  let last = lastTimestamp;
  let bytes = 0;
  for (const row of rows) {
    const timestamp = Math.max(last, row.recordedAt, floor);
    const size = Buffer.byteLength(row.message, 'utf8') + PUT_LOG_EVENTS_LIMITS.perEventOverhead;
    const first = logEvents[0];
    if (
      first &&
      (logEvents.length >= PUT_LOG_EVENTS_LIMITS.maxEvents ||
        bytes + size > PUT_LOG_EVENTS_LIMITS.maxBytes ||
        timestamp - first.timestamp >= PUT_LOG_EVENTS_LIMITS.maxSpanMs)
    )
      break;
    logEvents.push({ timestamp, message: row.message });
    bytes += size;
    last = timestamp;
  }
  return { logEvents, lastTimestamp: last };
}
