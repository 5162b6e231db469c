import { HsTranscriptFileSchema, type HsClinicalInsight, type HsSpan, type HsTranscriptItem } from './transcript.schema.js';
import { asJsonValue, DocumentFormatError, toIssues, type DocumentParseResult } from './document-error.js';
import type { ClinicalInsight, InsightSpan, SpeakerKind, Transcript, TranscriptItem, TranscriptSegment } from './document-model.js';
import { deriveInsights } from './derive-insights.js';

const upper = (s: string | undefined): string | null => (s === undefined || s.trim() === '' ? null : s.trim().toUpperCase());

function speakerKindOf(role: string): SpeakerKind {
  if (role.startsWith('CLINICIAN')) return 'clinician';
  if (role.startsWith('PATIENT')) return 'patient';
  return 'other';
}

function toSpan(s: HsSpan): InsightSpan {
  return { segmentId: s.SegmentId, begin: s.BeginCharacterOffset ?? null, end: s.EndCharacterOffset ?? null, content: s.Content ?? null };
}

function toInsight(i: HsClinicalInsight): ClinicalInsight {
  return {
    id: i.InsightId,
    insightType: upper(i.InsightType) ?? 'CLINICALENTITY',
    category: upper(i.Category) ?? 'UNKNOWN',
    type: upper(i.Type) ?? 'UNKNOWN',
    spans: (i.Spans ?? []).map(toSpan),
    attributes: (i.Attributes ?? []).map((a) => ({
      id: a.AttributeId ?? null,
      type: upper(a.Type) ?? 'UNKNOWN',
      spans: (a.Spans ?? []).map(toSpan),
    })),
  };
}

function toItem(i: HsTranscriptItem): TranscriptItem {
  const alt = i.Alternatives?.[0];
  const type = (i.Type ?? '').toLowerCase();
  return {
    type: type === 'pronunciation' || type === 'punctuation' ? type : 'other',
    content: alt?.Content ?? i.Content ?? '',
    confidence: alt?.Confidence ?? i.Confidence ?? null,
    beginTime: i.BeginAudioTime ?? null,
    endTime: i.EndAudioTime ?? null,
  };
}

/**
 * Validates and normalises a HealthScribe transcript file (object, JSON text or bytes).
 * Never throws; failures carry paths and issue codes only (no content).
 */
export function safeParseTranscript(input: unknown): DocumentParseResult<Transcript> {
  const json = asJsonValue(input, 'transcript');
  if (!json.ok) return json;
  const parsed = HsTranscriptFileSchema.safeParse(json.value);
  if (!parsed.success) return { ok: false, error: new DocumentFormatError('transcript', toIssues(parsed.error)) };
  const c = parsed.data.Conversation;
  const ids = new Set<string>();
  for (const s of c.TranscriptSegments) {
    if (ids.has(s.SegmentId))
      return {
        ok: false,
        error: new DocumentFormatError('transcript', [{ path: 'Conversation.TranscriptSegments', code: 'duplicate_segment_id' }]),
      };
    ids.add(s.SegmentId);
  }
  const segments: TranscriptSegment[] = c.TranscriptSegments.map((s) => {
    const speaker = upper(s.ParticipantDetails?.ParticipantRole) ?? 'UNKNOWN';
    return {
      id: s.SegmentId,
      beginTime: s.BeginAudioTime ?? 0,
      endTime: s.EndAudioTime ?? s.BeginAudioTime ?? 0,
      speaker,
      speakerKind: speakerKindOf(speaker),
      section: upper(s.SectionDetails?.SectionName),
      content: s.Content,
    };
  });
  const clinicalInsights = (c.ClinicalInsights ?? []).map(toInsight);
  return {
    ok: true,
    value: {
      conversationId: c.ConversationId ?? null,
      jobName: c.JobName ?? null,
      jobType: c.JobType ?? null,
      sessionId: c.SessionId ?? null,
      languageCode: c.LanguageCode ?? null,
      segments,
      clinicalInsights,
      insights: deriveInsights(clinicalInsights, segments),
      items: (c.TranscriptItems ?? []).map(toItem),
    },
  };
}

/** As `safeParseTranscript`, throwing `DocumentFormatError` (code `output_invalid`). */
export function parseTranscript(input: unknown): Transcript {
  const r = safeParseTranscript(input);
  if (!r.ok) throw r.error;
  return r.value;
}
