/**
 * Where one dictation's upload → narrative time goes, stage by stage, read from a `BENCH_TIMING_LOG` file of the overhead
 * scenario (one dictation at a time). Pure logic, unit-tested in test/timing-stages.unit.test.ts; the CLI at the bottom
 * prints the table: `npx tsx bench/pipeline/timing-stages.ts /tmp/t.tsv`.
 *
 * A dictation's window opens at ingest's PutObject of its audio and closes at the next one. Each stage ends at a call the
 * services make in order on the critical path, so the stages add up to the time to the narrative's publish.
 */
import { readFileSync } from 'node:fs';
import { percentiles, type Percentiles } from './report.js';

/** One line of the timing log: service, what was called, its start (epoch ms) and duration (ms). */
export interface TimedCall {
  service: string;
  what: string;
  start: number;
  ms: number;
}

export function parseTimingLog(text: string): TimedCall[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [service = '', what = '', start = '', ms = ''] = line.split('\t');
      return { service, what, start: Number(start), ms: Number(ms) };
    })
    .filter((c) => Number.isFinite(c.start) && Number.isFinite(c.ms))
    .sort((a, b) => a.start - b.start);
}

/** The stages in order; each is measured from the end of the one before (the first from the upload's PutObject start). */
export const STAGES = [
  'upload: audio PUT (SSE-KMS)',
  'ingest commit + relay → scribe intake, claim, quota, job.started',
  'StartMedicalScribeJob (the emulator checks media and bucket)',
  'job runs until the status poll that finds it done',
  'scribe reads both outputs',
  'scribe stores both outputs (SSE-KMS)',
  'scribe commit + relay publishes output.received',
  'narrative receives, reads both outputs',
  'narrative dedupe/template lookup + compose',
  'narrative stores the narrative (SSE-KMS)',
  'narrative commit + relay publishes narrative.generated',
] as const;

const end = (c: TimedCall) => c.start + c.ms;

/** Stage durations (ms) of one dictation's window, or undefined when a call a stage ends at is missing. */
export function stagesOf(window: readonly TimedCall[]): number[] | undefined {
  const upload = window[0];
  if (upload === undefined) return undefined;
  const first = (service: string, what: string, after = upload.start) =>
    window.find((c) => c.service === service && c.what.startsWith(what) && c.start >= after);
  const last = (service: string, what: string) => window.filter((c) => c.service === service && c.what.startsWith(what));
  const startJob = first('scribe', 'TranscribeClient.StartMedicalScribeJob');
  const polls = last('scribe', 'TranscribeClient.GetMedicalScribeJob');
  const scribeGets = last('scribe', 'S3Client.GetObject');
  const scribePuts = last('scribe', 'S3Client.PutObject');
  const narrativeGets = last('narrative', 'S3Client.GetObject');
  const narrativePut = first('narrative', 'S3Client.PutObject');
  if (!startJob || polls.length === 0 || scribeGets.length === 0 || scribePuts.length === 0) return undefined;
  if (narrativeGets.length === 0 || !narrativePut) return undefined;
  const scribeSend = first('scribe', 'kafka.send', Math.max(...scribePuts.map(end)));
  const narrativeSend = first('narrative', 'kafka.send', end(narrativePut));
  if (!scribeSend || !narrativeSend) return undefined;
  const marks = [
    upload.start,
    end(upload),
    startJob.start,
    end(startJob),
    end(polls.at(-1)!),
    Math.max(...scribeGets.map(end)),
    Math.max(...scribePuts.map(end)),
    end(scribeSend),
    Math.max(...narrativeGets.map(end)),
    narrativePut.start,
    end(narrativePut),
    end(narrativeSend),
  ];
  return marks.slice(1).map((m, i) => m - marks[i]!);
}

/** Every complete dictation window of the log, split at ingest's audio uploads. */
export function dictationStages(calls: readonly TimedCall[]): number[][] {
  const uploads = calls.flatMap((c, i) => (c.service === 'ingest' && c.what === 'S3Client.PutObjectCommand' ? [i] : []));
  return uploads.flatMap((at, n) => {
    const stages = stagesOf(calls.slice(at, uploads[n + 1] ?? calls.length));
    return stages === undefined ? [] : [stages];
  });
}

/** Percentiles of each stage over the dictations, in stage order. */
export function stageTable(dictations: readonly number[][]): { stage: string; ms: Percentiles }[] {
  return STAGES.map((stage, i) => ({ stage, ms: percentiles(dictations.map((d) => d[i]!)) }));
}

if (process.argv[1]?.endsWith('timing-stages.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: timing-stages.ts <BENCH_TIMING_LOG file>');
  const dictations = dictationStages(parseTimingLog(readFileSync(file, 'utf8')));
  console.log(`${dictations.length} dictations\n\n| stage | p50 ms | mean ms |\n|---|--:|--:|`);
  for (const { stage, ms } of stageTable(dictations)) console.log(`| ${stage} | ${ms.p50.toFixed(1)} | ${ms.mean.toFixed(1)} |`);
  const totals = percentiles(dictations.map((d) => d.reduce((a, b) => a + b, 0)));
  console.log(`| total, upload start → narrative.generated published | ${totals.p50.toFixed(1)} | ${totals.mean.toFixed(1)} |`);
}
