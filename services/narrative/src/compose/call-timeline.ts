import type { EmsFacts, EmsPhase } from '@medicdraft/healthscribe-documents';
import { placeResponse, speaksOfDriving } from './response-and-handoff.js';

/**
 * A dictation follows the call: who was sent and for what, how the unit responded, what the crew
 * found on arrival, then the assessment. When a line's own words name no phase the rules know
 * ("M6, 0402, cardiac arrest", "When we pulled up at 0628 …"), its place in that sequence does:
 * - no dispatch line was recognised, and the opening line comes right before the response (or a
 *   line that speaks of driving, or states a clock time) → it is the dispatch;
 * - no response line was recognised, and the line after the dispatch speaks of driving → the response;
 * - no arrival line was recognised, and the line right after the dispatch/response states a clock
 *   time → it is the arrival.
 * A line with vitals, a medication or a stated complaint keeps its phase: those say what it is on their own; so
 * does a line stating a procedure in the dispatch's place (a call never opens with what the crew did).
 * Deterministic: only the phases, the facts and the order of the lines are read.
 */
/** Kinds of street said before the street's name. */
const STREET_KIND_FIRST = ['calle', 'avenida', 'camino', 'rue', 'chemin', 'rua', 'carrera'];
/** Compass words an address says between the house number and the street's name. */
const COMPASS_WORDS = ['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest'];
/** Words after a compass word that say where, not a street: "south of the river", "west side", "east wing", "north bound". */
const NOT_A_STREET_AFTER_COMPASS = [
  ...['of', 'on', 'off', 'side', 'end', 'bound', 'at', 'to', 'from', 'in', 'and', 'wing', 'entrance', 'doors?', 'exit'],
  ...['tower', 'parking', 'lot', 'building', 'bldg', 'hall', 'stairs', 'stairwell', 'gate', 'lanes', 'corner', 'unit'],
  ...['campus', 'hallway', String.raw`gym\w*`, 'annex', 'lobby', 'trailhead', 'pavilion', 'concourse', 'terminal', 'garage'],
];
/**
 * "2204 Sandpiper Drive" is a house number: a street's name and its kind follow it ("1315 to Pine Hollow Road" and
 * "0215 MVC on Highway 9" are times; a number with a leading zero is never a house number).
 */
const NOT_A_HOUSE_NUMBER =
  // A block of a street: "the rusty anchor bar 1200 block of water street".
  String.raw`(?!\s+block\b)` +
  String.raw`(?!\s+(?:(?!(?:to|for|at|on|in|from|near|by|off|of|and)\b)[\p{L}'’-]+\s+){1,3}` +
  String.raw`(?:street|st|drive|dr|avenue|ave|road|rd|lane|ln|boulevard|blvd|way|court|ct|place|pl|circle|cir|parkway|pkwy|` +
  String.raw`highway|hwy|terrace|ter|trail|trl)\b)` +
  // The street's kind said first, as Spanish and French name a street ("2318 Calle Olivo", "2140 Rue Saint-Denis").
  String.raw`(?!\s+(?:${STREET_KIND_FIRST.join('|')})\s+\p{L})` +
  // A compass word and the street's name, said as where to ("dispatched to 1400 north willow", "to jefferson elementary 1215 West
  // Harmon"); not "1402 south of the river", "west side", nor a time before a place ("got the call 1402 west campus", "for a
  // fall, 1402 south hills"), which is no address said after "to".
  // Nor after the place it is at, set off by a comma ("a stabbing at the Dos Hermanos bar, 1120 South Alameda").
  String.raw`(?!(?:(?<=\bto\s+(?:(?!(?:a|an|the|for|at|on)\b)[\p{L}'’-]+\s+){0,3}\d{4})|` +
  String.raw`(?<=\bat\s+(?:the\s+)?(?:[\p{L}'’-]+\s+){0,4}[\p{L}'’-]+,\s*\d{4}))` +
  String.raw`\s+(?:${COMPASS_WORDS.join('|')})\s+(?!(?:${NOT_A_STREET_AFTER_COMPASS.join('|')})\b)\p{L})`;
/**
 * Words that name the number after them as a building's or a door's: "the bakery, number 1420", "apartment 1215", "room 1408",
 * "#1320". That number is where, not when.
 */
const DOOR_NUMBER_WORDS = ['number', String.raw`no\.?`, 'apartment', String.raw`apt\.?`, 'unit', 'room', String.raw`rm\.?`, 'suite', 'lot'];
const NOT_A_DOOR_NUMBER = String.raw`(?<!(?:\b(?:${DOOR_NUMBER_WORDS.join('|')})\s*|#\s*))`;
/**
 * A 24-hour clock time as medics chart it ("0402", "at 1413"): four digits, a valid hour and
 * minute, not part of a number or followed by a unit. Used as evidence that a time was stated
 * even where the time rules need a cue word ("at", "dispatched") before it.
 */
