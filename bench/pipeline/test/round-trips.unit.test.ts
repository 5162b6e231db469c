import { describe, expect, it } from 'vitest';
import { roundTripRows, roundTripsPerDictation, type RoundTripCounts } from '../round-trips.js';

const counts = (pgTransactions: number, pgStatements: number, kafkaSends = 0): RoundTripCounts => ({
  pgTransactions,
  pgStatements,
  kafkaSends,
  kafkaRecords: kafkaSends,
  objectStoreCalls: 0,
  kmsCalls: 0,
  engineCalls: 0,
  redisCommands: 0,
});

describe('round trips per dictation', () => {
  it('divides the window by the dictations and subtracts the idle rate over its length', () => {
    const per = roundTripsPerDictation({
      before: { scribe: counts(100, 400), ingest: counts(10, 40) },
      after: { scribe: counts(160, 640, 20), ingest: counts(30, 100, 10) },
      idlePerSecond: { scribe: counts(2, 8), ingest: counts(0, 0) },
      seconds: 10,
      dictations: 10,
    });
    expect(per.raw['scribe']).toMatchObject({ pgTransactions: 6, pgStatements: 24, kafkaSends: 2 });
    expect(per.net['scribe']).toMatchObject({ pgTransactions: 4, pgStatements: 16, kafkaSends: 2 });
    expect(per.net['ingest']).toMatchObject({ pgTransactions: 2, pgStatements: 6, kafkaSends: 1 });
  });

  it('never reports a negative net count when background work was busier than in the idle window', () => {
    const per = roundTripsPerDictation({
      before: { audit: counts(0, 0) },
      after: { audit: counts(5, 5) },
      idlePerSecond: { audit: counts(1, 1) },
      seconds: 10,
      dictations: 1,
    });
    expect(per.net['audit']).toMatchObject({ pgTransactions: 0, pgStatements: 0 });
  });

  it('adds a total row over the services', () => {
    const rows = roundTripRows({ b: counts(2, 8), a: counts(1, 4, 1) });
    expect(rows.map((r) => r[0])).toEqual(['a', 'b', 'total']);
    expect(rows[2]!.slice(1, 4)).toEqual([3, 12, 1]);
  });
});
