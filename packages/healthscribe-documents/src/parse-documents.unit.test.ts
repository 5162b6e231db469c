import { describe, expect, it } from 'vitest';
import {
  DocumentFormatError,
  parseClinicalDocument,
  parseTranscript,
  safeParseClinicalDocument,
  safeParseTranscript,
  danglingEvidence,
} from './index.js';

// The two illustrative examples of the HealthScribe output documents, verbatim up to line breaks between JSON tokens.
const REFERENCE_TRANSCRIPT = `{"Conversation":{"ConversationId":"3f1c2a9e-0000-4000-8000-000000000001","JobName":"enc-2025-001",
 "JobType":"ASYNC","LanguageCode":"en-US",
 "ClinicalInsights":[
  {"InsightId":"i-1","InsightType":"ClinicalEntity","Category":"MEDICAL_CONDITION","Type":"DX_NAME","Attributes":[],
   "Spans":[{"SegmentId":"s-2","BeginCharacterOffset":14,"EndCharacterOffset":23,"Content":"chest pain"}]},
  {"InsightId":"i-2","InsightType":"ClinicalEntity","Category":"MEDICATION","Type":"GENERIC_NAME",
   "Attributes":[{"AttributeId":"a-1","Type":"DOSAGE","Spans":[{"SegmentId":"s-3","BeginCharacterOffset":14,
    "EndCharacterOffset":18,"Content":"81 mg"}]}],
   "Spans":[{"SegmentId":"s-3","BeginCharacterOffset":6,"EndCharacterOffset":12,"Content":"aspirin"}]}],
 "TranscriptItems":[
  {"Alternatives":[{"Confidence":0.998,"Content":"What"}],"BeginAudioTime":0.41,"EndAudioTime":0.62,"Type":"PRONUNCIATION"},
  {"Alternatives":[{"Confidence":0,"Content":"?"}],"BeginAudioTime":1.55,"EndAudioTime":1.55,"Type":"PUNCTUATION"}],
 "TranscriptSegments":[
  {"SegmentId":"s-1","BeginAudioTime":0.41,"EndAudioTime":1.55,"Content":"What brings you in today?",
   "ParticipantDetails":{"ParticipantRole":"CLINICIAN_0"},"SectionDetails":{"SectionName":"SUBJECTIVE"}},
  {"SegmentId":"s-2","BeginAudioTime":1.9,"EndAudioTime":4.2,"Content":"I've had some chest pain since last night.",
   "ParticipantDetails":{"ParticipantRole":"PATIENT_0"},"SectionDetails":{"SectionName":"SUBJECTIVE"}},
  {"SegmentId":"s-3","BeginAudioTime":4.5,"EndAudioTime":7.1,"Content":"Start aspirin 81 mg daily.",
   "ParticipantDetails":{"ParticipantRole":"CLINICIAN_0"},"SectionDetails":{"SectionName":"ASSESSMENT_AND_PLAN"}}]}}`;

const REFERENCE_DOCUMENT = `{"ClinicalDocumentation":{"Sections":[
 {"SectionName":"CHIEF_COMPLAINT","Summary":[{"SummarizedSegment":"Chest pain.","EvidenceLinks":[{"SegmentId":"s-2"}]}]},
 {"SectionName":"HISTORY_OF_PRESENT_ILLNESS",
  "Summary":[{"SummarizedSegment":"The patient reports chest pain that began last night.",
  "EvidenceLinks":[{"SegmentId":"s-1"},{"SegmentId":"s-2"}]}]},
 {"SectionName":"REVIEW_OF_SYSTEMS","Summary":[]},
 {"SectionName":"ASSESSMENT","Summary":[{"SummarizedSegment":"Chest pain, etiology to be determined.",
  "EvidenceLinks":[{"SegmentId":"s-2"}]}]},
 {"SectionName":"PLAN","Summary":[{"SummarizedSegment":"- Start aspirin 81 mg daily.","EvidenceLinks":[{"SegmentId":"s-3"}]}]}]}}`;

