/**
 * Narrative quality over the hand-labelled fixtures: per-section precision/recall of where each
 * dictated sentence lands in the DRAATT narrative, and accuracy of the missing-element prompts.
 * Pure (reads only the fixture files), shared by the bench script and its floor test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NarrativeElementCode } from '@medicdraft/contracts';
import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { BUILTIN_TEMPLATES, composeNarrative } from '@medicdraft/narrative';

export const SECTIONS = ['dispatch', 'response', 'arrival', 'assessment', 'treatment', 'transport'] as const;
export type Section = (typeof SECTIONS)[number];

export interface Fixture {
  id: string;
  callType: string;
  /** [expected DRAATT section or null for filler, sentence]; the dictation is the sentences joined by spaces. */
  sentences: Array<[Section | null, string]>;
  /** Required DRAATT elements a careful reviewer finds absent from the dictation. */
  missing: NarrativeElementCode[];
  /**
   * `holdout` fixtures were written after the rules were last changed and never tuned against;
   * the others (no `set`) were visible while the rules were written.
   */
  set?: 'holdout';
  note?: string;
}

export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures');

export function loadFixtures(dir = FIXTURE_DIR): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);
}

export interface SectionScore { section: Section; tp: number; fp: number; fn: number; precision: number; recall: number; f1: number }
export interface FixtureOutcome {
  id: string;
  callType: string;
  /** False when the engine did not split the dictation into exactly the fixture's sentences. */
  aligned: boolean;
  wrongSentences: Array<{ index: number; expected: Section | null; predicted: Section | null }>;
  expectedMissing: NarrativeElementCode[];
  predictedMissing: NarrativeElementCode[];
}
export interface QualityReport {
  fixtures: number;
  sentences: number;
  sectionAccuracy: number;
  sections: SectionScore[];
  missing: { decisions: number; correct: number; accuracy: number; precision: number; recall: number; exactFixtures: number };
  outcomes: FixtureOutcome[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const REQUIRED = [...new Set(BUILTIN_TEMPLATES.DRAATT.required.map((r) => r.element))];

export function evaluateFixture(f: Fixture): FixtureOutcome {
  const raw = createSyntheticDocuments(f.sentences.map(([, s]) => s).join(' '));
  const transcript = parseTranscript(raw.transcript);
  const narrative = composeNarrative({ transcript, clinicalDocument: parseClinicalDocument(raw.clinicalDocument) }, { version: 1, definition: BUILTIN_TEMPLATES.DRAATT });
  const aligned = transcript.segments.length === f.sentences.length && transcript.segments.every((s, i) => s.content === f.sentences[i]?.[1]);
  const placed = new Map<string, Section>();
  for (const section of narrative.sections) for (const sentence of section.sentences) for (const id of sentence.evidence) placed.set(id, section.key as Section);
  const wrongSentences: FixtureOutcome['wrongSentences'] = [];
  f.sentences.forEach(([expected], i) => {
    const predicted = aligned ? (placed.get(transcript.segments[i]?.id ?? '') ?? null) : null;
    if (!aligned || predicted !== expected) wrongSentences.push({ index: i, expected, predicted });
  });
  return { id: f.id, callType: f.callType, aligned, wrongSentences, expectedMissing: f.missing, predictedMissing: narrative.missingElements };
}

export function evaluate(fixtures: readonly Fixture[]): QualityReport {
  const outcomes = fixtures.map(evaluateFixture);
  const counts = new Map(SECTIONS.map((s) => [s, { tp: 0, fp: 0, fn: 0 }]));
  let sentences = 0;
  let correctSentences = 0;
  fixtures.forEach((f, fi) => {
    const wrong = new Map((outcomes[fi]?.wrongSentences ?? []).map((w) => [w.index, w.predicted]));
    f.sentences.forEach(([expected], i) => {
      sentences++;
      const predicted = wrong.has(i) ? (wrong.get(i) ?? null) : expected;
      if (predicted === expected) correctSentences++;
      if (predicted !== null && predicted === expected) counts.get(predicted)!.tp++;
      else {
        if (predicted !== null) counts.get(predicted)!.fp++;
        if (expected !== null) counts.get(expected)!.fn++;
      }
    });
  });
  const sections = SECTIONS.map((section) => {
    const c = counts.get(section)!;
    const precision = ratio(c.tp, c.tp + c.fp);
    const recall = ratio(c.tp, c.tp + c.fn);
    return { section, ...c, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
  let decisions = 0, correct = 0, tp = 0, fp = 0, fn = 0, exactFixtures = 0;
  for (const o of outcomes) {
    let exact = true;
    for (const element of REQUIRED) {
      const e = o.expectedMissing.includes(element);
      const p = o.predictedMissing.includes(element);
      decisions++;
      if (e === p) correct++;
      else exact = false;
      if (e && p) tp++;
      if (!e && p) fp++;
      if (e && !p) fn++;
    }
    if (exact) exactFixtures++;
  }
  return {
    fixtures: fixtures.length,
    sentences,
    sectionAccuracy: ratio(correctSentences, sentences),
    sections,
    missing: { decisions, correct, accuracy: ratio(correct, decisions), precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn), exactFixtures },
    outcomes,
  };
}

const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

export function markdownReport(r: QualityReport): string {
  const lines = [
    `Fixtures: ${r.fixtures}, sentences: ${r.sentences}, sentence→section accuracy: ${pct(r.sectionAccuracy)}`,
    '',
    '| DRAATT section | TP | FP | FN | Precision | Recall | F1 |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...r.sections.map((s) => `| ${s.section} | ${s.tp} | ${s.fp} | ${s.fn} | ${pct(s.precision)} | ${pct(s.recall)} | ${pct(s.f1)} |`),
    '',
    `Missing elements: ${r.missing.correct}/${r.missing.decisions} decisions correct (${pct(r.missing.accuracy)}), ` +
      `precision of prompts ${pct(r.missing.precision)}, recall ${pct(r.missing.recall)}, fixtures with exactly the expected prompts ${r.missing.exactFixtures}/${r.fixtures}`,
  ];
  const misses = r.outcomes.filter((o) => o.wrongSentences.length > 0 || o.expectedMissing.join() !== o.predictedMissing.join());
  if (misses.length > 0) {
    lines.push('', '| Fixture | Misplaced sentences (expected→predicted) | Prompts expected only | Prompts predicted only |', '|---|---|---|---|');
    for (const o of misses) {
      const onlyE = o.expectedMissing.filter((m) => !o.predictedMissing.includes(m));
      const onlyP = o.predictedMissing.filter((m) => !o.expectedMissing.includes(m));
      const wrong = o.aligned ? o.wrongSentences.map((w) => `#${w.index + 1} ${w.expected ?? '-'}→${w.predicted ?? '-'}`).join(', ') : 'sentence split differs';
      lines.push(`| ${o.id} | ${wrong} | ${onlyE.join(', ')} | ${onlyP.join(', ')} |`);
    }
  }
  return lines.join('\n');
}
