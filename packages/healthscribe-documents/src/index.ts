export * from './transcript.schema.js';
export * from './clinical-document.schema.js';
export * from './document-model.js';
export { DocumentFormatError, type DocumentIssue, type DocumentKind, type DocumentParseResult } from './document-error.js';
export { parseTranscript, safeParseTranscript } from './parse-transcript.js';
export { parseClinicalDocument, safeParseClinicalDocument, normaliseSectionName, danglingEvidence } from './parse-clinical-document.js';
export { deriveInsights } from './derive-insights.js';
export * from './ems/ems-facts.js';
export { extractEmsFacts, firstContext } from './ems/extract-ems-facts.js';
export {
  callNamedWithWhatTheyHad,
  classifySegment,
  documentsNothing,
  EMS_PHASES,
  isShortStatement,
  type EmsPhase,
} from './ems/segment-classifier.js';
export { splitSentences } from './ems/sentence-splitter.js';
/** The EMS medication, procedure and route vocabulary (generic name ← spoken aliases), for readers outside the extractors. */
export { HOME_MEDICATIONS, MEDICATIONS, PROCEDURES, ROUTES } from './ems/treatment-lexicon.js';
export { vitalKindOf, normaliseClock, normaliseVitalValue } from './ems/vital-names.js';
/** Spelled-out numbers as medics say them → digits ("twenty-two oh four" → "2204"), for readers that compare values. */
export { readSpokenNumbers } from './ems/spoken-numbers.js';
/** A word table without a prototype, for every table a dictated word is looked up in. */
export { lookupTable } from './ems/word-table.js';
/** The people a dictation names who are not the EMS crew (family, bystanders, other responders, staff), as word tables. */
export { CARE_STAFF, FAMILY, OTHER_RESPONDERS, OTHERS_AT_SCENE, PEOPLE_NOT_CREW } from './ems/people-not-crew.js';
/** Words a speaker says of their own words: a guess before a number, a correction's cue and when "sorry" is none. */
export {
  CORRECTION_CUE_WORDS,
  CORRECTION_SOURCE_WORDS,
  GUESS_WORDS,
  LOOSE_CUE_WORDS,
  SAID_WORDS,
  SORRY_AS_FEELING_AFTER,
} from './ems/spoken-cues.js';
/** A hand-off said in any of the ways medics say it, for readers of the call's order. */
export { CONDITION_WORD_TABLE, facilityNamedInRunOn, HANDOFF, NOT_CARE_URGENCY, STREET_SUFFIX } from './ems/context-extractor.js';
export {
  createSyntheticDocuments,
  SYNTHETIC_ENGINE_VERSION,
  type SyntheticDocuments,
  type SyntheticOptions,
} from './synthetic/synthetic-engine.js';
