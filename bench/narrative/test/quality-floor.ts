import { expect } from 'vitest';
import type { QualityReport } from '../narrative-quality.js';

/** The figures a set of fixtures must reach (rates as fractions); a figure left out is not checked. */
export interface QualityFloor {
  sectionAccuracy?: number;
  missingAccuracy?: number;
  treatmentRecall?: number;
  promptPrecision?: number;
  promptRecall?: number;
  exactFixtures?: number;
  factsLost?: number;
  retractedShown?: number;
  correctionsNoted?: number;
  correctionsMissed?: number;
}

/** Fails the test on the first figure of `r` below (or, for losses, above) its floor. */
export function expectFloorHeld(r: QualityReport, floor: QualityFloor): void {
  const atLeast = (name: string, value: number, min: number | undefined) => {
    if (min !== undefined) expect(value, name).toBeGreaterThanOrEqual(min);
  };
  const atMost = (name: string, value: number, max: number | undefined) => {
    if (max !== undefined) expect(value, name).toBeLessThanOrEqual(max);
  };
  atLeast('sections', r.sectionAccuracy, floor.sectionAccuracy);
  atLeast('element decisions', r.missing.accuracy, floor.missingAccuracy);
  atLeast('Treatment recall', r.treatment.recall, floor.treatmentRecall);
  atLeast('prompt precision', r.missing.precision, floor.promptPrecision);
  atLeast('prompt recall', r.missing.recall, floor.promptRecall);
  atLeast('exactly the expected prompts', r.missing.exactFixtures, floor.exactFixtures);
  atMost('facts lost', r.facts.lost, floor.factsLost);
  atMost('retracted values shown', r.facts.retractedShown, floor.retractedShown);
  atLeast('corrections noted', r.corrections.noted, floor.correctionsNoted);
  atMost('corrections missed', r.corrections.expected - r.corrections.noted, floor.correctionsMissed);
}
