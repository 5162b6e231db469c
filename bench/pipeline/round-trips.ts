/** Round trips per dictation from the services' counters (pure; unit-tested in test/round-trips.unit.test.ts). */

/** What one service process counted (bench/pipeline/round-trip-preload.mjs). */
export interface RoundTripCounts {
  pgTransactions: number;
  pgStatements: number;
  kafkaSends: number;
  kafkaRecords: number;
  objectStoreCalls: number;
  kmsCalls: number;
  /** HealthScribe API calls (StartMedicalScribeJob, GetMedicalScribeJob, …): a job's status polls show here. */
  engineCalls: number;
  redisCommands: number;
}

export const COUNT_COLUMNS: readonly { key: keyof RoundTripCounts; label: string }[] = [
  { key: 'pgTransactions', label: 'pg transactions' },
  { key: 'pgStatements', label: 'pg statements (incl. BEGIN/COMMIT)' },
  { key: 'kafkaSends', label: 'Kafka sends' },
  { key: 'kafkaRecords', label: 'Kafka records' },
  { key: 'objectStoreCalls', label: 'S3 calls' },
  { key: 'kmsCalls', label: 'KMS calls' },
  { key: 'engineCalls', label: 'HealthScribe calls' },
  { key: 'redisCommands', label: 'Redis commands' },
];

export interface PerDictation {
  /** Per service: (after − before) ÷ dictations, all the window's round trips. */
  raw: Record<string, RoundTripCounts>;
  /** Per service: the same less the idle rate × the window's length (background work), floored at 0. */
  net: Record<string, RoundTripCounts>;
}

/**
 * Per-dictation round trips per service over a measured window. `idlePerSecond` is each service's
 * rate with no dictation in flight (idle polls, heartbeats), which runs during the window too.
 */
export function roundTripsPerDictation(input: {
  before: Readonly<Record<string, RoundTripCounts>>;
  after: Readonly<Record<string, RoundTripCounts>>;
  idlePerSecond: Readonly<Record<string, RoundTripCounts>>;
  seconds: number;
  dictations: number;
}): PerDictation {
  const raw: Record<string, RoundTripCounts> = {};
  const net: Record<string, RoundTripCounts> = {};
  for (const [service, after] of Object.entries(input.after)) {
    const before = input.before[service];
    const idle = input.idlePerSecond[service];
    const r = {} as RoundTripCounts;
    const n = {} as RoundTripCounts;
    for (const { key } of COUNT_COLUMNS) {
      const window = after[key] - (before?.[key] ?? 0);
      r[key] = window / input.dictations;
      n[key] = Math.max(0, window - (idle?.[key] ?? 0) * input.seconds) / input.dictations;
    }
    raw[service] = r;
    net[service] = n;
  }
  return { raw, net };
}

/** Rows service × counter (plus a total row) for a markdown table. */
export function roundTripRows(per: Readonly<Record<string, RoundTripCounts>>): (string | number)[][] {
  const services = Object.keys(per).sort();
  const rows: (string | number)[][] = services.map((s) => [s, ...COUNT_COLUMNS.map(({ key }) => per[s]![key])]);
  rows.push(['total', ...COUNT_COLUMNS.map(({ key }) => services.reduce((sum, s) => sum + per[s]![key], 0))]);
  return rows;
}
