import {
  callNamedWithWhatTheyHad,
  classifySegment,
  documentsNothing,
  isShortStatement,
  extractEmsFacts,
  vitalKindOf,
  type ClinicalDocument,
  type EmsFacts,
  type EmsPhase,
  type Transcript,
  type TranscriptSegment,
} from '@medicdraft/healthscribe-documents';
import type { NarrativeElementCode, NarrativeTemplate } from '@medicdraft/contracts';
import { mistHandoff, type MistHandoff } from '../export/mist-handoff.js';
import type { VersionedTemplate } from '../templates/template-definition.js';
import { placeByCallTimeline } from './call-timeline.js';
import { placeListClosers } from './list-closer.js';
import { placeHandOver } from './response-and-handoff.js';
import { placeBySequence, type SectionSequenceModel } from './section-sequence.js';
import { CHANGE_STATED } from './change-words.js';
import { timelineOrder } from './clinical-timeline.js';
import { missingElements, promptsForEmptySections, type MissingElement } from './element-checks.js';
import { toChartingStyle } from './charting-style.js';
import { styleSentence } from './sentence-style.js';
import { applyCorrectionSentences, applySpokenCorrections } from './spoken-corrections.js';

/** Version of the composition rules; recorded on every narrative (bump on any output change). */
export const NARRATIVE_ENGINE_VERSION = '1.42.1';

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

/** Something the provider should know about how the draft was made (shown for review; no values in `note`). */
export interface ReviewNote {
  /** `possible-correction`: a cue was said but the words after it may make the later value a second reading; both stay. */
  kind: 'correction' | 'possible-correction';
  note: string;
  evidence: string[];
}

/** A template section with no dictated sentence, and the prompt the provider sees for it. */
export interface EmptySection {
  key: string;
  title: string;
  element: NarrativeElementCode;
  prompt: string;
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
  reviewNotes: ReviewNote[];
  /** Sections the template requires that no dictated sentence fills; each prompt is also in `missing`. */
  emptySections: EmptySection[];
  /** The facts read from the dictation after spoken corrections (the later value wins). */
  facts: EmsFacts;
  /** The MIST hospital hand-off read from the same facts and phases, each line with its evidence. */
  handoff: MistHandoff;
}

export interface NarrativeDocuments {
  transcript: Transcript;
  clinicalDocument: ClinicalDocument;
}

/** What the provider is told about a spoken correction: that one was applied, never the values (they are PHI). */
const CORRECTION_NOTE =
  'A spoken correction was applied: the later value replaced the retracted one. Check the sentence against the dictation.';
/** A cue left unapplied (the later value may be a second reading, or would change two values): the provider says which stands. */
const POSSIBLE_CORRECTION_NOTE =
  'A possible spoken correction was not applied: both values are kept as dictated, because the later one may be a second ' +
  'reading or may change more than one value. Confirm which value stands.';
const segmentIndex = (documents: NarrativeDocuments, id: string | undefined) => documents.transcript.segments.findIndex((s) => s.id === id);

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

/**
 * Treatment named by its noun, as a formal narrative times vitals by it ("vital signs following sedation", "post-cardioversion
 * vitals", "following the bolus"). Not an injury or an event ("following the fall", "after the seizure" is "after the", below).
 */
const TREATMENT_NOUNS = [
  ...['sedation', 'cardioversion', 'defibrillation', 'intubation', 'analgesia', 'treatment'],
  ...['intervention', 'interventions', String.raw`neb\w*`, 'bolus', 'fluids', 'fluid bolus', 'shock', 'shocks', 'pacing', 'cpap'],
  ...['oxygen', 'dextrose', 'glucagon', 'naloxone', 'narcan', 'ketamine', 'midazolam', 'versed', 'fentanyl', 'morphine'],
  ...['nitro', 'nitroglycerin', 'albuterol', 'epi', 'epinephrine', 'adenosine', 'diltiazem', 'cardizem', 'ondansetron', 'zofran'],
];
/**
 * Words saying a treatment was given by someone else, somewhere else or before the call ("the nurse gave", "by his wife", "at the
 * dentist", "she takes", "last week", "this morning"): vitals "following" it are not the crew's reassessment.
 */
