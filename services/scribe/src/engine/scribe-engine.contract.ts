import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ScribeEngine, ScribeJobSpec, ScribeJobStatus } from './scribe-engine.port.js';

/** What the contract needs from an adapter's test set-up. */
export interface ScribeEngineHarness {
  engine: ScribeEngine;
  /**
   * Stores a dictation input the engine can read, saying `text` (synthetic text for the synthetic
   * engine, audio the emulator will "hear" as `text` for HealthScribe), under a fresh job name.
   */
  dictation(text: string): Promise<ScribeJobSpec>;
  close(): Promise<void>;
}

const TEXT = 'Dispatched for a fall. Patient is alert. Transported to Mercy.';

/**
 * The ScribeEngine port's contract (scribe-engine.port.ts), run against every engine: a started
 * job reaches `completed` with both documents, `start` is idempotent on the job name, a finished
 * job keeps its answer, and the quota is unlimited or a positive count.
 */
export function describeScribeEngineContract(label: string, createHarness: () => Promise<ScribeEngineHarness>): void {
  describe(`ScribeEngine contract: ${label}`, () => {
    let h: ScribeEngineHarness;
    beforeAll(async () => {
      h = await createHarness();
    });
    afterAll(async () => {
      await h?.close();
    });

    /** Polls `status` until the job has finished, as the job runner does. */
    const finished = (spec: ScribeJobSpec) =>
      vi.waitFor(
        async () => {
          const status = await h.engine.status(spec);
          expect(status.state === 'completed' || status.state === 'failed', `still ${status.state}`).toBe(true);
          return status;
        },
        { timeout: 15_000, interval: 20 },
      );

    const documentsOf = async (status: ScribeJobStatus) => {
      if (status.state !== 'completed') throw new Error(`job ended ${status.state}`);
      return status.documents();
    };

    it('names itself and reports an unlimited or positive quota', () => {
      expect(['synthetic', 'healthscribe']).toContain(h.engine.name);
      if (h.engine.quota !== null) expect(h.engine.quota).toBeGreaterThan(0);
      if (h.engine.quota !== null) expect(Number.isInteger(h.engine.quota)).toBe(true);
    });

    it('a started job completes with a transcript and a clinical document drawn from the input', async () => {
      const spec = await h.dictation(TEXT);
      await h.engine.start(spec);
      const documents = await documentsOf(await finished(spec));
      expect(documents.transcript).toEqual(expect.any(Object));
      expect(documents.clinicalDocument).toEqual(expect.any(Object));
      for (const sentence of TEXT.split(/(?<=\.) /)) expect(JSON.stringify(documents.transcript)).toContain(sentence);
    });

    it('start is idempotent on the job name: starting again adopts the job, which completes once with the same documents', async () => {
      const spec = await h.dictation(TEXT);
      await h.engine.start(spec);
      await h.engine.start(spec);
      const first = await documentsOf(await finished(spec));
      await h.engine.start(spec);
      expect(await documentsOf(await finished(spec))).toEqual(first);
    });

    it('jobs of different dictations do not see each other', async () => {
      const a = await h.dictation('Patient A is alert.');
      const b = await h.dictation('Patient B complains of chest pain.');
      await Promise.all([h.engine.start(a), h.engine.start(b)]);
      const [da, db] = [await documentsOf(await finished(a)), await documentsOf(await finished(b))];
      expect(JSON.stringify(da.transcript)).toContain('Patient A is alert.');
      expect(JSON.stringify(da.transcript)).not.toContain('chest pain');
      expect(JSON.stringify(db.transcript)).toContain('Patient B complains of chest pain.');
    });
  });
}
