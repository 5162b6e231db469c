import { trainSectionSequenceModel, type SectionSequenceModel } from '@medicdraft/narrative';
import { loadFixtures, setOf, type FixtureSet } from './narrative-quality.js';

/** The sets the call-sequence model may learn from: every tuning set, never the holdout or untouched ones. */
export const isTrainingSet = (set: FixtureSet): boolean => set.startsWith('tuning');

/**
 * The model as the tuning fixtures give it (what train-section-model.ts writes and the floor test compares);
 * `without` leaves one set out, to measure the model on dictations it did not learn from.
 */
export function trainedSectionModel(without?: FixtureSet): SectionSequenceModel {
  const fixtures = loadFixtures().filter((f) => isTrainingSet(setOf(f)) && setOf(f) !== without);
  const sets = [...new Set(fixtures.map(setOf))].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  return trainSectionSequenceModel(
    fixtures.map((f) => f.sentences),
    sets,
  );
}
