/**
 * The normalised model every consumer works with, whatever produced the files (AWS HealthScribe
 * batch or streaming output, or the synthetic engine). Field names are ours; raw enum-like values
 * are upper-cased and kept as open strings.
 */

export type SpeakerKind = 'clinician' | 'patient' | 'other';

export interface TranscriptSegment {
  id: string;
  /** Seconds from the start of the audio; 0 when the file has no times. */
  beginTime: number;
  endTime: number;
  /** `ParticipantRole` as given, e.g. `CLINICIAN_0`, `PATIENT_0`; `UNKNOWN` when absent. */
  speaker: string;
  speakerKind: SpeakerKind;
  /** Transcript section (`SUBJECTIVE`, `OTHER`, …) or null. */
  section: string | null;
  content: string;
}

export interface InsightSpan {
  segmentId: string;
  /** Character offsets into the segment's content; `end` is inclusive (as in the AWS example). */
  begin: number | null;
  end: number | null;
  content: string | null;
}

export interface InsightAttribute {
  id: string | null;
  type: string;
  spans: InsightSpan[];
}

/** A `ClinicalInsights[]` entry as-is (Comprehend Medical categories/types, upper-cased). */
export interface ClinicalInsight {
  id: string;
  insightType: string;
  category: string;
  type: string;
  spans: InsightSpan[];
  attributes: InsightAttribute[];
}

export type VitalKind = 'bp' | 'hr' | 'rr' | 'spo2' | 'gcs' | 'glucose' | 'temp' | 'pain' | 'etco2';

/** A vital sign read from insights; `value` is the text as spoken/normalised (e.g. `150/90`). */
export interface VitalInsight {
  kind: VitalKind;
  value: string;
  unit: string | null;
  segmentIds: string[];
  insightId: string;
}

export interface MedicationInsight {
  name: string;
  dose: string | null;
  route: string | null;
  time: string | null;
  segmentIds: string[];
  insightId: string;
}

export interface TimeInsight {
  /** `HH:MM` (24 h) when it could be normalised, else the text. */
  value: string;
  segmentIds: string[];
  insightId: string;
}

/** EMS context the synthetic engine marks with category `EMS_CONTEXT` (absent in AWS output). */
export interface ContextInsight {
  type: string;
  value: string;
  segmentIds: string[];
  insightId: string;
}

export interface TranscriptInsights {
  vitals: VitalInsight[];
  medications: MedicationInsight[];
  times: TimeInsight[];
  context: ContextInsight[];
}

export interface TranscriptItem {
  type: 'pronunciation' | 'punctuation' | 'other';
  content: string;
  confidence: number | null;
  beginTime: number | null;
  endTime: number | null;
}

export interface Transcript {
  conversationId: string | null;
  jobName: string | null;
  jobType: string | null;
  sessionId: string | null;
  languageCode: string | null;
  segments: TranscriptSegment[];
  clinicalInsights: ClinicalInsight[];
  insights: TranscriptInsights;
  items: TranscriptItem[];
}

export interface SummaryPoint {
  /** Summarised text without the leading "- " HealthScribe may add. */
  text: string;
  /** Transcript segment ids this point is based on. */
  evidence: string[];
}

export interface ClinicalSection {
  /** Upper-cased; the demo's `CHIEF_COMPLIANT` is normalised to `CHIEF_COMPLAINT`. */
  name: string;
  /** Exactly as in the file. */
  rawName: string;
  points: SummaryPoint[];
}

export interface ClinicalDocument {
  sessionId: string | null;
  sections: ClinicalSection[];
}
