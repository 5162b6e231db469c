import type { NarrativeView, QaCheckSummary } from '@medicdraft/contracts';
import type { QaCondition, QaLeafCondition, QaProtocolContent, QaRule } from './qa-protocol.js';

/** A sentence of the checked version: its id (`<sectionKey>.<index>`), text and cited segment ids. */
interface Sentence {
  id: string;
  text: string;
  words: string;
  segments: readonly string[];
}

export type QaCheckOutcome = 'pass' | 'fail' | 'not_applicable';

/** One rule's result for QA: the outcome, a sentence saying why, and the sentences and segments it rests on. */
export interface QaCheckResult {
  protocol: { name: string; version: number };
  ruleId: string;
  title: string;
  severity: QaRule['severity'];
  outcome: QaCheckOutcome;
  detail: string;
  evidence: { sentenceIds: string[]; segmentIds: string[] };
}

/** Words that negate a term when one of them is within the three words before it. */
const NEGATIONS = new Set(['no', 'not', 'denies', 'denied', 'without', 'never', 'negative', 'nor']);
/** Units after a number that make it a dose or a measurement, not a clock time. */
const UNITS = /^\s*(mg|mcg|g|kg|ml|cc|l|%|units?|mmhg|bpm)\b/i;

const normalise = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9*]+/g, ' ')
    .trim();

function termPattern(term: string): RegExp {
  const t = normalise(term);
  const wild = t.endsWith('*');
  const body = (wild ? t.slice(0, -1) : t).replace(/\*/g, '').split(' ').join(' ');
  return new RegExp(`(?:^| )${body}${wild ? '[a-z0-9]*' : ''}(?= |$)`, 'g');
}

/** True when some occurrence of a term in the sentence is not negated. */
function affirms(s: Sentence, terms: readonly string[]): boolean {
  return terms.some((term) => {
    for (const m of s.words.matchAll(termPattern(term))) {
      const before = s.words.slice(0, m.index).trim().split(' ').slice(-3);
      if (!before.some((w) => NEGATIONS.has(w))) return true;
    }
    return false;
  });
}

/** Minutes after midnight of the first clock time in the text (1411, 14:11), skipping doses and measurements. */
function clockTime(text: string): { minutes: number; label: string } | undefined {
  for (const m of text.matchAll(/\b([01]\d|2[0-3]):?([0-5]\d)\b/g)) {
    if (UNITS.test(text.slice((m.index ?? 0) + m[0].length))) continue;
    return { minutes: Number(m[1]) * 60 + Number(m[2]), label: m[0] };
  }
  return undefined;
}

interface Verdict {
  ok: boolean;
  detail: string;
  sentences: Sentence[];
}

const list = (terms: readonly string[]) => terms.slice(0, 4).join(', ') + (terms.length > 4 ? ', …' : '');

function leaf(c: QaLeafCondition, sentences: readonly Sentence[]): Verdict {
  if ('mentions' in c) {
    const found = sentences.filter((s) => affirms(s, c.mentions));
    return found.length > 0
      ? { ok: true, detail: `documented (${list(c.mentions)})`, sentences: found }
      : { ok: false, detail: `not documented (${list(c.mentions)})`, sentences: [] };
  }
  const { from, to, minutes } = c.within;
  const start = sentences.find((s) => affirms(s, from) && clockTime(s.text) !== undefined);
  const end = sentences.find((s) => affirms(s, to));
  if (end === undefined) return { ok: false, detail: `not documented (${list(to)})`, sentences: start ? [start] : [] };
  const endTime = clockTime(end.text);
  if (start === undefined || endTime === undefined)
    return {
      ok: false,
      detail: `time not documented (${start === undefined ? list(from) : list(to)})`,
      sentences: start ? [start, end] : [end],
    };
  const startTime = clockTime(start.text)!;
  const elapsed = (endTime.minutes - startTime.minutes + 1440) % 1440;
  return {
    ok: elapsed <= minutes,
    detail: `${endTime.label} is ${elapsed} minutes after ${startTime.label} (limit ${minutes})`,
    sentences: [start, end],
  };
}

function condition(c: QaCondition, sentences: readonly Sentence[]): Verdict {
  if ('anyOf' in c) {
    const parts = c.anyOf.map((x) => leaf(x, sentences));
    const ok = parts.find((p) => p.ok);
    return ok ?? { ok: false, detail: parts.map((p) => p.detail).join('; '), sentences: parts.flatMap((p) => p.sentences) };
  }
  if ('allOf' in c) {
    const parts = c.allOf.map((x) => leaf(x, sentences));
    return { ok: parts.every((p) => p.ok), detail: parts.map((p) => p.detail).join('; '), sentences: parts.flatMap((p) => p.sentences) };
  }
  return leaf(c, sentences);
}

function evidenceOf(sentences: readonly Sentence[]): QaCheckResult['evidence'] {
  const unique = [...new Map(sentences.map((s) => [s.id, s])).values()];
  return { sentenceIds: unique.map((s) => s.id), segmentIds: [...new Set(unique.flatMap((s) => s.segments))] };
}

/**
 * Runs the tenant's QA protocols over one narrative version: deterministic (the same version and
 * protocols always give the same results), reading the version's sentences only. A rule whose
 * `when` terms the narrative does not affirm is `not_applicable`; otherwise `require` decides
 * `pass` or `fail`. Evidence is the sentence ids and the transcript segment ids they cite.
 */
export function runProtocolChecks(
  view: Pick<NarrativeView, 'sections'>,
  protocols: readonly { name: string; version: number; content: QaProtocolContent }[],
): QaCheckResult[] {
  const sentences: Sentence[] = view.sections.flatMap((section) =>
    section.sentences.map((s, i) => ({ id: `${section.key}.${i}`, text: s.text, words: normalise(s.text), segments: s.evidence })),
  );
  return protocols.flatMap(({ name, version, content }) =>
    content.rules.map((rule): QaCheckResult => {
      const base = { protocol: { name, version }, ruleId: rule.id, title: rule.title, severity: rule.severity };
      const triggers = sentences.filter((s) => affirms(s, rule.when.mentions));
      if (triggers.length === 0)
        return { ...base, outcome: 'not_applicable', detail: `not applicable (${list(rule.when.mentions)})`, evidence: evidenceOf([]) };
      const v = condition(rule.require, sentences);
      return {
        ...base,
        outcome: v.ok ? 'pass' : 'fail',
        detail: v.detail,
        evidence: evidenceOf(v.ok ? v.sentences : [...triggers, ...v.sentences]),
      };
    }),
  );
}

/** The counts an audited decision records (no text): outcomes and the ids of failed rules. */
export function summariseChecks(results: readonly QaCheckResult[]): QaCheckSummary {
  return {
    pass: results.filter((r) => r.outcome === 'pass').length,
    fail: results.filter((r) => r.outcome === 'fail').length,
    notApplicable: results.filter((r) => r.outcome === 'not_applicable').length,
    failedRules: [...new Set(results.filter((r) => r.outcome === 'fail').map((r) => r.ruleId))].slice(0, 100),
  };
}
