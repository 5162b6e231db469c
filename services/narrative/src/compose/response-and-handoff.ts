import { CONDITION_WORD_TABLE, type EmsFacts, type EmsPhase } from '@medicdraft/healthscribe-documents';

/**
 * Where the call's sequence, not a line's own wording, decides: the response is said right after the
 * dispatch, and the hand-off closes the transport. Word lists say what a medic may say there; the
 * position says what the line is, so a way of saying it that no list holds still lands in place.
 */

type Table = readonly string[];
const matcher = (table: Table) => new RegExp(String.raw`(?<![\p{L}\d])(?:${table.join('|')})(?![\p{L}\d])`, 'iu');

/** How a unit drives, in the words crews use for it ("hot", "reds and sirens", "normal traffic", "code 2"). */
const DRIVING: Table = [
  'hot',
  'cold',
  String.raw`(?:non[- ]?)?emergen(?:t|tly|cy)`,
  'routine',
  'lights?',
  'sirens?',
  'reds',
  'l ?& ?s',
  String.raw`code\s*(?:[0-4]|one|two|three|four)`,
  String.raw`priority\s*(?:[0-4]|one|two|three|four)`,
  '(?:normal|regular|with) traffic',
  'emergency traffic',
];
export const DRIVING_RE = matcher(DRIVING);

/** Handing the patient over, in the ways crews say it ("took report", "dropped him in Bay 2", "signed for her"). */
const HAND_OVER: Table = [
  String.raw`(?:care|report)(?: and report)? (?:was |were )?(?:given |transferred |turned over )?to`,
  'transferred (?:care|report)',
  String.raw`(?:turned|handed) (?:[\p{L}']+ ){0,2}?(?:over|off|to)`,
  String.raw`hand-?off`,
  'turnover',
  'transfer of care',
  'at (?:the time of )?transfer',
  String.raw`(?:gave|give|giving|called in) (?:a )?(?:verbal |bedside |full )?report`,
  String.raw`took (?:report|over|(?:him|her|them|the (?:patient|pt|baby|child))\b(?! (?:to|there)\b))`,
  'signed for',
  String.raw`left (?:him |her |them |the (?:patient|pt) )?(?:with|in (?:triage|the care|bay|room))`,
  String.raw`dropped (?:[\p{L}']+ )?(?:off|in|at)`,
  String.raw`(?:moved|slid|transferred) (?:him|her|them|the (?:patient|pt)) (?:to|onto) ` +
    String.raw`(?:their|the (?:ed|er|hospital|cath lab)) (?:table|bed|stretcher)`,
  String.raw`to (?:ed |er |the (?:ed |er |triage |charge |peds |receiving )?)?(?:rn|nurse|dr\.?|doctor|doc|physician|team|staff|tech)\b`,
];
export const HAND_OVER_RE = matcher(HAND_OVER);

/**
 * How the patient was: what a reviewer reads as the condition at the hand-off when said with it — the
 * extractors' condition words, and the states a hand-off line says in passing ("GCS 14, still
 * hypotensive", "fine, watching cartoons", "pain 2/10").
 */
const STATE: Table = [
  ...CONDITION_WORD_TABLE,
  'the same',
  String.raw`improv\w*`,
  'worse',
  String.raw`doing (?:great|well|fine|ok(?:ay)?|better)`,
  'fine',
  'happy',
  'playing',
  'laughing',
  String.raw`watching \w+`,
  'feeding',
  'eating',
  String.raw`comfortabl\w*`,
  'resting',
  'cooperative',
  String.raw`a ?& ?o ?x? ?\d`,
  'speaking',
  'playful',
  'no (?:acute )?distress',
  String.raw`acting (?:normal|normally|like (?:him|her)self)`,
  'gcs',
  String.raw`hypotensive|hypertensive|tachycardic|bradycardic`,
  'sinus',
  'rosc',
  'on the vent',
  String.raw`pain \d{1,2}(?: ?\/ ?10| of 10| out of 10)?`,
  String.raw`\d{1,2} ?\/ ?10`,
  String.raw`vitals? (?:unchanged|stable|the same)`,
  String.raw`fading|resolv\w*|persist\w*|still`,
];
export const STATE_RE = matcher(STATE);

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
    if (phases.get(s.id) !== 'transport' && !treated && HAND_OVER_RE.test(s.content)) phases.set(s.id, 'transport');
  }
}

/** The response line says how the unit drove, in words the response-mode rules may lack. */
export function drivingStated(segments: readonly Line[], phases: ReadonlyMap<string, EmsPhase | null>): boolean {
  return segments.some((s) => phases.get(s.id) === 'response' && DRIVING_RE.test(s.content));
}

/** A transport line that hands the patient over says how they were ("to Dr. Liang, … otherwise comfortable"). */
export function handOverConditionStated(segments: readonly Line[], phases: ReadonlyMap<string, EmsPhase | null>): boolean {
  return segments.some((s) => phases.get(s.id) === 'transport' && HAND_OVER_RE.test(s.content) && STATE_RE.test(s.content));
}
