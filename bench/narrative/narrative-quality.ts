/**
 * Narrative quality over the hand-labelled fixtures: per-section precision/recall of where each
 * dictated sentence lands in the DRAATT narrative, and accuracy of the missing-element prompts.
 * Pure (reads only the fixture files), shared by the bench script and its floor test.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { NarrativeElementCode } from '@medicdraft/contracts';
import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { BUILTIN_TEMPLATES, composeNarrative, toAscii, toChartingStyle, type SectionSequenceModel } from '@medicdraft/narrative';

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
   * `untouched` fixtures were written, labelled and committed before the rules they measure were
   * changed and are never tuned against either; `tuning2` fixtures were written and labelled
   * (committed on their own) before the second round of rule changes, which was tuned against
   * them and the first tuning set; `tuning3` likewise before that round's last rule changes;
   * `tuning4` before the third round; `tuning5` before the fourth; `tuning6` is the first untouched set,
   * retired to tuning before the fifth round (it had been measured through four rounds); `tuning7` is the second untouched set,
   * retired to tuning before the sixth round (measured once, after round 5); `tuning8` is the third untouched set, retired to
   * tuning before the seventh round (measured before and after round 6); `tuning9` is the fourth untouched set, retired to
   * tuning before the eighth round (measured before and after round 7); `tuning10` the fifth, retired before the ninth round
   * (measured before and after round 8); `tuning11` the sixth, retired before the tenth round (measured before and after
   * round 9); `tuning12` the seventh, retired before the eleventh round (measured before and after round 10); `tuning13`
   * the eighth, retired before the twelfth round (measured before and after round 11); `tuning14` the ninth, retired before
   * the thirteenth round (measured before and after round 12); `tuning15` the tenth, retired before the fourteenth round
   * (measured before and after round 13); `tuning16` the eleventh, retired before the fifteenth round (measured before and
   * after round 14); `tuning17` the twelfth, retired before the sixteenth round (measured before and after round 15);
   * `tuning18` the thirteenth, retired before the seventeenth round (measured before and after round 16); `tuning19` the
   * fourteenth, retired before the eighteenth round (measured before and after round 17); `tuning20` the fifteenth, retired
   * before the nineteenth round (measured before and after round 18); `tuning21` the sixteenth, retired before the
   * twentieth round (measured before and after round 19); `tuning22` the seventeenth, retired before the twenty-first round
   * (measured before and after round 20); `tuning23` the eighteenth, retired before the twenty-second round (measured
   * before and after round 21); `tuning24` the nineteenth, retired before the twenty-third round (measured before and after
   * round 22); `tuning25` the twentieth, retired before the twenty-fourth round (measured before and after round 23); `tuning26` the
   * twenty-first, retired before the twenty-fifth round (measured before and after round 24); `tuning27` the twenty-second,
   * retired before the twenty-sixth round (measured before and after round 25); `tuning28` the twenty-third, retired before
   * the twenty-seventh round (measured before and after round 26); `tuning29` the twenty-fourth, retired before the
   * twenty-eighth round (measured before and after round 27); `tuning30` the twenty-fifth, retired before the twenty-ninth
   * round (measured before and after round 28); `tuning31` the twenty-sixth, retired before the thirtieth round (measured
   * before and after round 29); `tuning32` the twenty-seventh, retired before the thirty-first round (measured before and
   * after round 30); `tuning33` the twenty-eighth, retired before the thirty-second round (measured before and after round
   * 31); `tuning34` the twenty-ninth, retired before the thirty-third round (measured before and after round 32); `tuning35`
   * the thirtieth, retired before the thirty-fourth round (measured after round 32 and after round 33); `tuning36` the
   * thirty-first, retired before the thirty-fifth round (measured after round 33 and after round 34); `tuning37` the
   * thirty-second, retired before the thirty-sixth round (measured after round 34 and after round 35); `tuning38` the
   * thirty-third, retired before the thirty-seventh round (measured after round 35 and after round 36); the others
   * (no `set`) are the first tuning set.
   */
  set?: FixtureSet;
  note?: string;
  /** The dictation as spoken when it is not the sentences joined (e.g. run-on text without punctuation). */
  dictation?: string;
  /** Interventions the crew performed, as dictated: each must land in the Treatment section. */
  interventions?: string[];
  /** Text that must survive into the narrative exactly (numbers, doses, times, names). */
  facts?: string[];
  /** Values the provider retracted by a spoken correction: they must appear nowhere in the narrative. */
  retracted?: string[];
  /** Spoken corrections the provider must be told about in a review note. */
  corrections?: number;
}

