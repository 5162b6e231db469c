import { classifySegment, extractEmsFacts, type ClinicalDocument, type EmsPhase, type Transcript } from '@medicdraft/healthscribe-documents';
import type { NarrativeElementCode, NarrativeTemplate } from '@medicdraft/contracts';
import type { VersionedTemplate } from '../templates/template-definition.js';
import { missingElements, type MissingElement } from './element-checks.js';
import { styleSentence } from './sentence-style.js';

/** Version of the composition rules; recorded on every narrative (bump on any output change). */
export const NARRATIVE_ENGINE_VERSION = '1.0.0';

export interface NarrativeSentence {
  text: string;
  /** Transcript segment ids the sentence is based on (never empty). */
  evidence: string[];
}

export interface NarrativeSection {
  key: string;
  title: string;
  sentences: NarrativeSentence[];
}

export interface ComposedNarrative {
  template: NarrativeTemplate;
  templateVersion: number;
  engineVersion: string;
  sections: NarrativeSection[];
  missing: MissingElement[];
  missingElements: NarrativeElementCode[];
  sentenceCount: number;
  /** Plain text: one paragraph per non-empty section, `TITLE: sentences`. */
  text: string;
}

export interface NarrativeDocuments {
  transcript: Transcript;
  clinicalDocument: ClinicalDocument;
}

/** When the rules cannot place a segment, HealthScribe's own section for it is the hint. */
const PHASE_OF_DOCUMENT_SECTION: Readonly<Record<string, EmsPhase>> = {
  CHIEF_COMPLAINT: 'chief_complaint',
  HISTORY_OF_PRESENT_ILLNESS: 'history',
  REVIEW_OF_SYSTEMS: 'history',
  PAST_MEDICAL_HISTORY: 'history',
  PAST_FAMILY_HISTORY: 'history',
  PAST_SOCIAL_HISTORY: 'history',
  PHYSICAL_EXAMINATION: 'exam',
  DIAGNOSTIC_TESTING: 'exam',
  ASSESSMENT: 'impression',
  PLAN: 'treatment',
};

/** Phase of every segment: the EMS rules first, then the clinical document's evidence links. */
export function phasesOf(documents: NarrativeDocuments, facts = extractEmsFacts(documents.transcript.segments)): Map<string, EmsPhase | null> {
  const hint = new Map<string, EmsPhase>();
  for (const section of documents.clinicalDocument.sections) {
    const phase = PHASE_OF_DOCUMENT_SECTION[section.name];
    if (phase) for (const p of section.points) for (const id of p.evidence) if (!hint.has(id)) hint.set(id, phase);
  }
  return new Map(documents.transcript.segments.map((s) => [s.id, classifySegment(s.id, s.content, facts) ?? hint.get(s.id) ?? null]));
}

/**
 * Composes a narrative from the two HealthScribe documents with one template. Pure: the same
 * documents and template give the same narrative. Each sentence is a dictated segment in the
 * template section its phase maps to, in dictation order, linked to that segment; each failed
 * rule of the template becomes a missing-element prompt.
 */
export function composeNarrative(documents: NarrativeDocuments, template: VersionedTemplate): ComposedNarrative {
  const facts = extractEmsFacts(documents.transcript.segments);
  const phases = phasesOf(documents, facts);
  const def = template.definition;
  const sections: NarrativeSection[] = def.sections.map((s) => ({ key: s.key, title: s.title, sentences: [] }));
  const sectionOfPhase = new Map<EmsPhase, NarrativeSection>();
  def.sections.forEach((s, i) => s.phases.forEach((p) => sectionOfPhase.set(p, sections[i] as NarrativeSection)));
  for (const segment of documents.transcript.segments) {
    const phase = phases.get(segment.id);
    const section = phase ? sectionOfPhase.get(phase) : undefined;
    const text = styleSentence(segment.content);
    if (section && text) section.sentences.push({ text, evidence: [segment.id] });
  }
  const missing = missingElements(def, { facts, phases, transcript: documents.transcript, clinicalDocument: documents.clinicalDocument, vitalsFullSet: def.vitalsFullSet });
  const text = sections
    .filter((s) => s.sentences.length > 0)
    .map((s) => `${s.title.toUpperCase()}: ${s.sentences.map((x) => x.text).join(' ')}`)
    .join('\n');
  return {
    template: def.name,
    templateVersion: template.version,
    engineVersion: NARRATIVE_ENGINE_VERSION,
    sections,
    missing,
    missingElements: missing.map((m) => m.element),
    sentenceCount: sections.reduce((n, s) => n + s.sentences.length, 0),
    text,
  };
}