describe('parseTranscript', () => {
  it('normalises the reference example: segments, speakers, sections, items and insights', () => {
    const t = parseTranscript(REFERENCE_TRANSCRIPT);
    expect(t).toMatchObject({
      conversationId: '3f1c2a9e-0000-4000-8000-000000000001',
      jobName: 'enc-2025-001',
      jobType: 'ASYNC',
      languageCode: 'en-US',
      sessionId: null,
    });
    expect(t.segments.map((s) => [s.id, s.speaker, s.speakerKind, s.section, s.beginTime, s.endTime])).toEqual([
      ['s-1', 'CLINICIAN_0', 'clinician', 'SUBJECTIVE', 0.41, 1.55],
      ['s-2', 'PATIENT_0', 'patient', 'SUBJECTIVE', 1.9, 4.2],
      ['s-3', 'CLINICIAN_0', 'clinician', 'ASSESSMENT_AND_PLAN', 4.5, 7.1],
    ]);
    expect(t.items).toEqual([
      { type: 'pronunciation', content: 'What', confidence: 0.998, beginTime: 0.41, endTime: 0.62 },
      { type: 'punctuation', content: '?', confidence: 0, beginTime: 1.55, endTime: 1.55 },
    ]);
    expect(t.clinicalInsights.map((i) => [i.id, i.category, i.type])).toEqual([
      ['i-1', 'MEDICAL_CONDITION', 'DX_NAME'],
      ['i-2', 'MEDICATION', 'GENERIC_NAME'],
    ]);
    expect(t.insights.medications).toEqual([
      { name: 'aspirin', dose: '81 mg', route: null, time: null, segmentIds: ['s-3'], insightId: 'i-2' },
    ]);
    expect(t.insights.vitals).toEqual([]);
  });

  it('tolerates streaming shape, lowercase item types, missing details and unknown fields', () => {
    const t = parseTranscript({
      Conversation: {
        SessionId: 'sess-1',
        FutureField: { anything: true },
        TranscriptItems: [
          { Confidence: 0.9, Content: 'BP', BeginAudioTime: 0, EndAudioTime: 0.2, Type: 'pronunciation' },
          { Content: '.', Type: 'punctuation' },
        ],
        TranscriptSegments: [{ SegmentId: 'a', Content: 'BP 120/80.', Extra: 1 }],
        ClinicalInsights: [
          {
            InsightId: 'x',
            InsightType: 'ClinicalPhrase',
            Category: 'test_treatment_procedure',
            Type: 'test_name',
            Confidence: 0.7,
            Traits: [{ Name: 'NEGATION', Score: 0.1 }],
            Spans: [{ SegmentId: 'a', BeginCharacterOffset: 0, EndCharacterOffset: 1 }],
            Attributes: [{ Type: 'TEST_VALUE', Spans: [{ SegmentId: 'a', BeginCharacterOffset: 3, EndCharacterOffset: 8 }] }],
          },
        ],
      },
    });
    expect(t.sessionId).toBe('sess-1');
    expect(t.jobName).toBeNull();
    expect(t.items.map((i) => [i.type, i.content, i.confidence])).toEqual([
      ['pronunciation', 'BP', 0.9],
      ['punctuation', '.', null],
    ]);
    expect(t.segments[0]).toMatchObject({ speaker: 'UNKNOWN', speakerKind: 'other', section: null, beginTime: 0, endTime: 0 });
    // Offsets are inclusive: 0..1 is "BP", 3..8 is "120/80".
    expect(t.insights.vitals).toEqual([{ kind: 'bp', value: '120/80', unit: null, segmentIds: ['a'], insightId: 'x' }]);
  });

  it('rejects a file without segments, duplicate segment ids and bad JSON without echoing content', () => {
    const canary = 'CANARY-PATIENT-JANE-DOE';
    const noSegments = safeParseTranscript({ Conversation: { ConversationId: canary } });
    expect(noSegments.ok).toBe(false);
    if (!noSegments.ok) {
      expect(noSegments.error).toBeInstanceOf(DocumentFormatError);
      expect(noSegments.error.issues).toEqual([{ path: 'Conversation.TranscriptSegments', code: 'invalid_type' }]);
    }
    const dup = safeParseTranscript({
      Conversation: {
        TranscriptSegments: [
          { SegmentId: 'a', Content: canary },
          { SegmentId: 'a', Content: canary },
        ],
      },
    });
    expect(dup.ok || dup.error.issues[0]?.code).toBe('duplicate_segment_id');
    const bad = safeParseTranscript(`{"Conversation": ${canary}`);
    expect(bad.ok || bad.error.issues).toEqual([{ path: '', code: 'invalid_json' }]);
    for (const r of [noSegments, dup, bad])
      expect(r.ok ? '' : `${r.error.message} ${JSON.stringify(r.error.issues)}`).not.toContain(canary);
    expect(() => parseTranscript({ Conversation: { TranscriptSegments: [{ SegmentId: 'a', Content: 5 }] } })).toThrow(DocumentFormatError);
    expect(() => parseTranscript(new TextEncoder().encode(REFERENCE_TRANSCRIPT))).not.toThrow();
  });
});

