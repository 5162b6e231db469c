/**
 * Counts the narrative engine's call-sequence model (services/narrative/src/compose/section-sequence.ts)
 * from the labelled tuning dictations and writes it next to the code. Only the tuning sets: the
 * holdout and untouched sets measure the engine and are never trained on.
 *
 *   npm run bench:narrative:train
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { trainedSectionModel } from './section-model-training.js';

const target = fileURLToPath(new URL('../../services/narrative/src/compose/section-sequence-model.json', import.meta.url));
const model = trainedSectionModel();
writeFileSync(target, `${JSON.stringify(model)}\n`);
process.stdout.write(
  `section sequence model: ${model.trainedOn.dictations} dictations, ${model.trainedOn.sentences} sentences ` +
    `(${model.trainedOn.sets.join(', ')}), ${model.vocabulary} features → ${target}\n`,
);