const GIVEN_ELSEWHERE = [
  ...[
    'gave',
    'given by',
    String.raw`by (?:his|her|their|the|a|an)`,
    String.raw`(?:at|from) (?:the|a|an|his|her|their|urgent care|triage|dialysis|rehab)`,
    String.raw`for (?:his|her|their)`,
  ],
  ...['at home', 'takes', 'took', String.raw`last (?:week|month|year|night)`, 'this morning', 'yesterday', 'ago', 'earlier today'],
  ...['pta', String.raw`prior to (?:our |ems )?arrival`, String.raw`before (?:we|our|ems) (?:got|arriv)\w*`],
];
/** A vitals line after treatment began that reassesses ("repeat", "en route", "after the neb"). */
const REASSESSMENT_WORDS = [
  'repeat',
  String.raw`recheck\w*`,
  String.raw`re-?assess\w*`,
  'second set',
  'next set',
  'en ?route',
  String.raw`after (?:the|treatment|\w+ (?:dose|doses|treatment|neb\w*))`,
  // The treatment named by the act: "Vitals after tourniquet application", "after splint placement", "after narcan administration".
  String.raw`after (?:his |her |their )?(?:[\w-]+ ){1,2}(?:application|placement|administration|bolus|push|infusion|insertion)`,
  // "After CPAP RR 24", "After nitro pain 4/10": a line opening with what was given.
  String.raw`^after [\w-]+`,
  String.raw`post-(?:treatment|intervention|neb\w*)`,
  // Not one the patient had elsewhere or from someone else ("following her morphine dose", "following glucagon by his wife",
  // "following fluids at the nursing home", "post intubation from a surgery last week"), said anywhere in the line.
  String.raw`(?<!\b(?:${GIVEN_ELSEWHERE.join('|')})\b[^]*)(?:following |post[- ]?)(?:the )?(?:${TREATMENT_NOUNS.join('|')})` +
    String.raw`(?![^]*\b(?:${GIVEN_ELSEWHERE.join('|')})\b)`,
  'now',
  // How long after, or by when: "Twenty minutes on CPAP her sats …", "By 1950 the lip swelling …", "BGL 118 at 1157".
  String.raw`(?:[\w-]+ )?minutes (?:on|after|later|into|in)`,
  // The time as written, with or without its colon: "By 1950", "By 23:13 the patient was calm".
  String.raw`by \d{4}`,
  // With the colon only as a state of the patient's after it: "By 23:13 the patient was calm", not "By 23:13 we had a second IV
  // in", "dialysis by 8:00 tomorrow", "the pain had started by 22:30".
  String.raw`(?<![\w,] *)by \d{1,2}:\d{2},? (?:the )?(?:patient|pt|she|he|her|his)\b(?! (?:had|has|usually|will|is supposed)\b)`,
  String.raw`(?:bgl|glucose|sugar|cbg|bs)\s+\d+ (?:at|@) \d{3,4}`,
  String.raw`(?:going|came|coming) (?:down|up)`,
  // A line that opens with when it was measured, once treatment began: "At 1850 BP 108/70, HR 110, wheezes clearing".
  String.raw`^at \d{3,4}`,
];
/**
 * Vitals named as taken after a device was put on ("Vitals after tourniquet application", "after splint placement") reassess that
 * device: they are Treatment, but they say nothing of how the patient responded to a drug given later.
 */
const AFTER_DEVICE = /\bafter (?:his |her |their )?(?:[\w-]+ ){1,2}(?:application|placement|insertion)\b/i;
const REASSESSMENT = new RegExp(String.raw`\b(${REASSESSMENT_WORDS.join('|')})\b`, 'i');
/** Terse charting opens a line with the time alone ("0930 BGL 142, GCS 15"): a reassessment when later than the treatment. */
const TIME_LED = /^\s*((?:[01]\d|2[0-3])[0-5]\d)\s+\p{L}/u;
/** A line that is only a vitals list: vital names, numbers and their glue words. */
const VITALS_LIST_WORDS = [
  String.raw`\d+`,
  'bp',
  'hr',
  'rr',
  'spo2',
  'sats?',
  'pulse',
  'pressure',
  'blood',
  'heart',
  'rate',
  'resps?',
  'respirations',
  'over',
  'percent',
  'on',
  'room',
  'air',
  'ra',
  'and',
  'at',
  'temp',
  'gcs',
  'bgl',
  'glucose',
  '(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred)(?:-\w+)?',
];
const VITALS_ONLY = new RegExp(String.raw`^(?:[\s,.;:/%-]|\b(?:${VITALS_LIST_WORDS.join('|')})\b)+$`, 'i');
/** A line about the time before the call ("started two days ago and got worse") is history, whatever changed. */
const PAST_HISTORY = /\b(?:ago|yesterday|since|last (?:night|week|month)|this morning|earlier today|prior to|history|hx)\b/i;
/**
 * What the patient told the crew of before, said with "now" and no vitals ("said he used heroin, and now he just feels sick",
 * "said he felt fine, no complaints now"): "now" is when the patient said it, not a re-check. With vitals ("says the pain is a
 * 4 now, BP 128/80"), of how they are ("denies chest pain now") or by the crew ("now breathing 14") it documents the response.
 */
