import type { EmsFacts, FactSpan } from '../ems/ems-facts.js';

/** One `ClinicalInsights[]` entry in the HealthScribe wire shape. */
export interface HsInsightOut {
  InsightId: string;
  InsightType: 'ClinicalEntity';
  Category: string;
  Type: string;
  Spans: HsSpanOut[];
  Attributes: Array<{ AttributeId: string; Type: string; Spans: HsSpanOut[] }>;
}
interface HsSpanOut {
  SegmentId: string;
  BeginCharacterOffset?: number;
  EndCharacterOffset?: number;
  Content: string;
}

/** HealthScribe's end offsets are inclusive; ours are exclusive. */
const wire = (s: FactSpan): HsSpanOut => ({
  SegmentId: s.segmentId,
  BeginCharacterOffset: s.begin,
  EndCharacterOffset: s.end - 1,
  Content: s.text,
});

/**
 * Facts → insights in Comprehend Medical vocabulary (what AWS HealthScribe emits), plus the
 * `EMS_CONTEXT` category for dispatch/response/transport facts that vocabulary has no words for.
 * Normalised context values ride in a `VALUE` attribute whose span has content but no offsets.
 */
export function toInsights(facts: EmsFacts): HsInsightOut[] {
  const out: HsInsightOut[] = [];
  let n = 0;
  const id = () => `insight-${++n}`;
  let a = 0;
  const attr = (type: string, span: FactSpan | null) => (span ? [{ AttributeId: `attr-${++a}`, Type: type, Spans: [wire(span)] }] : []);
  for (const v of facts.vitals) {
    out.push({
      InsightId: id(),
      InsightType: 'ClinicalEntity',
      Category: 'TEST_TREATMENT_PROCEDURE',
      Type: 'TEST_NAME',
      Spans: [wire(v.name)],
      Attributes: [...attr('TEST_VALUE', v.valueSpan), ...attr('TEST_UNIT', v.unitSpan)],
    });
  }
  for (const m of facts.medications) {
    out.push({
      InsightId: id(),
      InsightType: 'ClinicalEntity',
      Category: 'MEDICATION',
      Type: 'GENERIC_NAME',
      Spans: [wire(m.mention)],
      Attributes: [...attr('DOSAGE', m.dose), ...attr('ROUTE_OR_MODE', m.route), ...attr('TIME_TO_MEDICATION_NAME', m.time)],
    });
  }
  for (const p of facts.procedures) {
    out.push({
      InsightId: id(),
      InsightType: 'ClinicalEntity',
      Category: 'TEST_TREATMENT_PROCEDURE',
      Type: 'PROCEDURE_NAME',
      Spans: [wire(p.mention)],
      Attributes: [],
    });
  }
  for (const t of facts.times) {
    out.push({
      InsightId: id(),
      InsightType: 'ClinicalEntity',
      Category: 'TIME_EXPRESSION',
      Type: 'TIME_EXPRESSION',
      Spans: [wire(t.span)],
      Attributes: [],
    });
  }
  for (const c of facts.context) {
    out.push({
      InsightId: id(),
      InsightType: 'ClinicalEntity',
      Category: 'EMS_CONTEXT',
      Type: c.type,
      Spans: [wire(c.span)],
      Attributes: [{ AttributeId: `attr-${++a}`, Type: 'VALUE', Spans: [{ SegmentId: c.span.segmentId, Content: c.value }] }],
    });
  }
  return out;
}
