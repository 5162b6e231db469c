/**
 * Narrative quality bench: runs every fixture through the synthetic engine and the DRAATT
 * composer and reports per-section precision/recall and missing-element accuracy.
 *
 *   npm run bench:narrative [-- --json]
 *
 * No stack needed. Writes bench/results/narrative-<timestamp>.{json,md}. See bench/README.md.
 * The untouched set is reported in aggregate only (no per-fixture table, no outcomes in the
 * JSON), so nobody tuning the rules sees which of its dictations fail or why.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { trainedSectionModel } from './section-model-training.js';
import { evaluate, loadFixtures, markdownReport, setOf, type FixtureSet, type QualityReport } from './narrative-quality.js';

const { values: args } = parseArgs({ options: { json: { type: 'boolean' }, 'out-dir': { type: 'string' } } });
const fixtures = loadFixtures();
const ofSet = (set: FixtureSet) => evaluate(fixtures.filter((f) => setOf(f) === set));
const aggregate = ({ outcomes: _outcomes, ...figures }: QualityReport) => figures;
const report = evaluate(fixtures);
const sets = {
  tuning: ofSet('tuning'),
  tuning2: ofSet('tuning2'),
  tuning3: ofSet('tuning3'),
  tuning4: ofSet('tuning4'),
  tuning5: ofSet('tuning5'),
  tuning6: ofSet('tuning6'),
  tuning7: ofSet('tuning7'),
  tuning8: ofSet('tuning8'),
  tuning9: ofSet('tuning9'),
  tuning10: ofSet('tuning10'),
  tuning11: ofSet('tuning11'),
  tuning12: ofSet('tuning12'),
  tuning13: ofSet('tuning13'),
  tuning14: ofSet('tuning14'),
  tuning15: ofSet('tuning15'),
  holdout: ofSet('holdout'),
};
const untouched = ofSet('untouched');
// The call-sequence model learns from the tuning sets; each retired untouched set measured again with a model
// counted without it says how the model does on dictations it has not seen (the rules were tuned on all but tuning9).
const heldOut = (['tuning7', 'tuning8', 'tuning9', 'tuning10', 'tuning11', 'tuning12', 'tuning13', 'tuning14', 'tuning15'] as const).map(
  (set) => ({
    set,
    report: evaluate(
      fixtures.filter((f) => setOf(f) === set),
      trainedSectionModel(set),
    ),
  }),
);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const headline = (r: QualityReport) =>
  `${r.fixtures} dictations, sentence→section ${pct(r.sectionAccuracy)}, Treatment recall ${pct(r.treatment.recall)}, ` +
  `prompt precision ${pct(r.missing.precision)} at recall ${pct(r.missing.recall)}, ` +
  `exactly the expected prompts ${r.missing.exactFixtures}/${r.fixtures}`;
const summary = (r: QualityReport) => markdownReport(r).split('\n\n| Fixture')[0];
const markdown = [
  `## Untouched fixtures, labelled before the rules were changed, never tuned against (${untouched.fixtures}): aggregate only`,
  summary(untouched),
  '## Call-sequence model left out of training: each retired untouched set placed by a model counted without it',
  heldOut.map(({ set, report: r }) => `- ${set}: ${headline(r)}`).join('\n'),
  `## Holdout fixtures, never tuned against (${sets.holdout.fixtures})\n\n${markdownReport(sets.holdout)}`,
  `## Tuning fixtures, fifteenth set: the tenth untouched set, retired to tuning (${sets.tuning15.fixtures})`,
  markdownReport(sets.tuning15),
  `## Tuning fixtures, fourteenth set: the ninth untouched set, retired to tuning (${sets.tuning14.fixtures})`,
  markdownReport(sets.tuning14),
  `## Tuning fixtures, thirteenth set: the eighth untouched set, retired to tuning (${sets.tuning13.fixtures})`,
  markdownReport(sets.tuning13),
  `## Tuning fixtures, twelfth set: the seventh untouched set, retired to tuning (${sets.tuning12.fixtures})`,
  markdownReport(sets.tuning12),
  `## Tuning fixtures, eleventh set: the sixth untouched set, retired to tuning (${sets.tuning11.fixtures})`,
  markdownReport(sets.tuning11),
  `## Tuning fixtures, tenth set: the fifth untouched set, retired to tuning (${sets.tuning10.fixtures})`,
  markdownReport(sets.tuning10),
  `## Tuning fixtures, ninth set: the fourth untouched set, retired to tuning (${sets.tuning9.fixtures})`,
  markdownReport(sets.tuning9),
  `## Tuning fixtures, eighth set: the third untouched set, retired to tuning (${sets.tuning8.fixtures})`,
  markdownReport(sets.tuning8),
  `## Tuning fixtures, seventh set: the second untouched set, retired to tuning (${sets.tuning7.fixtures})`,
  markdownReport(sets.tuning7),
  `## Tuning fixtures, sixth set: the first untouched set, retired to tuning (${sets.tuning6.fixtures})\n\n${markdownReport(sets.tuning6)}`,
  `## Tuning fixtures, fifth set (${sets.tuning5.fixtures})\n\n${markdownReport(sets.tuning5)}`,
  `## Tuning fixtures, fourth set (${sets.tuning4.fixtures})\n\n${markdownReport(sets.tuning4)}`,
  `## Tuning fixtures, third set (${sets.tuning3.fixtures})\n\n${markdownReport(sets.tuning3)}`,
  `## Tuning fixtures, second set (${sets.tuning2.fixtures})\n\n${markdownReport(sets.tuning2)}`,
  `## Tuning fixtures (${sets.tuning.fixtures})\n\n${markdownReport(sets.tuning)}`,
  `## All fixtures (${report.fixtures})\n\n${summary(report)}`,
].join('\n\n');
const json = `${JSON.stringify(
  {
    all: aggregate(report),
    ...sets,
    untouched: aggregate(untouched),
    heldOutModel: Object.fromEntries(heldOut.map((h) => [h.set, aggregate(h.report)])),
  },
  null,
  2,
)}\n`;
const outDir = args['out-dir'] ?? process.env.BENCH_NARRATIVE_OUT_DIR ?? join(import.meta.dirname, '..', 'results');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `narrative-${stamp}.json`), json);
writeFileSync(join(outDir, `narrative-${stamp}.md`), `${markdown}\n`);
process.stdout.write(args.json ? json : `${markdown}\n`);
