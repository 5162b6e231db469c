/**
 * Narrative quality bench: runs every fixture through the synthetic engine and the DRAATT
 * composer and reports per-section precision/recall and missing-element accuracy.
 *
 *   npm run bench:narrative [-- --json]
 *
 * No stack needed. Writes bench/results/narrative-<timestamp>.{json,md}. See bench/README.md.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { evaluate, loadFixtures, markdownReport, setOf } from './narrative-quality.js';

const { values: args } = parseArgs({ options: { json: { type: 'boolean' }, 'out-dir': { type: 'string' } } });
const fixtures = loadFixtures();
const report = evaluate(fixtures);
const tuning = evaluate(fixtures.filter((f) => setOf(f) === 'tuning'));
const tuning2 = evaluate(fixtures.filter((f) => setOf(f) === 'tuning2'));
const tuning3 = evaluate(fixtures.filter((f) => setOf(f) === 'tuning3'));
const holdout = evaluate(fixtures.filter((f) => setOf(f) === 'holdout'));
const untouched = evaluate(fixtures.filter((f) => setOf(f) === 'untouched'));
const summary = (r: typeof report) => markdownReport(r).split('\n\n| Fixture')[0];
const markdown = [
  `## Untouched fixtures, labelled before the rules were changed, never tuned against (${untouched.fixtures})\n\n${markdownReport(untouched)}`,
  `## Holdout fixtures, never tuned against (${holdout.fixtures})\n\n${markdownReport(holdout)}`,
  `## Tuning fixtures, third set (${tuning3.fixtures})\n\n${markdownReport(tuning3)}`,
  `## Tuning fixtures, second set (${tuning2.fixtures})\n\n${markdownReport(tuning2)}`,
  `## Tuning fixtures (${tuning.fixtures})\n\n${markdownReport(tuning)}`,
  `## All fixtures (${report.fixtures})\n\n${summary(report)}`,
].join('\n\n');
const outDir = args['out-dir'] ?? process.env.BENCH_NARRATIVE_OUT_DIR ?? join(import.meta.dirname, '..', 'results');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
mkdirSync(outDir, { recursive: true });
writeFileSync(
  join(outDir, `narrative-${stamp}.json`),
  `${JSON.stringify({ all: report, tuning, tuning2, tuning3, holdout, untouched }, null, 2)}\n`,
);
writeFileSync(join(outDir, `narrative-${stamp}.md`), `${markdown}\n`);
process.stdout.write(
  args.json ? `${JSON.stringify({ all: report, tuning, tuning2, tuning3, holdout, untouched }, null, 2)}\n` : `${markdown}\n`,
);