const PATIENT_TOLD = new RegExp(
  // "Now admits heroin": what the patient owns up to is history, whenever it is said.
  String.raw`\b(?:admits|admitted)\b|` +
    String.raw`\b(?:said|stated|told us|reported)\s+(?:that\s+)?(?:he|she|they|the patient|pt)\s+` +
    String.raw`(?:${['[a-z]+ed', 'felt', 'took', 'had', 'was', 'were', 'drank', 'ate', 'did', 'fell', 'got', 'went'].join('|')})\b`,
  'i',
);
/**
 * What the patient says has changed since the treatment is the response, whoever says it: "said she was tight before, breathes
 * easier now", "said he felt sick, now able to move his arm". Broader than `CHANGE_WORDS` of change-words.ts ("up", "down",
 * "able"): only in what the patient told, where they say the change.
 */
const TOLD_CHANGE_WORDS = [
  ...['better', 'worse', 'easier', 'harder', 'improv\\w*', 'reliev\\w*', 'relief', 'gone', 'resolv\\w*', 'no longer', 'less', 'more'],
  ...['decreas\\w*', 'increas\\w*', 'down', 'up', 'able', 'radiat\\w*', '\\d+\\s*(?:/|out of)\\s*10'],
];
const TOLD_CHANGE = new RegExp(String.raw`\b(?:${TOLD_CHANGE_WORDS.join('|')})\b`, 'i');
const rechecked = (text: string, hasVitals: boolean): boolean =>
  REASSESSMENT.test(hasVitals || !PATIENT_TOLD.test(text) || TOLD_CHANGE.test(text) ? text : text.replace(/\bnow\b/gi, ' '));
const ANSWERED_WORDS = [
  ...['lungs?', 'breath', 'breathing', 'sounds', 'airway', 'c-?spine', 'spine', 'cervical', 'mentation', 'neuro', 'pupils'],
  ...['abdomen', 'chest', 'skin', 'neb', 'nebulizer', 'treatment', 'dose', 'bolus', 'survey', 'exam', 're-?assessed', 'rechecked'],
];
/** What a lone "Clear." or "Done." after it answers: a finding or a treatment ("Reassessed lung sounds en route. Clear."). */
const ANSWERED_BY_CLEAR = new RegExp(String.raw`\b(?:${ANSWERED_WORDS.join('|')})\b`, 'i');
/** A closing word said alone, with the speaker's fillers: "Done.", "Okay, done.", "Clear.", "All done." */
const SIGN_OFF = /^\s*(?:(?:um+|uh+|okay|ok|alright|all right|so|and)[\s,]+)*(?:all |i'?m |we'?re )?(?:done|clear|finished)[\s.!]*$/i;
/** Assessment phases whose line, said as a change after treatment began, documents the response instead. */
const RESPONSE_PHASES: ReadonlySet<EmsPhase> = new Set(['chief_complaint', 'history', 'exam']);

/** Words that deny what follows them within two words: "denies chest pain", "no cough". */
const DENIED_BY = ['denies', 'denied', 'denying', 'no', 'not', 'without', 'negative for'];
/**
 * Whether `text` says `word`, or a word it begins ("asthma" in "known asthmatic"), not denied ("denies chest pain" says no chest
 * pain); an apostrophe or hyphen matches any one sign.
 */