describe('parseClinicalDocument', () => {
  it('normalises the reference example: open section names, dash stripped, evidence kept', () => {
    const d = parseClinicalDocument(REFERENCE_DOCUMENT);
    expect(d.sections.map((s) => [s.name, s.points.length])).toEqual([
      ['CHIEF_COMPLAINT', 1],
      ['HISTORY_OF_PRESENT_ILLNESS', 1],
      ['REVIEW_OF_SYSTEMS', 0],
      ['ASSESSMENT', 1],
      ['PLAN', 1],
    ]);
    expect(d.sections[1]?.points[0]?.evidence).toEqual(['s-1', 's-2']);
    expect(d.sections[4]?.points[0]?.text).toBe('Start aspirin 81 mg daily.');
    const segmentIds = new Set(parseTranscript(REFERENCE_TRANSCRIPT).segments.map((s) => s.id));
    expect(danglingEvidence(d, segmentIds)).toEqual([]);
    expect(danglingEvidence(d, new Set(['s-1']))).toEqual(['s-2', 's-3']);
  });

  it("accepts the demo's CHIEF_COMPLIANT spelling, omitted Summary, GIRPP names, SessionId and unknown fields", () => {
    const d = parseClinicalDocument({
      ClinicalDocumentation: {
        SessionId: 's',
        Other: 1,
        Sections: [
          {
            SectionName: 'CHIEF_COMPLIANT',
            Summary: [{ SummarizedSegment: '- Fall.', EvidenceLinks: [{ SegmentId: 'a' }, { SegmentId: 'a' }] }],
          },
          { SectionName: 'GOAL' },
          {
            SectionName: 'plan',
            Summary: [{ SummarizedSegment: '  ' }, { SummarizedSegment: 'For the condition of Weight loss: monitor.', Note: 'x' }],
          },
        ],
      },
    });
    expect(d.sessionId).toBe('s');
    expect(d.sections.map((s) => [s.name, s.rawName])).toEqual([
      ['CHIEF_COMPLAINT', 'CHIEF_COMPLIANT'],
      ['GOAL', 'GOAL'],
      ['PLAN', 'plan'],
    ]);
    expect(d.sections[0]?.points).toEqual([{ text: 'Fall.', evidence: ['a'] }]);
    expect(d.sections[1]?.points).toEqual([]);
    expect(d.sections[2]?.points).toEqual([{ text: 'For the condition of Weight loss: monitor.', evidence: [] }]);
  });

  it('accepts a document without Sections and rejects one without ClinicalDocumentation', () => {
    expect(parseClinicalDocument({ ClinicalDocumentation: {} }).sections).toEqual([]);
    const r = safeParseClinicalDocument({ Sections: [] });
    expect(r.ok || r.error.issues).toEqual([{ path: 'ClinicalDocumentation', code: 'invalid_type' }]);
  });
});