export const CLOCK_TIME = new RegExp(
  String.raw`(?<![\d./:])${NOT_A_DOOR_NUMBER}(?:0\d[0-5]\d|(?:1\d|2[0-3])[0-5]\d${NOT_A_HOUSE_NUMBER})(?![.,/:]?\d)(?!\s*%)` +
    String.raw`(?!\s*(?:mg|mcg|ml|cc|units?|j|joules|kg|lbs?|ft|feet|g)\b)` +
    // The hour written with "h" ("19h30", "at 7h05"), as French and much of Europe and Latin America write a clock time: said
    // after "at" or a dispatch verb, or opening the line or clause ("19h30, dispatched …"). Written elsewhere the same form is
    // as often a duration ("on the floor 12h30 before found", "last dose 12h30 ago", "for 12h30").
    String.raw`|(?:(?<=(?:^|[.;,:]\s*|(?:\bat|@|\bdispatched|\btoned out|\bpaged(?: out)?|\bsent(?: out)?)\s+))(?:[01]\d|2[0-3])` +
    String.raw`|(?<=\bat\s+)\d)h[0-5]\d(?![\p{L}\d])(?!\s+(?:ago|before|prior|later|after|earlier|now)\b)`,
  'iu',
);

/** A unit's call sign opening a line: "Medic 14, …", "Unit 31 …", "A12 paged …", "M6, 0402". */
const CALL_SIGN_OPENING = /^\s*(?:medic|unit|ambulance|engine|rescue|squad|truck|ems|[mae])\s?-?\d+\b/i;

export function placeByCallTimeline(
  segments: ReadonlyArray<{ id: string; content: string }>,
  phases: Map<string, EmsPhase | null>,
  facts: EmsFacts,
): void {
  const phaseList = () => segments.map((s) => phases.get(s.id) ?? null);
  const content = new Map(segments.map((s) => [s.id, s.content]));
  const timed = (id: string) => facts.times.some((t) => t.span.segmentId === id) || CLOCK_TIME.test(content.get(id) ?? '');
  const selfEvident = (id: string) =>
    facts.vitals.some((v) => v.name.segmentId === id) ||
    facts.medications.some((m) => m.mention.segmentId === id) ||
    facts.context.some((c) => c.span.segmentId === id && c.type === 'CHIEF_COMPLAINT');
  // "Arrived at Westside at 0935" before any assessment, with the transport still to come: the crew reached
  // the patient (an interfacility call's sending facility), not the destination.
  const atSendingFacility = (id: string) => {
    const at = segments.findIndex((s) => s.id === id);
    return (
      phases.get(id) === 'transport' &&
      /^(?:arrived|arrival)\b/i.test(content.get(id) ?? '') &&
      segments.slice(at + 1).some((s) => phases.get(s.id) === 'transport')
    );
  };
  const movable = (p: EmsPhase | null) => p !== 'response' && p !== 'arrival' && p !== 'transport' && p !== 'dispatch';

  const first = segments[0];
  if (first && !phaseList().includes('dispatch')) {
    const p = phases.get(first.id) ?? null;
    const next = segments[1] ? (phases.get(segments[1].id) ?? null) : null;
    const didSomething = facts.procedures.some((x) => x.mention.segmentId === first.id);
    const drivingNext = segments[1] !== undefined && speaksOfDriving(segments[1], facts);
    // "Unit 31, 0951, arrest, bystander CPR.", "Medic 40 out at 1708, …, one complaining of neck": a call
    // sign and a clock time open the call whatever the nature names (what others did, the complaint).
    const callSignOpening =
      CALL_SIGN_OPENING.test(first.content) &&
      timed(first.id) &&
      (p === 'treatment' || movable(p)) &&
      !facts.vitals.some((v) => v.name.segmentId === first.id) &&
      !facts.medications.some((m) => m.mention.segmentId === first.id);
    if (
      callSignOpening ||
      (movable(p) && !didSomething && !selfEvident(first.id) && (next === 'response' || drivingNext || timed(first.id)))
    )
      phases.set(first.id, 'dispatch');
  }
  placeResponse(segments, phases, facts);
  if (!phaseList().includes('arrival')) {
    const list = phaseList();
    let lead = -1;
    for (let i = 0; i < Math.min(list.length, 3); i++) if (list[i] === 'dispatch' || list[i] === 'response') lead = i;
    const candidate = lead >= 0 ? segments[lead + 1] : undefined;
    if (
      candidate &&
      (movable(phases.get(candidate.id) ?? null) || atSendingFacility(candidate.id)) &&
      !selfEvident(candidate.id) &&
      timed(candidate.id)
    )
      phases.set(candidate.id, 'arrival');
  }
}
