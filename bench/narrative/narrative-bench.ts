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
import { evaluate, loadFixtures, markdownReport } from './narrative-quality.js';

const { values: args } = parseArgs({ options: { json: { type: 'boolean' }, 'out-dir': { type: 'string' } } });
const fixtures = loadFixtures();
const report = evaluate(fixtures);
const holdout = evaluate(fixtures.filter((f) => f.set === 'holdout'));
const tuning = evaluate(fixtures.filter((f) => f.set !== 'holdout'));
const markdown = [
  `## All fixtures\n\n${markdownReport(report)}`,
  `## Fixtures visible while the rules were written (${tuning.fixtures})\n\n${markdownReport(tuning).split('\n\n| Fixture')[0]}`,
  `## Holdout fixtures, never tuned against (${holdout.fixtures})\n\n${markdownReport(holdout).split('\n\n| Fixture')[0]}`,
].join('\n\n');
const outDir = args['out-dir'] ?? process.env.BENCH_NARRATIVE_OUT_DIR ?? join(import.meta.dirname, '..', 'results');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, `narrative-${stamp}.json`), `${JSON.stringify({ all: report, tuning, holdout }, null, 2)}\n`);
writeFileSync(join(outDir, `narrative-${stamp}.md`), `${markdown}\n`);
process.stdout.write(args.json ? `${JSON.stringify({ all: report, tuning, holdout }, null, 2)}\n` : `${markdown}\n`);
