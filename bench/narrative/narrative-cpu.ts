/**
 * CPU cost of one text dictation, stage by stage, on the narrative bench's own path: the synthetic
 * engine (what the scribe runs), the parse of its transcript and clinical document, and the DRAATT
 * composer (what the narrative service runs). Each stage runs over every fixture but the untouched
 * set, in rounds; the figure is the median over rounds of process CPU time (user + system,
 * `process.cpuUsage`) per dictation, so other work on the box does not count as it would in wall clock.
 *
 *   node --conditions=development --import tsx bench/narrative/narrative-cpu.ts [options]   (--help)
 *
 * The service reads the scribe's documents back as bytes, so the parse is also measured from JSON
 * bytes (the `*-bytes` stages; not part of the bench-path total). `--digest` prints a hash of every
 * output instead, to show that a change to the code left the outputs as they were.
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { BUILTIN_TEMPLATES, composeNarrative } from '@medicdraft/narrative';
import { loadFixtures, setOf } from './narrative-quality.js';

const HELP = `Usage: node --conditions=development --import tsx bench/narrative/narrative-cpu.ts [options]
  --rounds N      measured rounds; the figure is their median          (7)
  --passes N      passes over the fixtures in each round               (1)
  --warmup N      unmeasured passes first, so the JIT has settled      (2)
  --only TEXT     only the fixtures whose id contains TEXT
  --digest        print a sha256 of every stage's output for every fixture, and nothing else
  --json          print the figures as JSON instead of a table
Progress goes to stderr. Profile with: node --cpu-prof --conditions=development --import tsx <this file> --rounds 3`;

const { values: args } = parseArgs({
  options: {
    rounds: { type: 'string' },
    passes: { type: 'string' },
    warmup: { type: 'string' },
    only: { type: 'string' },
    digest: { type: 'boolean' },
    json: { type: 'boolean' },
    help: { type: 'boolean' },
  },
});
if (args.help) {
  console.log(HELP);
  process.exit(0);
}
function int(flag: 'rounds' | 'passes' | 'warmup', fallback: number, min: number): number {
  const raw = args[flag];
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`--${flag} must be an integer >= ${min}, got "${raw}"`);
  return v;
}
const rounds = int('rounds', 7, 1);
const passes = int('passes', 1, 1);
const warmup = int('warmup', 2, 0);

const sources = loadFixtures()
  .filter((f) => setOf(f) !== 'untouched' && (args.only === undefined || f.id.includes(args.only)))
  .map((f) => f.dictation ?? f.sentences.map(([, s]) => s).join(' '));
if (sources.length === 0) throw new Error('no fixture matches');

const template = { version: 1, definition: BUILTIN_TEMPLATES.DRAATT };
type Raw = ReturnType<typeof createSyntheticDocuments>;
type Parsed = { transcript: ReturnType<typeof parseTranscript>; clinicalDocument: ReturnType<typeof parseClinicalDocument> };
const raws: Raw[] = sources.map((s) => createSyntheticDocuments(s));
const parsed: Parsed[] = raws.map((r) => ({
  transcript: parseTranscript(r.transcript),
  clinicalDocument: parseClinicalDocument(r.clinicalDocument),
}));
const bytes = raws.map((r) => ({
  transcript: Buffer.from(JSON.stringify(r.transcript)),
  clinicalDocument: Buffer.from(JSON.stringify(r.clinicalDocument)),
}));

if (args.digest) {
  // Every output of every stage, in fixture order: one changed character anywhere changes the hash.
  const hash = createHash('sha256');
  sources.forEach((_, i) => {
    const p = parsed[i]!;
    hash.update(JSON.stringify(raws[i]));
    hash.update(JSON.stringify(p));
    hash.update(JSON.stringify(parseTranscript(bytes[i]!.transcript)));
    hash.update(JSON.stringify(parseClinicalDocument(bytes[i]!.clinicalDocument)));
    hash.update(JSON.stringify(composeNarrative(p, template)));
  });
  process.stdout.write(`${sources.length} dictations sha256 ${hash.digest('hex')}\n`);
  process.exit(0);
}

/** Each stage runs over every dictation; results are kept in a sink so no call is optimised away. */
const STAGES: Array<{ name: string; benchPath: boolean; run: (i: number) => unknown }> = [
  { name: 'synthetic', benchPath: true, run: (i) => createSyntheticDocuments(sources[i]!) },
  { name: 'parse-transcript', benchPath: true, run: (i) => parseTranscript(raws[i]!.transcript) },
  { name: 'parse-clinical', benchPath: true, run: (i) => parseClinicalDocument(raws[i]!.clinicalDocument) },
  { name: 'compose', benchPath: true, run: (i) => composeNarrative(parsed[i]!, template) },
  { name: 'parse-transcript-bytes', benchPath: false, run: (i) => parseTranscript(bytes[i]!.transcript) },
  { name: 'parse-clinical-bytes', benchPath: false, run: (i) => parseClinicalDocument(bytes[i]!.clinicalDocument) },
];
let sink = 0;
function cpuMicrosPerDictation(run: (i: number) => unknown, times: number): number {
  const start = process.cpuUsage();
  for (let p = 0; p < times; p++) for (let i = 0; i < sources.length; i++) if (run(i) !== undefined) sink++;
  const used = process.cpuUsage(start);
  return (used.user + used.system) / (times * sources.length);
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const samples = new Map(STAGES.map((s) => [s.name, [] as number[]]));
if (warmup > 0) {
  process.stderr.write(`warming up: ${warmup} pass(es) over ${sources.length} dictations\n`);
  for (const s of STAGES) cpuMicrosPerDictation(s.run, warmup);
}
for (let r = 1; r <= rounds; r++) {
  for (const s of STAGES) samples.get(s.name)!.push(cpuMicrosPerDictation(s.run, passes));
  process.stderr.write(
    `round ${r}/${rounds}: ${STAGES.map((s) => `${s.name} ${samples.get(s.name)!.at(-1)!.toFixed(0)}`).join(', ')} µs\n`,
  );
}
const figures = STAGES.map((s) => ({ stage: s.name, benchPath: s.benchPath, cpuMicros: median(samples.get(s.name)!) }));
const total = figures.filter((f) => f.benchPath).reduce((n, f) => n + f.cpuMicros, 0);
if (args.json) {
  process.stdout.write(
    `${JSON.stringify({ dictations: sources.length, rounds, passes, stages: figures, benchPathTotal: total, sink }, null, 2)}\n`,
  );
} else {
  const rows = figures.map((f) => `| ${f.stage}${f.benchPath ? '' : ' (service path)'} | ${f.cpuMicros.toFixed(0)} |`);
  process.stdout.write(
    [
      `${sources.length} dictations, median of ${rounds} rounds × ${passes} pass(es), CPU µs per dictation`,
      '',
      '| Stage | CPU µs |',
      '|---|--:|',
      ...rows,
      `| bench path total | ${total.toFixed(0)} |`,
      '',
    ].join('\n'),
  );
}
