import type { ClinicalInsight, InsightSpan, TranscriptInsights, TranscriptSegment } from './document-model.js';
import { normaliseClock, normaliseVitalValue, vitalKindOf } from './ems/vital-names.js';

/** Span text: the `Content` when present, else cut from the segment (end offset inclusive). */
function spanText(span: InsightSpan, segments: ReadonlyMap<string, TranscriptSegment>): string | null {
  if (span.content) return span.content;
  const seg = segments.get(span.segmentId);
  if (!seg || span.begin === null || span.end === null) return null;
  return seg.content.slice(span.begin, span.end + 1);
}

function firstText(spans: readonly InsightSpan[], segments: ReadonlyMap<string, TranscriptSegment>): string | null {
  for (const s of spans) {
    const t = spanText(s, segments);
    if (t) return t.trim();
  }
  return null;
}

const segmentIdsOf = (i: ClinicalInsight): string[] => [
  ...new Set([...i.spans, ...i.attributes.flatMap((a) => a.spans)].map((s) => s.segmentId)),
];

/**
 * Typed views over `ClinicalInsights` (Comprehend Medical vocabulary): vitals are `TEST_NAME`
 * entities whose name is a vital sign with a `TEST_VALUE` attribute; medications are `MEDICATION`
 * entities with `DOSAGE`/`STRENGTH`, `ROUTE_OR_MODE` and time attributes; times are
 * `TIME_EXPRESSION` entities; `EMS_CONTEXT` entities are the synthetic engine's extension.
 */
export function deriveInsights(insights: readonly ClinicalInsight[], segmentList: readonly TranscriptSegment[]): TranscriptInsights {
  const segments = new Map(segmentList.map((s) => [s.id, s]));
  const out: TranscriptInsights = { vitals: [], medications: [], times: [], context: [] };
  const attr = (i: ClinicalInsight, match: (type: string) => boolean) =>
    firstText(
      i.attributes.filter((a) => match(a.type)).flatMap((a) => a.spans),
      segments,
    );
  for (const i of insights) {
    const name = firstText(i.spans, segments);
    if (name === null) continue;
    if (i.category === 'TEST_TREATMENT_PROCEDURE' && i.type === 'TEST_NAME') {
      const kind = vitalKindOf(name);
      const value = attr(i, (t) => t === 'TEST_VALUE');
      if (kind && value)
        out.vitals.push({
          kind,
          value: normaliseVitalValue(kind, value),
          unit: attr(i, (t) => t === 'TEST_UNIT'),
          segmentIds: segmentIdsOf(i),
          insightId: i.id,
        });
    } else if (i.category === 'MEDICATION') {
      const time = attr(i, (t) => t.includes('TIME'));
      out.medications.push({
        name,
        dose: attr(i, (t) => t === 'DOSAGE' || t === 'STRENGTH'),
        route: attr(i, (t) => t === 'ROUTE_OR_MODE'),
        time: time === null ? null : (normaliseClock(time) ?? time),
        segmentIds: segmentIdsOf(i),
        insightId: i.id,
      });
    } else if (i.category === 'TIME_EXPRESSION') {
      out.times.push({ value: normaliseClock(name) ?? name, segmentIds: segmentIdsOf(i), insightId: i.id });
    } else if (i.category === 'EMS_CONTEXT') {
      out.context.push({ type: i.type, value: attr(i, (t) => t === 'VALUE') ?? name, segmentIds: segmentIdsOf(i), insightId: i.id });
    }
  }
  return out;
}
