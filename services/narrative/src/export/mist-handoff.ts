import type { EmsFacts, EmsPhase, VitalFact } from '@medicdraft/healthscribe-documents';

/** One line of the hand-off and the transcript segments it is read from (never empty). */
export interface HandoffLine {
  text: string;
  evidence: string[];
}

/**
 * A MIST hospital hand-off: Mechanism or medical complaint, Injuries or illness found, Signs
 * (vital signs, first and last set), Treatment (medications with dose, route and time, procedures,
 * and the patient's response). Built from the same facts and phases the narrative is composed from,
 * after spoken corrections, so it never says a retracted value. An empty part says nothing was
 * dictated for it; it is never filled in.
 */
export interface MistHandoff {
  mechanism: HandoffLine[];
  injuries: HandoffLine[];
  signs: HandoffLine[];
  treatment: HandoffLine[];
}

export const MIST_PARTS = [
  ['mechanism', 'M', 'Mechanism / medical complaint'],
  ['injuries', 'I', 'Injuries / illness'],
  ['signs', 'S', 'Signs'],
  ['treatment', 'T', 'Treatment'],
] as const;

const VITAL_LABEL: Readonly<Record<VitalFact['kind'], string>> = {
  bp: 'BP',
  hr: 'HR',
  rr: 'RR',
  spo2: 'SpO2',
  gcs: 'GCS',
  glucose: 'BGL',
  temp: 'Temp',
  pain: 'Pain',
  etco2: 'EtCO2',
};
const VITAL_UNIT: Partial<Readonly<Record<VitalFact['kind'], string>>> = { spo2: '%', etco2: ' mmHg', glucose: ' mg/dL' };

interface HandoffInput {
  facts: EmsFacts;
  phases: ReadonlyMap<string, EmsPhase | null>;
  /** The segments after spoken corrections, in dictation order. */
  segments: readonly { id: string; content: string }[];
}

const unique = (ids: string[]) => [...new Set(ids)];

function vitalSets(input: HandoffInput): HandoffLine[] {
  // A set is the vitals read from one segment; the hand-off gives the first and, if different, the last.
  const bySegment = new Map<string, VitalFact[]>();
  for (const v of input.facts.vitals) bySegment.set(v.name.segmentId, [...(bySegment.get(v.name.segmentId) ?? []), v]);
  const order = new Map(input.segments.map((s, i) => [s.id, i]));
  const sets = [...bySegment.entries()].sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0));
  const line = ([id, vitals]: [string, VitalFact[]], label: string): HandoffLine => ({
    text: `${label}: ${vitals.map((v) => `${VITAL_LABEL[v.kind]} ${v.value}${VITAL_UNIT[v.kind] ?? ''}`).join(', ')}`,
    evidence: [id],
  });
  const first = sets[0];
  const last = sets.at(-1);
  if (first === undefined || last === undefined) return [];
  return first === last ? [line(first, 'Initial')] : [line(first, 'Initial'), line(last, 'Latest')];
}

function treatments(input: HandoffInput): HandoffLine[] {
  const lines: { at: number; line: HandoffLine }[] = [];
  const order = new Map(input.segments.map((s, i) => [s.id, i]));
  for (const m of input.facts.medications) {
    const parts = [m.name, m.dose?.text, m.routeCode ?? m.route?.text, m.clock === null ? undefined : `at ${m.clock}`];
    const spans = [m.mention, m.dose, m.route, m.time].flatMap((s) => (s === null ? [] : [s.segmentId]));
    lines.push({ at: order.get(m.mention.segmentId) ?? 0, line: { text: parts.filter((p) => p).join(' '), evidence: unique(spans) } });
  }
  for (const p of input.facts.procedures)
    lines.push({ at: order.get(p.mention.segmentId) ?? 0, line: { text: p.name, evidence: [p.mention.segmentId] } });
  for (const c of input.facts.context.filter((x) => x.type === 'TREATMENT_RESPONSE'))
    lines.push({ at: order.get(c.span.segmentId) ?? 0, line: { text: `Response: ${c.value}`, evidence: [c.span.segmentId] } });
  return lines.sort((a, b) => a.at - b.at).map((x) => x.line);
}

/** The MIST hand-off of one dictation (pure: the same facts give the same hand-off). */
export function mistHandoff(input: HandoffInput): MistHandoff {
  const context = (type: string) => input.facts.context.filter((c) => c.type === type);
  const age = context('PATIENT_AGE')[0];
  const sex = context('PATIENT_SEX')[0];
  const who = [age?.value, sex?.value].filter((x) => x !== undefined).join(' ');
  const complaints = context('CHIEF_COMPLAINT');
  const reason = complaints.length > 0 ? complaints : context('DISPATCH_NATURE');
  const mechanism: HandoffLine[] = reason.map((c, i) => ({
    text: i === 0 && who !== '' ? `${who}: ${c.value}` : c.value,
    evidence: unique([c.span.segmentId, ...(i === 0 ? [age?.span.segmentId, sex?.span.segmentId].filter((x) => x !== undefined) : [])]),
  }));
  const injuries = input.segments
    .filter((s) => input.phases.get(s.id) === 'impression' && s.content.trim() !== '')
    .map((s) => ({ text: s.content.trim(), evidence: [s.id] }));
  return { mechanism, injuries, signs: vitalSets(input), treatment: treatments(input) };
}

/** Plain text for the receiving hospital: one `M:`/`I:`/`S:`/`T:` paragraph each, `none dictated` when empty. */
export function mistText(handoff: MistHandoff): string {
  return MIST_PARTS.map(([key, letter]) => {
    const lines = handoff[key];
    return `${letter}: ${lines.length === 0 ? 'none dictated' : lines.map((l) => l.text).join('; ')}`;
  }).join('\n');
}
