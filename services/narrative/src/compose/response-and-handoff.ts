import { HANDOFF, NOT_CARE_URGENCY, type EmsFacts, type EmsPhase } from '@medicdraft/healthscribe-documents';

/**
 * Where the call's sequence, not a line's own wording, decides: the response is said right after the
 * dispatch, and the hand-off closes the transport (the hand-off words and the condition said with them are the
 * extractors' own). Word lists say what a medic may say there; the
 * position says what the line is, so a way of saying it that no list holds still lands in place.
 */

type Table = readonly string[];
const matcher = (table: Table) => new RegExp(String.raw`(?<![\p{L}\d])(?:${table.join('|')})(?![\p{L}\d])`, 'iu');

/** Words for how a unit drove that say nothing else wherever they are said. */
const EMERGENT = String.raw`(?:non[- ]?)?emergen(?:t|tly)`;
/** "Emergent" as how the unit drove: not said of the care the patient needs ("for emergent endoscopy"). */
const EMERGENT_DRIVEN = `${NOT_CARE_URGENCY}${EMERGENT}`;
const LIGHTS = 'lights?';
const codeOrPriority = (digits: string, words: string) => String.raw`(?:code|priority)\s*(?:[${digits}]|${words})`;

/** How a unit drives, in the words crews use for it ("hot", "reds and sirens", "normal traffic", "code 2"). */
const DRIVING: Table = [
  'hot',
  'cold',
  EMERGENT_DRIVEN,
  // "emergency" is how the unit drove, but not where someone goes ("we go emergency", "took her to the emergency"): the ED.
  String.raw`(?<!\b(?:go|goes|going|went|to|take|takes|took|bring|brought|the)\s)(?:non[- ]?)?emergency`,
  'routine',
  LIGHTS,
  'sirens?',
  'reds',
  'l ?& ?s',
  codeOrPriority('0-4', 'one|two|three|four'),
  '(?:normal|regular|with) traffic',
  'emergency traffic',
];
export const DRIVING_RE = matcher(DRIVING);

interface Line {
  id: string;
  content: string;
}

/** Lines whose own facts say what they are (vitals, a medication, a procedure, the complaint, the age). */
function clinical(id: string, facts: EmsFacts): boolean {
  return (
    facts.vitals.some((v) => v.name.segmentId === id) ||
    facts.medications.some((m) => m.mention.segmentId === id) ||
    facts.procedures.some((p) => p.mention.segmentId === id) ||
    facts.context.some((c) => c.span.segmentId === id && (c.type === 'CHIEF_COMPLAINT' || c.type === 'PATIENT_AGE'))
  );
}

/** A short line that speaks of driving and states nothing clinical ("Came in hot.", "Normal traffic, no lights."). */
export function speaksOfDriving(line: Line, facts: EmsFacts): boolean {
  return DRIVING_RE.test(line.content) && !clinical(line.id, facts) && line.content.split(/\s+/).length <= 14;
}

/**
 * The line right after the dispatch, when the lists recognised no response line, is the response if
 * it speaks of driving ("Emergent per CAD, downgraded by Engine 9 on scene.", "Emergent to the sending
 * hospital, 9 minutes." on an interfacility call whose transport comes later).
 */
export function placeResponse(segments: readonly Line[], phases: Map<string, EmsPhase | null>, facts: EmsFacts): void {
  const list = segments.map((s) => phases.get(s.id) ?? null);
  const dispatchAt = list.indexOf('dispatch');
  if (list.includes('response') || dispatchAt < 0 || dispatchAt > 1) return;
  const next = segments[dispatchAt + 1];
  if (!next) return;
  const phase = phases.get(next.id) ?? null;
  const laterTransport = list.slice(dispatchAt + 2).includes('transport');
  const movable = phase !== 'treatment' && phase !== 'dispatch' && (phase !== 'transport' || laterTransport);
  if (movable && speaksOfDriving(next, facts)) phases.set(next.id, 'response');
}

/**
 * After the first transport line, a line that hands the patient over is the transport's close, even
 * when it also says how the patient was ("Intake RN took report 1822, pt cooperative"), unless it
 * states a crew action.
 */
export function placeHandOver(segments: readonly Line[], phases: Map<string, EmsPhase | null>, facts: EmsFacts): void {
  const firstTransport = segments.findIndex((s) => phases.get(s.id) === 'transport');
  if (firstTransport < 0) return;
  for (const s of segments.slice(firstTransport + 1)) {
    const treated =
      facts.medications.some((m) => m.mention.segmentId === s.id) || facts.procedures.some((p) => p.mention.segmentId === s.id);
    if (phases.get(s.id) !== 'transport' && !treated && HANDOFF.test(s.content)) phases.set(s.id, 'transport');
  }
}

/**
 * How the unit drove said in words that name nothing else: the response said in the run-on piece of the dispatch or the arrival
 * ("dispatched 1831 for an allergic reaction emergent 1836 on scene", "toned 0312 unresponsive male hot on scene 0319").
 * The words of `DRIVING` that need no context (codes 1 to 3 only: "code 4" says the scene is secure); "hot" and "cold" only
 * right before the arrival or its time ("hot skin", "cold to the touch" are findings).
 */
const DRIVING_ALONE: Table = [
  EMERGENT_DRIVEN,
  LIGHTS,
  codeOrPriority('1-3', 'one|two|three'),
  String.raw`(?:hot|cold)(?=\s+(?:\d{3,4}\b|on scene|arriv|os\b|at (?:the )?scene))`,
];
const DRIVING_ALONE_RE = matcher(DRIVING_ALONE);
/** A dispatch piece cut off before the arrival ("m7 toned 0312 unresponsive male 418 larkspur ln hot | on scene 0319"). */
const ENDS_HOT_OR_COLD = /\b(?:hot|cold)[\s.]*$/i;
/** Where the run-on goes on to the transport: a mode said after it is the transport's ("… transported emergent to Mercy"). */
const TO_TRANSPORT = /\b(?:transport(?:ed|ing)?|txp|tx|loaded|en ?route to|headed to|took (?:him|her|them|the patient|pt) to)\b/i;
const AROUND_RESPONSE: ReadonlySet<EmsPhase | null> = new Set(['dispatch', 'arrival']);
export function drivingSaidAroundResponse(segments: readonly Line[], phases: ReadonlyMap<string, EmsPhase | null>): boolean {
  return segments.some((s) => {
    if (!AROUND_RESPONSE.has(phases.get(s.id) ?? null)) return false;
    const cut = TO_TRANSPORT.exec(s.content);
    const said = cut ? s.content.slice(0, cut.index) : s.content;
    return DRIVING_ALONE_RE.test(said) || (phases.get(s.id) === 'dispatch' && ENDS_HOT_OR_COLD.test(said));
  });
}

/** The response line says how the unit drove, in words the response-mode rules may lack. */
export function drivingStated(segments: readonly Line[], phases: ReadonlyMap<string, EmsPhase | null>): boolean {
  return segments.some((s) => phases.get(s.id) === 'response' && DRIVING_RE.test(s.content));
}