function saysWord(text: string, word: string): boolean {
  const denied = String.raw`(?<!\b(?:${DENIED_BY.join('|')})[\s,]+(?:[\p{L}'-]+[\s,]+){0,2})`;
  return new RegExp(String.raw`${denied}(?<![\p{L}\d])${word.replace(/[^\p{L}\d]/gu, '.')}`, 'iu').test(text);
}
/** Phase of every segment: the EMS rules first, then the clinical document's evidence links. */
export function phasesOf(
  documents: NarrativeDocuments,
  facts = extractEmsFacts(documents.transcript.segments),
  segments: ReadonlyArray<Pick<TranscriptSegment, 'id' | 'content'>> = documents.transcript.segments,
): Map<string, EmsPhase | null> {
  return phasesAndReassessments(documents, facts, segments).phases;
}

/** Drugs that raise the blood glucose: a glucose checked after one of them is its response, after any other drug none. */
const GLUCOSE_RAISERS: ReadonlySet<string> = new Set(['dextrose', 'glucagon', 'oral glucose']);
/** Whether the line's only readings are blood glucose ("Blood glucose was 97 mg/dL."). */
const glucoseOnly = (facts: EmsFacts, id: string) => {
  const kinds = facts.vitals.filter((v) => v.name.segmentId === id).map((v) => v.kind);
  return kinds.length > 0 && kinds.every((k) => k === 'glucose');
};

