import type { ReadTx } from '../verify/pg-audit-source.js';

/** What every command gets: a read-only database reader, output streams, Kafka brokers. */
export interface CliContext {
  read: ReadTx;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  kafkaBrokers: string[];
  /** The deployment's KAFKA_TOPIC_PREFIX (topic names on the broker = prefix + domain topic). */
  kafkaTopicPrefix?: string;
}

/** Exit codes: 0 clean, 1 verification found problems, 2 usage or runtime error. */
export const EXIT = { ok: 0, faults: 1, error: 2 } as const;

export function writeJsonLine(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}
