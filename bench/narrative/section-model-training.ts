import { trainSectionSequenceModel, type SectionSequenceModel } from '@medicdraft/narrative';
import { loadFixtures, setOf, type FixtureSet } from './narrative-quality.js';

/** The sets the call-sequence model may learn from: every tuning set, never the holdout or untouched ones. */
export const TRAINING_SETS: readonly FixtureSet[] = [
  'tuning',
  'tuning2',
  'tuning3',
  'tuning4',
  'tuning5',
  'tuning6',
  'tuning7',
  'tuning8',
  'tuning9',
];

/**
 * The model as the tuning fixtures give it (what train-section-model.ts writes and the floor test compares);
 * `without` leaves one set out, to measure the model on dictations it did not learn from.
 */
export function trainedSectionModel(without?: FixtureSet): SectionSequenceModel {
  const sets = TRAINING_SETS.filter((s) => s !== without);
  const fixtures = loadFixtures().filter((f) => sets.includes(setOf(f)));
  return trainSectionSequenceModel(
    fixtures.map((f) => f.sentences),
    [...sets],
  );
}