/** The phases, and the segments that re-measure vitals after treatment began (the response to it). */
function phasesAndReassessments(
  documents: NarrativeDocuments,
  facts: EmsFacts,
  segments: ReadonlyArray<Pick<TranscriptSegment, 'id' | 'content'>>,
  sequenceModel?: SectionSequenceModel,
): { phases: Map<string, EmsPhase | null>; reassessments: Set<string> } {
  const hint = new Map<string, EmsPhase>();
  for (const section of documents.clinicalDocument.sections) {
    const phase = PHASE_OF_DOCUMENT_SECTION[section.name];
    if (phase) for (const p of section.points) for (const id of p.evidence) if (!hint.has(id)) hint.set(id, phase);
  }
  // A short line nothing places ("Hypoglycemia.") is the medic's label for the call: kept as the impression.
  const phases = new Map<string, EmsPhase | null>(
    segments.map((s) => [
      s.id,
      classifySegment(s.id, s.content, facts) ?? hint.get(s.id) ?? (isShortStatement(s.content) ? 'impression' : null),
    ]),
  );
  // "Okay, so, this was the little guy with asthma over on Delmar.": the speaker naming the call before its story, dropped only
  // when another line says again what the patient had ("known asthmatic"); said nowhere else, it is kept.
  for (const s of segments) {
    const had = callNamedWithWhatTheyHad(s.content);
    if (had !== null && had.every((word) => segments.some((o) => o.id !== s.id && saysWord(o.content, word)))) phases.set(s.id, null);
  }
  // The speaker signing off: "Done.", "Okay, done.", "Clear." said alone as the dictation's last line, after the hand-off or
  // refusal. Said after a finding or a treatment the same word answers it ("Lung sounds. Clear.", "Neb started. Done.") and
  // is kept, as it is before another line.
  const last = segments.at(-1);
  const before = segments.length > 1 ? segments.at(-2) : undefined;
  const closing = (s: Pick<TranscriptSegment, 'id' | 'content'> | undefined) =>
    !s || ((phases.get(s.id) ?? 'transport') === 'transport' && !ANSWERED_BY_CLEAR.test(s.content));
  if (last && SIGN_OFF.test(last.content) && closing(before)) phases.set(last.id, null);
  // "Albuterol neb started at 1342. 2.5 mg.", "Placed on a nonrebreather. 15 L.": a number nothing places, said alone, goes
  // on with the line before it (the dose, the flow, the reading); dropped, a fact would be lost. Without a line before it,
  // the line after it.
  segments.forEach((s, i) => {
    if (phases.get(s.id) !== null || !/\d/.test(s.content) || documentsNothing(s.content)) return;
    const near = [...segments.slice(0, i).reverse(), ...segments.slice(i + 1)].find((o) => (phases.get(o.id) ?? null) !== null);
    if (near !== undefined) phases.set(s.id, phases.get(near.id) ?? null);
  });
  placeByCallTimeline(segments, phases, facts);
  placeHandOver(segments, phases, facts);
  // Repeat vitals taken once treatment began are the reassessment of that treatment.
  let treated = false;
  let lastTreatmentTime = '';
  const reassessments = new Set<string>();
  let previousResponded = false;
  // Whether a glucose-raising drug was given by a line (in it or before it), and whether a line's readings are a glucose no such
  // drug could have changed.
  const firstRaiser = segments.findIndex((s) => facts.medications.some((m) => m.mention.segmentId === s.id && GLUCOSE_RAISERS.has(m.name)));
  const glucoseRaisedBy = (i: number) => firstRaiser >= 0 && i >= firstRaiser;
  const glucoseUnchangedByCare = (s: { id: string }, i: number) => glucoseOnly(facts, s.id) && !glucoseRaisedBy(i);
  for (const [i, s] of segments.entries()) {
    const led = TIME_LED.exec(s.content)?.[1];
    const timedAfterTreatment = led !== undefined && lastTreatmentTime !== '' && led > lastTreatmentTime;
    const phase = phases.get(s.id);
    const hasVitals = facts.vitals.some((v) => v.name.segmentId === s.id);
    // Vitals said right after a line documenting the response continue that reassessment ("… sats up to 96" / "pressure 130 over 80").
    if (previousResponded && hasVitals && phase === 'exam' && VITALS_ONLY.test(s.content)) {
      phases.set(s.id, 'treatment');
      reassessments.add(s.id);
      continue;
    }
    previousResponded = false;
    // "D10 250 mL IV at 0712. Blood glucose was 141.": a glucose after a drug that raises it is that drug's response, however said.
    const glucoseRechecked = glucoseRaisedBy(i) && glucoseOnly(facts, s.id) && !facts.medications.some((m) => m.mention.segmentId === s.id);
    const remeasured =
      treated &&
      (REASSESSMENT.test(s.content) || timedAfterTreatment || glucoseRechecked) &&
      facts.vitals.some((v) => v.name.segmentId === s.id) &&
      !glucoseUnchangedByCare(s, i);
    if (remeasured && (phase === 'exam' || phase === 'treatment')) {
      phases.set(s.id, 'treatment');
      reassessments.add(s.id);
      previousResponded = true;
    }
    // A finding said as a change once treatment began ("More alert en route", "Pain 8 to 4") is the response to it.
    // "Post-ROSC vitals" names when they were taken, not a change: they stay the assessment.
    const changed = CHANGE_STATED.test(s.content.replace(/\bpost[- ]?rosc\b/gi, '')) && !PAST_HISTORY.test(s.content);
    // The crew cannot arrive after treating: an "arrival" word in a line that states a change then is the response.
    const responsePhase = phase && (RESPONSE_PHASES.has(phase) || phase === 'arrival');
    if (treated && responsePhase && changed) phases.set(s.id, 'treatment');
    // A finding re-checked once treatment began ("Crying and consolable en route") documents the response.
    if (treated && phase && RESPONSE_PHASES.has(phase) && !changed && !PAST_HISTORY.test(s.content) && rechecked(s.content, hasVitals)) {
      phases.set(s.id, 'treatment');
      reassessments.add(s.id);
    }
    if (treated && changed && phases.get(s.id) === 'treatment') previousResponded = true;
    if (phase === 'treatment') treated = true;
    if (phases.get(s.id) === 'treatment')
      for (const t of facts.times)
        if (t.span.segmentId === s.id && t.clock.replace(':', '') > lastTreatmentTime) lastTreatmentTime = t.clock.replace(':', '');
  }
  // The rules' answer is one observation of the learned call sequence, which has the last word.
  const moved = new Set(placeBySequence(segments, phases, facts, sequenceModel));
  let treatedBefore = false;
  for (const [i, s] of segments.entries()) {
    if (moved.has(s.id)) {
      const vitals = facts.vitals.some((v) => v.name.segmentId === s.id);
      if (phases.get(s.id) === 'treatment' && vitals && treatedBefore && !glucoseUnchangedByCare(s, i)) reassessments.add(s.id);
      else reassessments.delete(s.id);
    }
    if (phases.get(s.id) === 'treatment') treatedBefore = true;
  }
  // Only when a drug follows: "Sat 99 after NRB application" with nothing given after is the response to the oxygen itself.
  const order = new Map(segments.map((s, i) => [s.id, i] as const));
  const lastDrugAt = Math.max(-1, ...facts.medications.map((m) => order.get(m.mention.segmentId) ?? -1));
  segments.forEach((s, i) => {
    if (AFTER_DEVICE.test(s.content) && i < lastDrugAt) reassessments.delete(s.id);
  });
  placeListClosers(segments, phases);
  return { phases, reassessments };
}

