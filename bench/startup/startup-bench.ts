/**
 * Start-up benchmark: how long a program takes before it does anything, measured as the median
 * wall time of fresh `node` processes, beside the ceiling of a bare `node -e 0` in the same run.
 *
 *   npm run build && npm run bench:startup -- [--runs 15]
 *
 * Rows: `medicdraft-audit --help`, and importing each `@medicdraft/platform` entry point on its own
 * (what a program pays for the adapters it names). Needs only the built `dist`; no stack.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { runs: { type: 'string' }, help: { type: 'boolean' } } });
if (args.help) {
  console.log('Usage: npm run bench:startup -- [--runs N]   (fresh node processes per row, default 15)');
  process.exit(0);
}
const runs = Number(args.runs ?? 15);
if (!Number.isInteger(runs) || runs < 3) throw new Error('--runs must be an integer >= 3');
const repo = process.env.BENCH_REPO ?? join(import.meta.dirname, '..', '..');

const importOf = (specifier: string) => ['--input-type=module', '-e', `await import(${JSON.stringify(specifier)})`];
const rows: { name: string; argv: string[] }[] = [
  { name: 'node -e 0 (ceiling)', argv: ['-e', '0'] },
  { name: 'medicdraft-audit --help', argv: [join(repo, 'services/audit/bin/medicdraft-audit.js'), '--help'] },
  ...(process.env.BENCH_REPO ? [''] : ['', '/http', '/kafka', '/pg', '/pglite', '/s3', '/kms', '/redis']).map((sub) => ({
    name: `import @medicdraft/platform${sub}`,
    argv: importOf(`@medicdraft/platform${sub}`),
  })),
];

function millis(argv: string[]): number {
  const start = process.hrtime.bigint();
  const r = spawnSync(process.execPath, argv, { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  if (r.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${r.status}: ${r.stderr.toString()}`);
  return Number(process.hrtime.bigint() - start) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// Interleaved rounds, so a load spike on the box hits every row alike.
const samples = rows.map(() => [] as number[]);
for (let round = 0; round < runs; round++) {
  rows.forEach((row, i) => samples[i]?.push(millis(row.argv)));
  process.stderr.write(`\rround ${round + 1}/${runs}`);
}
process.stderr.write('\n');
const ceiling = median(samples[0] ?? []);
console.log(`${cpus().length} cores, load ${loadavg()[0]?.toFixed(1)}, ${runs} runs per row, median wall time\n`);
console.log('| program | median ms | × bare node |\n|---|---:|---:|');
rows.forEach((row, i) => {
  const m = median(samples[i] ?? []);
  console.log(`| ${row.name} | ${m.toFixed(0)} | ${(m / ceiling).toFixed(2)} |`);
});
