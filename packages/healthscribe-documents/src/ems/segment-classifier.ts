import { DISPATCH_CUE } from './context-extractor.js';
import type { EmsFacts } from './ems-facts.js';

/**
 * Phase of an EMS call a dictated sentence belongs to. Templates map phases to their sections
 * (DRAATT: dispatch, response, arrival, assessment ← chief_complaint/history/exam/impression,
 * treatment, transport). `null` is filler ("okay, end of report").
 */
export const EMS_PHASES = ['dispatch', 'response', 'arrival', 'chief_complaint', 'history', 'exam', 'impression', 'treatment', 'transport'] as const;
export type EmsPhase = (typeof EMS_PHASES)[number];

const FILLER = /^(?:(?:um+|uh+|okay|ok|alright|all right|so|and|that'?s (?:it|all)|end of (?:report|narrative|dictation)|this is [\w\s]+ (?:dictating|reporting)|stop|over)[\s,.!]*)+$/i;
const RESPONSE = /\b((?:emergent|non-?emergent|emergency|non-?emergency|routine|code (?:1|2|3)|priority (?:1|2|3)) response|respond(?:ed|ing)|en ?route to (?:the )?(?:scene|call|residence|location|address|home|house)|responded|response (?:was|time)|travel time|proceeded to the scene|staged)\b/i;
const AT_DESTINATION = /\b(arriv(?:ed|al|ing) at (?:the )?(?:[A-Z][\w'’.-]*\s*)*(?:hospital|medical center|ed|er|emergency|destination|facility|receiving)|upon arrival at (?:the )?[A-Z]|care (?:was )?transferred|transferred care|turned (?:the patient |patient |care )?over|handed (?:the patient |care )?off|hand-?off|report (?:was )?given|gave (?:a )?(?:verbal |bedside )?report|bedside report|transfer of care|at (?:the time of )?transfer|at hand-?off|at turnover)\b/i;
const TRANSPORT = /\b(transport(?:ed|ing)?|en ?route to (?:the )?(?:hospital|[A-Z])|loaded|moved to the (?:stretcher|cot|ambulance|unit)|placed (?:on|onto) the (?:stretcher|cot)|carried to|ambulated to the|refus(?:ed|es|al)|declined (?:transport|treatment|care|further)|against medical advice|\bAMA\b|signed (?:a |the )?(?:refusal|release|waiver)|released (?:to|at)|destination|diverted|no transport|left (?:in the care|with))\b/i;
const ARRIVAL = /\b(arriv(?:ed|al|ing) (?:on|at) (?:the )?(?:scene|residence|location|address|home|house|apartment)|on scene|upon (?:our )?arrival|on (?:our )?arrival|arrived|(?:we )?found (?:the |a |an )?(?:patient|pt|him|her|\d+|elderly|adult|young|male|female|man|woman|child|girl|boy|infant|unresponsive|single|two|vehicle)|(?:was|were) found|met (?:at the door |outside )?by|met us|scene (?:was |is )?(?:safe|secure)|law enforcement (?:on scene|was present)|bystanders? (?:cpr|were)|in progress (?:on|upon) arrival)\b/i;
const IMPRESSION = /\b(impression|suspect(?:ed)?|consistent with|likely|probable|possible (?:stroke|mi|stemi|sepsis|overdose|fracture|hip fracture)|field diagnosis|working diagnosis|primary impression|assessment (?:is|was) |treated as|concerning for|cincinnati stroke scale (?:was )?positive|stroke alert|stemi alert|trauma alert|cardiac alert|sepsis alert)\b/i;
const HISTORY = /\b(history|hx|pmh|medical history|takes|taking|medications? include|home medications?|prescribed|allerg\w*|nkda|denies|denied|states|stated|reports|reported|according to|per (?:family|wife|husband|mother|father|staff|bystanders|the)|onset|began|started|since|last (?:known|seen) (?:well|normal)|prior to (?:our |ems )?arrival|took|drank|ingested|last oral intake|events leading|sample)\b/i;
const EXAM = /\b(vitals?|vital signs|skin (?:was|is|were)|skin|lung sounds|breath sounds|pupils|perrl|gcs|alert and oriented|a ?& ?o|a ?and ?o ?x|oriented|alert|unresponsive|responsive|exam|assessment revealed|physical|tender\w*|deformity|swelling|bleeding|laceration|abrasion|contusion|abdomen|chest rise|airway (?:is |was )?(?:patent|clear)|12[- ]lead (?:showed|revealed|shows|demonstrated)|ecg|ekg|rhythm|sinus|cincinnati|facial droop|arm drift|slurred|weakness|grip|capillary refill|jvd|edema|trachea|pulses?|blood glucose|blood sugar|glucose|temperature|spo2|sats?|blood pressure|heart rate|respirations?|wheez\w*|crackles|rales|diminished|clear (?:and equal|bilaterally)|warm|dry|diaphoretic|pale|cyanotic|flushed|pain (?:is|was) (?:rated|\d)|rates (?:the |his |her )?pain)\b/i;

/** True when the segment mentions a crew treatment, its response, or a no-treatment statement. */
function isTreatment(segmentId: string, facts: EmsFacts): boolean {
  return (
    facts.medications.some((m) => m.mention.segmentId === segmentId) ||
    facts.procedures.some((p) => p.mention.segmentId === segmentId && p.name !== '12-lead ecg' && p.name !== 'cardiac monitoring') ||
    facts.context.some((c) => c.span.segmentId === segmentId && (c.type === 'TREATMENT_RESPONSE' || c.type === 'NO_TREATMENT'))
  );
}

function hasContext(segmentId: string, facts: EmsFacts, type: string): boolean {
  return facts.context.some((c) => c.span.segmentId === segmentId && c.type === type);
}

/**
 * Rule order matters: a dispatch or response statement wins over anything it mentions; reaching
 * or leaving for the destination wins over treatment ("transported, nitro repeated en route" is
 * treatment though — crew actions win over a mere transport cue); arrival wins over findings.
 */
export function classifySegment(segmentId: string, content: string, facts: EmsFacts): EmsPhase | null {
  const text = content.trim();
  // Questions (a clinician asking, in a real HealthScribe conversation) document nothing themselves.
  if (text === '' || FILLER.test(text) || text.endsWith('?')) return null;
  if (DISPATCH_CUE.test(text) && !AT_DESTINATION.test(text) && !/\btransport(?:ed|ing)\b/i.test(text)) return 'dispatch';
  if (RESPONSE.test(text) && !TRANSPORT.test(text)) return 'response';
  const onArrival = /^(?:on|upon) (?:our )?arrival\b(?! at (?:the )?(?:hospital|ed|er|emergency|destination|receiving|[A-Z]))/i.test(text);
  if (AT_DESTINATION.test(text) && !onArrival) return 'transport';
  const treatment = isTreatment(segmentId, facts);
  if (TRANSPORT.test(text) && !(treatment && !/\btransport(?:ed|ing)? (?:to|the patient to)\b/i.test(text))) return 'transport';
  if (!treatment && (hasContext(segmentId, facts, 'DESTINATION') || hasContext(segmentId, facts, 'REFUSAL'))) return 'transport';
  if (treatment) return 'treatment';
  if (ARRIVAL.test(text)) return 'arrival';
  if (IMPRESSION.test(text)) return 'impression';
  if (hasContext(segmentId, facts, 'CHIEF_COMPLAINT')) return 'chief_complaint';
  if (facts.vitals.some((v) => v.name.segmentId === segmentId)) return 'exam';
  if (HISTORY.test(text)) return 'history';
  if (EXAM.test(text)) return 'exam';
  return text.split(/\s+/).length >= 3 ? 'history' : null;
}