export interface ComposeOptions {
  /** The call-sequence model to place sentences with; the trained one by default (the bench swaps in held-out ones). */
  sequenceModel?: SectionSequenceModel;
}

/**
 * Composes a narrative from the two HealthScribe documents with one template. Pure: the same
 * documents and template give the same narrative. Each sentence is a dictated segment (after its
 * spoken corrections) in the template section its phase maps to, ordered by the clinical
 * timeline, linked to that segment; each failed rule of the template becomes a missing-element
 * prompt, and so does every required section left empty.
 */
export function composeNarrative(
  documents: NarrativeDocuments,
  template: VersionedTemplate,
  options: ComposeOptions = {},
): ComposedNarrative {
  const reviewNotes: ReviewNote[] = [];
  const inSentence = documents.transcript.segments.map((s) => {
    const corrected = applySpokenCorrections(s.content.normalize('NFC'));
    // One note per correction: two values taken back in one line ("4 mg, correction, 2 mg at 0144, scratch that, 0145") are two
    // things the provider checks.
    for (let k = 0; k < corrected.corrections; k++) reviewNotes.push({ kind: 'correction', note: CORRECTION_NOTE, evidence: [s.id] });
    if ((corrected.unconfirmed ?? 0) > 0)
      reviewNotes.push({ kind: 'possible-correction', note: POSSIBLE_CORRECTION_NOTE, evidence: [s.id] });
    return { id: s.id, content: corrected.text };
  });
  const { segments, mergedInto, unconfirmed } = applyCorrectionSentences(inSentence, vitalKindOf);
  for (const [correction, target] of mergedInto)
    reviewNotes.push({ kind: 'correction', note: CORRECTION_NOTE, evidence: [target, correction] });
  for (const id of unconfirmed) reviewNotes.push({ kind: 'possible-correction', note: POSSIBLE_CORRECTION_NOTE, evidence: [id] });
  reviewNotes.sort((a, b) => segmentIndex(documents, a.evidence[0]) - segmentIndex(documents, b.evidence[0]));
  const citedBy = new Map<string, string[]>();
  for (const [correction, target] of mergedInto) citedBy.set(target, [...(citedBy.get(target) ?? []), correction]);
  const facts = extractEmsFacts(segments);
  const { phases, reassessments } = phasesAndReassessments(documents, facts, segments, options.sequenceModel);
  const def = template.definition;
  const sections: NarrativeSection[] = def.sections.map((s) => ({ key: s.key, title: s.title, sentences: [] }));
  const sectionOfPhase = new Map<EmsPhase, NarrativeSection>();
  def.sections.forEach((s, i) => s.phases.forEach((p) => sectionOfPhase.set(p, sections[i] as NarrativeSection)));
  for (const segment of segments) {
    const phase = phases.get(segment.id);
    const section = phase ? sectionOfPhase.get(phase) : undefined;
    const text = styleSentence(def.style === 'verbatim' ? segment.content : toChartingStyle(segment.content));
    if (section && text) section.sentences.push({ text, evidence: [segment.id, ...(citedBy.get(segment.id) ?? [])] });
  }
  const rank = timelineOrder(
    segments.map((s) => s.id),
    facts,
  );
  for (const section of sections)
    section.sentences = section.sentences
      .map((x, i) => ({ x, i }))
      .sort((a, b) => (rank.get(a.x.evidence[0] ?? '') ?? 0) - (rank.get(b.x.evidence[0] ?? '') ?? 0) || a.i - b.i)
      .map(({ x }) => x);
  const ctx = {
    facts,
    phases,
    transcript: {
      ...documents.transcript,
      segments: documents.transcript.segments.map((s, i) => ({ ...s, content: segments[i]?.content ?? s.content })),
    },
    clinicalDocument: documents.clinicalDocument,
    vitalsFullSet: def.vitalsFullSet,
    reassessments,
  };
  const missing = missingElements(def, ctx);
  const emptySections = promptsForEmptySections(def, ctx, sections, missing);
  for (const e of emptySections)
    if (!missing.some((m) => m.element === e.element)) missing.push({ element: e.element, prompt: e.prompt, evidence: [] });
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
    reviewNotes,
    emptySections,
    facts,
    handoff: mistHandoff({ facts, phases, segments }),
  };
}