export type FixtureSet =
  | 'tuning'
  | 'tuning2'
  | 'tuning3'
  | 'tuning4'
  | 'tuning5'
  | 'tuning6'
  | 'tuning7'
  | 'tuning8'
  | 'tuning9'
  | 'tuning10'
  | 'tuning11'
  | 'tuning12'
  | 'tuning13'
  | 'tuning14'
  | 'tuning15'
  | 'tuning16'
  | 'tuning17'
  | 'tuning18'
  | 'tuning19'
  | 'tuning20'
  | 'tuning21'
  | 'tuning22'
  | 'tuning23'
  | 'tuning24'
  | 'tuning25'
  | 'tuning26'
  | 'tuning27'
  | 'tuning28'
  | 'tuning29'
  | 'tuning30'
  | 'tuning31'
  | 'tuning32'
  | 'tuning33'
  | 'tuning34'
  | 'tuning35'
  | 'tuning36'
  | 'tuning37'
  | 'tuning38'
  | 'holdout'
  | 'untouched';
export const setOf = (f: Fixture): FixtureSet => f.set ?? 'tuning';

export const FIXTURE_DIR = join(import.meta.dirname, 'fixtures');

export function loadFixtures(dir = FIXTURE_DIR): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Fixture);
}

export interface SectionScore {
  section: Section;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}
