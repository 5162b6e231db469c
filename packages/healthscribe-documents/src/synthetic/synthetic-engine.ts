import { createHash } from 'node:crypto';
import type { EmsFacts } from '../ems/ems-facts.js';
import { extractEmsFacts, firstContext } from '../ems/extract-ems-facts.js';
import { classifySegment, type EmsPhase } from '../ems/segment-classifier.js';
import { splitSentences } from '../ems/sentence-splitter.js';
import { toInsights } from './synthetic-insights.js';

export const SYNTHETIC_ENGINE_VERSION = '1.0.0';

export interface SyntheticOptions {
  /** `JobName` written into the transcript; defaults to `synthetic-<yyyymmdd of now>-<digest>`. */
  jobName?: string;
  /** Only used for the default job name; the documents are otherwise a pure function of the text. */
  now?: Date;
}

/** Both files exactly as AWS HealthScribe would write them (JSON-ready objects). */
export interface SyntheticDocuments {
  transcript: { Conversation: Record<string, unknown> };
  clinicalDocument: {
    ClinicalDocumentation: {
      Sections: Array<{ SectionName: string; Summary: Array<{ SummarizedSegment: string; EvidenceLinks: Array<{ SegmentId: string }> }> }>;
    };
  };
  /** The facts and phases behind the documents (for tests and the bench; not a HealthScribe file). */
  facts: EmsFacts;
  phases: Record<string, EmsPhase | null>;
}

const SECONDS_PER_WORD = 0.35;
const PAST_HISTORY =
  /\b(history of|hx|pmh|medical history|allerg\w*|nkda|medications? include|home medications?|takes|taking|prescribed)\b/i;

const TRANSCRIPT_SECTION: Record<EmsPhase, string> = {
  dispatch: 'OTHER',
  response: 'OTHER',
  arrival: 'OTHER',
  chief_complaint: 'SUBJECTIVE',
  history: 'SUBJECTIVE',
  exam: 'OBJECTIVE',
  impression: 'ASSESSMENT_AND_PLAN',
  treatment: 'ASSESSMENT_AND_PLAN',
  transport: 'ASSESSMENT_AND_PLAN',
};

function clinicalSectionOf(phase: EmsPhase, content: string): string {
  if (phase === 'history' && PAST_HISTORY.test(content)) return 'PAST_MEDICAL_HISTORY';
  if (phase === 'exam') return 'PHYSICAL_EXAMINATION';
  if (phase === 'impression') return 'ASSESSMENT';
  if (phase === 'treatment' || phase === 'transport') return 'PLAN';
  return 'HISTORY_OF_PRESENT_ILLNESS';
}

function uuidFrom(digest: string): string {
  const h = digest.slice(0, 32).split('');
  h[12] = '4';
  h[16] = '89ab'[parseInt(h[16] ?? '0', 16) % 4] ?? '8';
  const s = h.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}

function itemsOf(content: string, begin: number) {
  const items: Array<Record<string, unknown>> = [];
  let t = begin;
  for (const token of content.split(/\s+/).filter(Boolean)) {
    const m = /^(.*?)([.,;:!?]*)$/.exec(token);
    const word = m?.[1] ?? token;
    const punct = m?.[2] ?? '';
    if (word) {
      items.push({
        Alternatives: [{ Confidence: 1, Content: word }],
        BeginAudioTime: round(t),
        EndAudioTime: round(t + SECONDS_PER_WORD - 0.05),
        Type: 'PRONUNCIATION',
      });
      t += SECONDS_PER_WORD;
    }
    for (const p of punct)
      items.push({ Alternatives: [{ Confidence: 0, Content: p }], BeginAudioTime: round(t), EndAudioTime: round(t), Type: 'PUNCTUATION' });
  }
  return { items, end: t };
}
const round = (n: number) => Math.round(n * 1000) / 1000;
const sentence = (s: string) => {
  const t = s.trim().replace(/^[a-z]/, (c) => c.toUpperCase());
  return /[.!?]$/.test(t) ? t : `${t}.`;
};

/**
 * The synthetic engine: dictation text → the two HealthScribe documents, by rules only (one
 * segment per sentence, spoken by `CLINICIAN_0`; insights from the EMS extractors; a
 * HISTORY_AND_PHYSICAL-style clinical document whose every point links to its segment).
 * Deterministic: the same text (and options) gives byte-identical documents.
 */
export function createSyntheticDocuments(text: string, options: SyntheticOptions = {}): SyntheticDocuments {
  const digest = createHash('sha256').update(text, 'utf8').digest('hex');
  const sentences = splitSentences(text);
  const segmentsPlain = sentences.map((content, i) => ({ id: `seg-${i + 1}`, content }));
  const facts = extractEmsFacts(segmentsPlain);
  const phases: Record<string, EmsPhase | null> = {};
  const segments: Array<Record<string, unknown>> = [];
  const items: Array<Record<string, unknown>> = [];
  let clock = 0.5;
  for (const s of segmentsPlain) {
    const phase = classifySegment(s.id, s.content, facts);
    phases[s.id] = phase;
    const { items: own, end } = itemsOf(s.content, clock);
    items.push(...own);
    segments.push({
      SegmentId: s.id,
      BeginAudioTime: round(clock),
      EndAudioTime: round(end),
      Content: s.content,
      ParticipantDetails: { ParticipantRole: 'CLINICIAN_0' },
      SectionDetails: { SectionName: phase === null ? 'OTHER' : TRANSCRIPT_SECTION[phase] },
    });
    clock = end + 0.3;
  }
  const dated = options.now ? `${options.now.toISOString().slice(0, 10).replace(/-/g, '')}-` : '';
  const order = ['CHIEF_COMPLAINT', 'HISTORY_OF_PRESENT_ILLNESS', 'PAST_MEDICAL_HISTORY', 'PHYSICAL_EXAMINATION', 'ASSESSMENT', 'PLAN'];
  const sections = new Map(
    order.map((name) => [name, [] as Array<{ SummarizedSegment: string; EvidenceLinks: Array<{ SegmentId: string }> }>]),
  );
  const cc = firstContext(facts, 'CHIEF_COMPLAINT');
  if (cc)
    sections.get('CHIEF_COMPLAINT')?.push({ SummarizedSegment: sentence(cc.value), EvidenceLinks: [{ SegmentId: cc.span.segmentId }] });
  for (const s of segmentsPlain) {
    const phase = phases[s.id];
    if (!phase) continue;
    sections
      .get(clinicalSectionOf(phase, s.content))
      ?.push({ SummarizedSegment: sentence(s.content), EvidenceLinks: [{ SegmentId: s.id }] });
  }
  return {
    transcript: {
      Conversation: {
        ConversationId: uuidFrom(digest),
        JobName: options.jobName ?? `synthetic-${dated}${digest.slice(0, 16)}`,
        JobType: 'ASYNC',
        LanguageCode: 'en-US',
        ClinicalInsights: toInsights(facts),
        TranscriptItems: items,
        TranscriptSegments: segments,
      },
    },
    clinicalDocument: {
      ClinicalDocumentation: { Sections: order.map((name) => ({ SectionName: name, Summary: sections.get(name) ?? [] })) },
    },
    facts,
    phases,
  };
}
