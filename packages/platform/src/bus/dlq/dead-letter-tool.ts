import { randomUUID } from 'node:crypto';
import { dlqTopic, type ConsumedRecord, type EventBus, type OutgoingRecord } from '../event-bus.port.js';

/** One dead letter as an operator sees it: where it came from and why, never its value. */
export interface DeadLetterSummary {
  /** Offset in `dlq.<group>` (partition 0: dead-letter topics have one partition). */
  offset: string;
  reason: string;
  /** `x-error-message`: PHI-free by contract (an AppError's message or a class name). */
  message: string;
  originalTopic: string;
  originalPartition: string;
  originalOffset: string;
  /** The event's id, type and tenant when the value is an event envelope; ids only. */
  eventId: string | undefined;
  eventType: string | undefined;
  tenantId: string | undefined;
}

export interface DeadLetter {
  summary: DeadLetterSummary;
  record: ConsumedRecord;
}

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Reads only three envelope fields, and only when they look like ids: nothing else of the value leaves. */
function envelopeIds(value: string): Pick<DeadLetterSummary, 'eventId' | 'eventType' | 'tenantId'> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return { eventId: undefined, eventType: undefined, tenantId: undefined };
  }
  const field = (name: string) => {
    const v = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)[name] : undefined;
    return typeof v === 'string' && ID.test(v) ? v : undefined;
  };
  return { eventId: field('id'), eventType: field('type'), tenantId: field('tenantId') };
}

function summaryOf(record: ConsumedRecord): DeadLetterSummary {
  const h = record.headers;
  return {
    offset: record.offset,
    reason: h['x-error-code'] ?? 'unknown',
    message: h['x-error-message'] ?? '',
    originalTopic: h['x-original-topic'] ?? '',
    originalPartition: h['x-original-partition'] ?? '',
    originalOffset: h['x-original-offset'] ?? '',
    ...envelopeIds(record.value),
  };
}

/**
 * Every record now in `dlq.<group>`, read from the beginning by a throw-away consumer group
 * (`dlq-inspect.<random>`) until its lag is 0, so reading never moves any service's offsets.
 */
export async function readDeadLetters(bus: EventBus, group: string, opts: { timeoutMs?: number } = {}): Promise<DeadLetter[]> {
  const topic = dlqTopic(group);
  const reader = `dlq-inspect.${randomUUID()}`;
  const seen: DeadLetter[] = [];
  const subscription = await bus.subscribe({
    groupId: reader,
    topics: [topic],
    fromBeginning: true,
    handler: async (record) => {
      seen.push({ summary: summaryOf(record), record });
      return { action: 'done' };
    },
  });
  try {
    const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
    for (;;) {
      const lag = (await bus.consumerLag()).find((l) => l.group === reader && l.topic === topic)?.lag;
      if (lag === 0) break;
      if (Date.now() > deadline) throw new Error(`reading ${topic} did not finish within the timeout`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    await subscription.close();
  }
  return seen.sort((a, b) => (BigInt(a.record.offset) < BigInt(b.record.offset) ? -1 : 1));
}

/**
 * Publishes dead letters back to their original topic, with their original key and value and
 * without the error headers (`x-redriven-from` says where they were). Safe to repeat: the value is
 * the original event with its id, and every consumer dedupes on event ids; one that still fails
 * is dead-lettered again.
 */
export async function redriveDeadLetters(bus: EventBus, group: string, letters: readonly DeadLetter[]): Promise<number> {
  const out: OutgoingRecord[] = letters
    .filter((l) => l.summary.originalTopic !== '')
    .map(({ record, summary }) => {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(record.headers)) if (!k.startsWith('x-error-') && !k.startsWith('x-original-')) headers[k] = v;
      headers['x-redriven-from'] = `${dlqTopic(group)}@${record.offset}`;
      return { topic: summary.originalTopic, key: record.key ?? '', value: record.value, headers };
    });
  await bus.publish(out);
  return out.length;
}

/** One line per dead letter for a terminal: ids, reason and origin only. */
export function formatDeadLetter(s: DeadLetterSummary): string {
  return [
    `offset=${s.offset}`,
    `reason=${s.reason}`,
    `from=${s.originalTopic}/${s.originalPartition}@${s.originalOffset}`,
    `event=${s.eventType ?? '-'}:${s.eventId ?? '-'}`,
    `tenant=${s.tenantId ?? '-'}`,
    `message=${JSON.stringify(s.message)}`,
  ].join(' ');
}