export interface FixtureOutcome {
  id: string;
  callType: string;
  /** False when the engine did not split the dictation into exactly the fixture's sentences. */
  aligned: boolean;
  wrongSentences: Array<{ index: number; expected: Section | null; predicted: Section | null }>;
  expectedMissing: NarrativeElementCode[];
  predictedMissing: NarrativeElementCode[];
  /** Labelled interventions and the ones the Treatment section does not hold. */
  interventions: number;
  interventionsMissed: string[];
  /** Facts (labelled, plus every number and crew medication of the source) and the ones the narrative lost or changed. */
  facts: number;
  factsLost: string[];
  /** Retracted values the narrative still shows. */
  retractedShown: string[];
  expectedCorrections: number;
  notedCorrections: number;
}
export interface QualityReport {
  fixtures: number;
  sentences: number;
  sectionAccuracy: number;
  sections: SectionScore[];
  missing: { decisions: number; correct: number; accuracy: number; precision: number; recall: number; exactFixtures: number };
  /** Dictations the engine split into exactly the labelled sentences. */
  alignedFixtures: number;
  treatment: { interventions: number; inTreatment: number; recall: number };
  facts: { checked: number; lost: number; retractedShown: number; fixturesWithLoss: number };
  corrections: { expected: number; noted: number };
  outcomes: FixtureOutcome[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
const sum = <T>(xs: readonly T[], f: (x: T) => number) => xs.reduce((n, x) => n + f(x), 0);
const REQUIRED: NarrativeElementCode[] = [...new Set(BUILTIN_TEMPLATES.DRAATT.required.map((r) => r.element))];

const words = (t: string) =>
  t
    .normalize('NFC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];
const squash = (t: string) => t.normalize('NFC').toLowerCase().replace(/\s+/g, ' ');
/**
 * `needle` occurs in `hay` on word boundaries (so "112" is not found inside "1120"); case-insensitive unless
 * `exactCase` (a charted abbreviation such as the route "IN" is not the word "in").
 */
const containsToken = (hay: string, needle: string, exactCase = false) => {
  const h = exactCase ? hay.normalize('NFC').replace(/\s+/g, ' ') : squash(hay);
  const n = exactCase ? needle.normalize('NFC').replace(/\s+/g, ' ') : squash(needle);
  for (let i = h.indexOf(n); i >= 0; i = h.indexOf(n, i + 1)) {
    const before = h.charAt(i - 1);
    const after = h.charAt(i + n.length);
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true;
  }
  return false;
};
/** A charted form written in capitals only ("IN", "IV", "NRB"): compared in its own case. */
const isAbbreviation = (t: string) => /^[A-Z]{2,4}$/.test(t);

/**
 * The segment a labelled sentence became: the segment with exactly its text, else the one sharing
 * most of its words (run-on dictations are split by the engine, maybe not where the label splits).
 */
function segmentOfSentence(sentence: string, segments: ReadonlyArray<{ id: string; content: string }>): string | null {
  const exact = segments.find((s) => s.content === sentence);
  if (exact) return exact.id;
  const want = words(sentence);
  let best: { id: string; score: number } | null = null;
  for (const s of segments) {
    const have = new Set(words(s.content));
    const score = want.filter((w) => have.has(w)).length / Math.max(1, want.length);
    if (best === null || score > best.score) best = { id: s.id, score };
  }
  return best && best.score >= 0.5 ? best.id : null;
}

/** Every number of the source (minus retracted values) and every crew medication named: they must survive. */
function mechanicalFacts(source: string, retracted: readonly string[], medicationMentions: readonly string[]): string[] {
  let kept = source.normalize('NFC');
  for (const r of retracted) kept = kept.split(r).join(' ');
  // Stand-alone numbers only: the digits of "SpO2", "D10" or "A&Ox4" belong to a word that is checked as a whole.
  const numbers = kept.match(/(?<![\p{L}\p{N}])\d+(?:[.:/]\d+)*(?![\p{L}\p{N}])/gu) ?? [];
  return [...new Set([...numbers, ...medicationMentions])];
}

/**
 * The charting style writes a count into its abbreviation ("oriented times 4" is "A&Ox4"): the number is
 * still there, so the fact check reads it apart ("A&Ox 4"). Nothing else is loosened.
 */
const abbreviationsApart = (text: string) => text.replace(/\bA&Ox(\d)\b/g, 'A&Ox $1');

/** `sequenceModel`: place sentences with this call-sequence model instead of the trained one (a held-out estimate). */
export function evaluateFixture(f: Fixture, sequenceModel?: SectionSequenceModel): FixtureOutcome {
  const source = f.dictation ?? f.sentences.map(([, s]) => s).join(' ');
  const raw = createSyntheticDocuments(source);
  const transcript = parseTranscript(raw.transcript);
  const narrative = composeNarrative(
    { transcript, clinicalDocument: parseClinicalDocument(raw.clinicalDocument) },
    { version: 1, definition: BUILTIN_TEMPLATES.DRAATT },
    sequenceModel ? { sequenceModel } : {},
  );
  const aligned =
    transcript.segments.length === f.sentences.length && transcript.segments.every((s, i) => s.content === f.sentences[i]?.[1]);
  const placed = new Map<string, Section>();
  for (const section of narrative.sections)
    for (const sentence of section.sentences) for (const id of sentence.evidence) placed.set(id, section.key as Section);
  const wrongSentences: FixtureOutcome['wrongSentences'] = [];
  f.sentences.forEach(([expected, text], i) => {
    const segmentId = aligned ? transcript.segments[i]?.id : segmentOfSentence(text, transcript.segments);
    const predicted = segmentId ? (placed.get(segmentId) ?? null) : null;
    if (predicted !== expected) wrongSentences.push({ index: i, expected, predicted });
  });
  const textOf = (key: Section) =>
    narrative.sections
      .filter((s) => s.key === key)
      .flatMap((s) => s.sentences.map((x) => x.text))
      .join(' ');
  const treatmentText = textOf('treatment');
  const interventions = f.interventions ?? [];
  const retracted = f.retracted ?? [];
  const medicationMentions = raw.facts.medications.map((m) => m.mention.text).filter((m) => !retracted.some((r) => r.includes(m)));
  // Labelled text is compared as the narrative charts it ("4 liters" → "4 L") and in the ASCII punctuation every
  // narrative sentence is written in for ESO ("39.1 °C" → "39.1 degrees C", "94–96%" → "94-96%"); the mechanical
  // facts (every number and crew medication of the source) must survive exactly as dictated.
  const charted = (x: string) => toAscii(toChartingStyle(x)).replace(/\s+/g, ' ').trim();
  const labelled = new Set((f.facts ?? []).map(charted));
  const facts = [...new Set([...labelled, ...mechanicalFacts(source, retracted, medicationMentions)])];
  const notes = (narrative as { reviewNotes?: Array<{ kind: string }> }).reviewNotes ?? [];
  // An intervention labelled with a spoken correction inside it ("Narcan 4 mg, scratch that, 2 mg IN") cannot be found
  // as said in a narrative that applied the correction: it counts when the segment that says it is under Treatment
  // (whether the retracted value is gone is counted apart, as retractedShown).
  const correctedInTreatment = (i: string) =>
    retracted.some((r) => i.includes(r)) &&
    transcript.segments.some((s) => placed.get(s.id) === 'treatment' && squash(s.content).includes(squash(i)));
  return {
    id: f.id,
    callType: f.callType,
    aligned,
    wrongSentences,
    expectedMissing: f.missing.filter((m) => REQUIRED.includes(m)),
    predictedMissing: narrative.missingElements,
    interventions: interventions.length,
    interventionsMissed: interventions.filter((i) => !squash(treatmentText).includes(squash(charted(i))) && !correctedInTreatment(i)),
    facts: facts.length,
    factsLost: facts.filter((x) => !containsToken(narrative.text, x) && !containsToken(abbreviationsApart(narrative.text), x)),
    retractedShown: retracted.filter(
      (r) => containsToken(narrative.text, r) || containsToken(narrative.text, charted(r), isAbbreviation(charted(r))),
    ),
    expectedCorrections: f.corrections ?? 0,
    notedCorrections: notes.filter((n) => n.kind === 'correction').length,
  };
}

export function evaluate(fixtures: readonly Fixture[], sequenceModel?: SectionSequenceModel): QualityReport {
  const outcomes = fixtures.map((f) => evaluateFixture(f, sequenceModel));
  const counts = new Map(SECTIONS.map((s) => [s, { tp: 0, fp: 0, fn: 0 }]));
  let sentences = 0;
  let correctSentences = 0;
  fixtures.forEach((f, fi) => {
    const wrong = new Map((outcomes[fi]?.wrongSentences ?? []).map((w) => [w.index, w.predicted] as const));
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
  let decisions = 0,
    correct = 0,
    tp = 0,
    fp = 0,
    fn = 0,
    exactFixtures = 0;
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
    missing: {
      decisions,
      correct,
      accuracy: ratio(correct, decisions),
      precision: ratio(tp, tp + fp),
      recall: ratio(tp, tp + fn),
      exactFixtures,
    },
    alignedFixtures: outcomes.filter((o) => o.aligned).length,
    treatment: {
      interventions: sum(outcomes, (o) => o.interventions),
      inTreatment: sum(outcomes, (o) => o.interventions - o.interventionsMissed.length),
      recall: ratio(
        sum(outcomes, (o) => o.interventions - o.interventionsMissed.length),
        sum(outcomes, (o) => o.interventions),
      ),
    },
    facts: {
      checked: sum(outcomes, (o) => o.facts),
      lost: sum(outcomes, (o) => o.factsLost.length),
      retractedShown: sum(outcomes, (o) => o.retractedShown.length),
      fixturesWithLoss: outcomes.filter((o) => o.factsLost.length > 0 || o.retractedShown.length > 0).length,
    },
    corrections: {
      expected: sum(outcomes, (o) => o.expectedCorrections),
      noted: sum(outcomes, (o) => Math.min(o.notedCorrections, o.expectedCorrections)),
    },
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
      `precision of prompts ${pct(r.missing.precision)}, recall ${pct(r.missing.recall)}, ` +
      `fixtures with exactly the expected prompts ${r.missing.exactFixtures}/${r.fixtures}`,
    `Split into exactly the labelled sentences: ${r.alignedFixtures}/${r.fixtures}`,
    `Treatment recall (labelled interventions in the Treatment section): ` +
      `${r.treatment.inTreatment}/${r.treatment.interventions} (${pct(r.treatment.recall)})`,
    `Facts lost or altered: ${r.facts.lost} of ${r.facts.checked} checked (${r.facts.fixturesWithLoss} fixtures); ` +
      `retracted values still shown: ${r.facts.retractedShown}; ` +
      `corrections with a review note: ${r.corrections.noted}/${r.corrections.expected}`,
  ];
  const misses = r.outcomes.filter(
    (o) =>
      o.wrongSentences.length > 0 ||
      o.expectedMissing.join() !== o.predictedMissing.join() ||
      o.interventionsMissed.length > 0 ||
      o.factsLost.length > 0 ||
      o.retractedShown.length > 0,
  );
  if (misses.length > 0) {
    lines.push(
      '',
      '| Fixture | Misplaced sentences (expected→predicted) | Prompts expected only | Prompts predicted only | ' +
        'Interventions not under Treatment | Facts lost / retracted shown |',
      '|---|---|---|---|---|---|',
    );
    for (const o of misses) {
      const onlyE = o.expectedMissing.filter((m) => !o.predictedMissing.includes(m));
      const onlyP = o.predictedMissing.filter((m) => !o.expectedMissing.includes(m));
      const misplaced = o.wrongSentences.map((w) => `#${w.index + 1} ${w.expected ?? '-'}→${w.predicted ?? '-'}`).join(', ');
      const wrong = `${o.aligned ? '' : '(split differs) '}${misplaced}`;
      const lost = [...o.factsLost, ...o.retractedShown.map((x) => `retracted ${x}`)].length;
      lines.push(`| ${o.id} | ${wrong} | ${onlyE.join(', ')} | ${onlyP.join(', ')} | ${o.interventionsMissed.length} | ${lost} |`);
    }
  }
  return lines.join('\n');
}
