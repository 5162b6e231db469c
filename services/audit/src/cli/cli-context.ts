import type { KafkaSasl } from '@medicdraft/platform';
import type { RowStream } from '../rows/row-stream.port.js';
import type { ReadTx } from '../verify/pg-audit-source.js';
import type { CheckpointWitness } from '../witness/checkpoint-witness.js';

/** What every command gets: a read-only database reader, output streams, Kafka brokers. */
export interface CliContext {
  read: ReadTx;
  /** Streams the large reads (verify, replay): COPY on Postgres, a cursor over `read` elsewhere. */
  rows: RowStream;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
  kafkaBrokers: string[];
  /** The deployment's KAFKA_TOPIC_PREFIX (topic names on the broker = prefix + domain topic). */
  kafkaTopicPrefix?: string;
  /** The principal replay reads Kafka as (KAFKA_SASL_*), and whether to use TLS. */
  kafkaSasl?: KafkaSasl;
  kafkaSsl?: boolean;
  /** Where signed checkpoints are anchored outside Postgres (AUDIT_WITNESS_BUCKET); verify cross-checks it. */
  witness?: CheckpointWitness;
  /** AUDIT_UNANCHORED_MAX_MS: how old an unanchored record may be before verify reports `unanchored_tail`. */
  unanchoredMaxMs?: number;
  /** Runs one statement batch as the key-admin role (`keys add`); absent, that command is refused. */
  keyAdmin?: ReadTx;
  now?: () => number;
}

/** Exit codes: 0 clean, 1 verification found problems, 2 usage or runtime error. */
export const EXIT = { ok: 0, faults: 1, error: 2 } as const;

export function writeJsonLine(stream: NodeJS.WritableStream, value: unknown): void {
  stream.write(`${JSON.stringify(value)}\n`);
}
