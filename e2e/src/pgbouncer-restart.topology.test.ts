import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  expectEachOnce,
  processTails,
  stackCommand,
  startLoad,
  startPipelineDrill,
  unexpectedRefusals,
  type PipelineDrill,
} from './topology-drill.js';

const TARGET = 120;
const WINDOW = 12;
/**
 * How intake may refuse while the pooler is away: it cannot record (503 dependency_unavailable);
 * audit cannot append either, so the heartbeat's lag may halt the pipeline as well.
 */
const FAIL_CLOSED = ['503 dependency_unavailable', '503 pipeline_halted'];
const accepted = (p: PipelineDrill) => p.answers.filter((a) => a.status === 201).length;

/**
 * PgBouncer in transaction pooling mode restarted mid-load (docs/operations.md, "Connection
 * pooling"). Every service's DATABASE_URL goes through the pooler (stack-env.ts); only LISTEN uses
 * Postgres directly. The pooler is stopped (its clients lose their connections at once, as in a
 * crash) while dictations flow and started again: intake refuses while it is away, and afterwards
 * every accepted dictation was processed exactly once and the audit chain verifies.
 */
describe('drill: restart PgBouncer while dictations flow', () => {
  let p: PipelineDrill;

  beforeAll(async () => {
    p = await startPipelineDrill('pooler');
  });

  afterAll(async () => {
    await stackCommand('up').catch(() => undefined);
    await p?.drill.close();
  });

  it('loses nothing, repeats nothing, and every service rides it out', { timeout: 600_000 }, async () => {
    const load = startLoad(p, TARGET, WINDOW);
    await vi.waitFor(() => expect(accepted(p)).toBeGreaterThanOrEqual(TARGET / 3), { timeout: 300_000, interval: 100 });
    const before = p.answers.length;
    await stackCommand('stop', 'pgbouncer');
    const stoppedAt = Date.now();
    // Intake refuses while the pooler is away: three refusals after the stop.
    await p.postUntil((answers) => answers.slice(before).filter((a) => a.sentAt > stoppedAt && a.status === 503).length >= 3, 60_000);
    await stackCommand('up');
    await load.finished;
    await expectEachOnce(p);
    expect(unexpectedRefusals(p.answers, FAIL_CLOSED), processTails(p.drill)).toEqual([]);
    const refused = p.answers.filter((a) => a.status !== 201).length;
    console.info(`[pooler] ${JSON.stringify({ accepted: accepted(p), refused })}`);
  });
});
