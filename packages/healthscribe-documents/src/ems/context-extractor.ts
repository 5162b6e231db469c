import type { ContextFact, EmsContextType, FactSpan } from './ems-facts.js';
import { MEDICATIONS, PROCEDURES } from './treatment-lexicon.js';

/** A pattern whose group 1 is the value; `value` maps the matched text to the normalised value. */
interface ContextRule {
  type: EmsContextType;
  re: RegExp;
  value?: (text: string) => string | null;
  /** Only in segments that pass this test (e.g. dispatch statements). */
  when?: RegExp;
  unless?: RegExp;
}

/**
 * Words that open a dispatch statement. Terse forms count when a clock time follows ("Called 0905
 * for …", "toned 0408", "sent at 1610 to …"); a pre-alert ("stroke alert called to …") is not one.
 */
export const DISPATCH_CUE =
  /\b(dispatched|dispatch(?= (?:for|to|at|time|was|reported|information|nature))|toned(?: out)?(?=\s+(?:at\s+)?\d{3,4}\b|\s+(?:for|to)\b)|toned out|paged(?: out)?|sent(?: out)?(?=\s+(?:at\s+)?\d{3,4}\b)|called(?=\s+(?:at\s+)?\d{3,4}\b)|(?<!\balert\s)called (?:out )?(?:to|for)|(?:were|was) called|requested (?:to|for)|call (?:came in|was received)|call type|nature of (?:the )?call|911 call)\b/i;
const TRANSPORT_CUE = /\btransport(?:ed|ing)?\b/i;

export const MODE_WORDS = String.raw`non-?emergent(?:ly)?|non-?emergency|emergent(?:ly)?|emergency|lights and sirens|with lights and sirens|without lights (?:and|or) sirens|no lights (?:and|or) sirens|code (?:1|2|3|one|two|three)|priority (?:1|2|3|one|two|three)|routine|hot|cold`;
const modeOf = (text: string): string =>
  /non|routine|without|no lights|code (?:1|2|one|two)|priority (?:2|3|two|three)|cold/i.test(text) ? 'non-emergent' : 'emergent';
/**
 * A sentence that opens with a mode ("Code 3.", "Priority 1 lights and sirens.", "Non-emergent,
 * staged …"): a response line when nothing else is said, a transport line when a facility
 * follows ("Code 3 to University Hospital").
 */
const LEAD_MODE = String.raw`(?:${MODE_WORDS.replace('|hot|cold', '')})(?=\s*(?:[.,;]|$|(?:response|responding|to|lights|with|without|no|code|priority)\b))|(?:hot|cold)(?=\s*(?:\.|$|(?:response|responding|to)\b))`;
export const MODE_LEAD = new RegExp(String.raw`^\s*(?:${LEAD_MODE})`, 'i');
export const MODE_LEAD_TO = new RegExp(String.raw`^\s*(?:(?:${MODE_WORDS})[\s,]*)+to\s+(?:the\s+)?\S`, 'i');
/** What a relative, staff or bystander says happened before EMS (not the crew's own action or finding). */
export const REPORTED_BEFORE_EMS =
  /\b(used (?:his|her|their) (?:own )?\w+|per (?:the |his |her |their )?(?:school nurse|nurse|mother|mom|father|dad|family|wife|husband|staff|bystanders?|caregiver|daughter|son|aide)|prior to (?:our |ems |crew )?arrival|before (?:we|ems|our crew) arrived|at home|at the (?:sending|referring) (?:facility|hospital|ed))\b/i;
/** Words that say how the patient was when care was handed over. */
const CONDITION_WORDS = String.raw`stable|unstable|unchanged|no change|improved|improving|deteriorat\w*|worsen\w*|critical|guarded|serious|fair|resting comfortabl\w*|comfortable|calm|(?<!(?:stroke|trauma|stemi|sepsis|cardiac|code)\s)alert|at (?:his |her )?baseline|awake`;
/** A hand-off said in any of the ways medics say it. */
export const HANDOFF =
  /\b(care (?:was )?transferred|transferred care|care (?:was )?(?:given |turned over )?to|turned (?:the patient |patient |care )?over(?: to)?|turnover|handed (?:the patient |care |\w+ )?(?:off|over)|hand-?off|report (?:was )?(?:given )?to|gave (?:a )?(?:verbal |bedside )?report to|bedside report|transfer of care)\b/i;

const DEMOGRAPHIC_PREFIX =
  /^(?:(?:an?|the)\s+)?(?:(?:\d{1,3}[- ](?:year|yr|month|week|day)s?[- ]old|\d{1,3}\s*(?:yo|y\/o))\s+)?(?:male|female|man|woman|boy|girl|patient|person|party|infant|child|toddler|adult|gentleman|lady|subject|resident|student|employee)\s+(?:with|who is|who has|who|complaining of|c\/o|having|experiencing|that|reporting|reported to have|with a)?\s*(?:an?\s+|possible\s+|reported\s+)?/i;
const PLACE =
  /^(?:(?:a|an|the)\s+)?(?:private\s+|single[- ]family\s+)?(?:residence|home|house|apartment|address|location|scene|business|store|school|park|office|facility|nursing home|assisted living|skilled nursing|hotel|motel|restaurant|church|gym|parking lot|street|road|highway|intersection|warehouse|job site|construction site|shelter|jail|bar|mall|farm|field)\b/i;

function dispatchNature(content: string): { begin: number; end: number } | null {
  const cue = DISPATCH_CUE.exec(content);
  if (!cue) return null;
  const tail = content.slice(cue.index + cue[0].length);
  const stop = String.raw`(?=\s+(?:at|in|on|near|located|off)\s+(?:a|an|the|\d|[A-Z])|\s+(?:emergent|non-?emergent|lights|code|priority)\b|[,.;]|$)`;
  const forRe = new RegExp(
    String.raw`\b(?:for|regarding|reporting|of)\s+(?:an?\s+|the\s+)?(?:report(?:ed)? of\s+(?:an?\s+)?|call for\s+(?:an?\s+)?)?(.+?)${stop}`,
    'd',
  );
  const toRe = new RegExp(String.raw`\bto\s+(?:an?\s+|the\s+)?(?:report(?:ed)? of\s+(?:an?\s+)?|possible\s+)?(.+?)${stop}`, 'd');
  const typeRe = new RegExp(String.raw`^\s*(?:was|is|:)?\s*(.+?)${stop}`, 'd');
  // "Dispatched 1902 allergic reaction at a diner": the nature right after the time, without "for".
  const afterTimeRe = new RegExp(String.raw`^\s*(?:at\s+)?\d{3,4}(?:\s*hours)?\s*,?\s+(?!(?:for|to|at|from|hours)\b)(.+?)${stop}`, 'd');
  for (const re of /call type|nature of/i.test(cue[0]) ? [typeRe] : [forRe, toRe, afterTimeRe]) {
    const m = re.exec(tail);
    const range = m?.indices?.[1];
    if (!m || !range || !m[1]) continue;
    if (PLACE.test(m[1])) continue;
    const prefix = DEMOGRAPHIC_PREFIX.exec(m[1]);
    const skip = prefix ? prefix[0].length : 0;
    const value = m[1].slice(skip).trim();
    if (value.split(/\s+/).length > 10 || !/[a-z]/i.test(value)) continue;
    const begin = cue.index + cue[0].length + range[0] + skip;
    return { begin, end: begin + value.length };
  }
  return null;
}

/** What a response can follow: a crew medication or procedure, or a generic name for one. */
const TREATMENT_REF = [...MEDICATIONS, ...PROCEDURES]
  .map(([, alias]) => alias)
  .concat(
    String.raw`administration|dose|doses|treatment|treatments|medication|interventions?|neb\w*|fluids?|bolus|decompression|shock|cardioversion`,
  )
  .join('|');
/** A change said before the treatment it followed ("BP improved to 96/58 after the bolus"). */
const CHANGE_FIRST = String.raw`improv\w*|decreas\w*|increas\w*|resolv\w*|better|wors\w*|no change|unchanged|woke|dropped|rose|went (?:up|down)|came (?:up|down)|(?:up|down) to|stopped`;
/** Words that say a finding changed (or did not) after a treatment. */
const CHANGE = String.raw`improv\w*|decreas\w*|resolv\w*|reliev\w*|relief|respond\w*|response|better|wors\w*|no change|unchanged|increas\w*|became|regained|woke|awake\w*|alert|tolerated|(?<!post[- ]?)rosc|converted|dropped|went (?:up|down)|came (?:up|down)|(?:up|down) to|stopped`;

const RULES: readonly ContextRule[] = [
  {
    type: 'RESPONSE_MODE',
    re: new RegExp(
      String.raw`\b(?:respond(?:ed|ing)?|dispatched|en ?route|proceeded|response|responding)\b[^.;]*?\b(${MODE_WORDS})\b`,
      'id',
    ),
    value: modeOf,
    unless: TRANSPORT_CUE,
  },
  { type: 'RESPONSE_MODE', re: new RegExp(String.raw`\b(${MODE_WORDS})\s+response\b`, 'id'), value: modeOf },
  {
    type: 'RESPONSE_MODE',
    re: new RegExp(String.raw`^\s*(${LEAD_MODE})`, 'id'),
    value: modeOf,
    unless: new RegExp(`${TRANSPORT_CUE.source}|${MODE_LEAD_TO.source}`, 'i'),
  },
  { type: 'TRANSPORT_MODE', re: new RegExp(String.raw`\btransport(?:ed|ing)?\b[^.;]*?\b(${MODE_WORDS})\b`, 'id'), value: modeOf },
  // "58 años" (Spanish), "Pt is 91", "he is 45", "Driver, 29," are ages too; the number must stand alone (not "40 minutes").
  {
    type: 'PATIENT_AGE',
    re: /\b(\d{1,3}[- ]?(?:years?|yrs?)[- ]?old|\d{1,3}\s*(?:yo|y\/o|y\.o\.)|\d{1,3}\s+años|\d{1,2}[- ](?:months?|weeks?|days?)[- ]old|(?:age|aged)\s+\d{1,3}|(?<=\b(?:(?:pt|patient|he|she|who) is|(?:he|she)['’]s)\s+)\d{1,3}(?=\s*(?:[,.;]|$|\s+(?:and|with|who|has|had|lives|years)\b))|(?<=\b(?:driver|passenger|pt|patient|male|female|man|woman|rider|pedestrian),\s*)\d{1,3}(?=\s*,))(?![\w/])/diu,
    value: (t) => {
      const n = /\d+/.exec(t)?.[0] ?? '';
      const unit = /month/i.test(t) ? 'months' : /week/i.test(t) ? 'weeks' : /day/i.test(t) ? 'days' : 'years';
      return `${n} ${unit}`;
    },
  },
  {
    type: 'PATIENT_SEX',
    re: /\b(male|female|man|woman|boy|girl|gentleman|lady|\d{1,3}\s*(?:yo|y\/o)\s*[mf])\b/di,
    value: (t) => (/^(?:female|woman|girl|lady)$|f$/i.test(t) ? 'female' : 'male'),
  },
  {
    type: 'CHIEF_COMPLAINT',
    re: /\b(?:chief complaint|c\/c|primary complaint|main complaint)\s*(?:of|is|was|:)?\s*(?:of\s+)?([^.;]+?)(?=\s+(?:since|for the past|that|which|starting|beginning|after)\b|[.;]|$)/di,
    unless: DISPATCH_CUE,
  },
  {
    type: 'CHIEF_COMPLAINT',
    re: /\b(?:complain(?:s|ing|ed|t)?|c\/o)\s+(?:of\s+)?(?:an?\s+|some\s+|sudden\s+|severe\s+)?([^.;,]+?)(?=\s+(?:that|which|since|for|starting|beginning|onset|radiating|after|x\s?\d|times)\b|[.;,]|$)/di,
    unless: DISPATCH_CUE,
  },
  {
    type: 'CHIEF_COMPLAINT',
    re: /\b(?:states|reports|stating|reporting|says|stated|reported)\s+(?:that\s+)?(?:he|she|they|the patient|patient)\s+(?:has|is having|was having|had|has been having|began having|started having|developed|suddenly developed|felt|feels|is feeling|was feeling|woke up with|experienced)\s+(?:an?\s+|some\s+|sudden\s+|severe\s+)?([^.;,]+?)(?=\s+(?:since|for|that|which|starting|beginning|after|when|while|about|around|x)\b|[.;,]|$)/di,
    unless: DISPATCH_CUE,
  },
  {
    type: 'CHIEF_COMPLAINT',
    re: /\b(?:states|reports|stating|reporting|says|said|stated|reported)\s+(?:that\s+)?(?:(?:the|his|her|their)\s+)?(?:[\w'-]+\s+){0,2}?(?:has had|had|has been|was|is|felt|feels|woke up with|fell|tripped|slid|passed out|fainted|collapsed|took|ingested|used|developed)\s+(?:an?\s+|some\s+|sudden\s+|severe\s+)?([^.;,]+?)(?=\s+(?:since|for|that|which|starting|beginning|after|when|while|about|around|and could|x)\b|[.;,]|$)/di,
    unless: DISPATCH_CUE,
  },
  { type: 'CHIEF_COMPLAINT', re: /\b(?:denies|denied)\s+(any (?:complaints?|injur(?:y|ies)|pain)|complaints)\b/di, unless: DISPATCH_CUE },
  { type: 'CHIEF_COMPLAINT', re: /\badmits to\s+([^.;,]+)/di, unless: DISPATCH_CUE },
  { type: 'CHIEF_COMPLAINT', re: /\bpresent(?:s|ing|ed)? with\s+(?:an?\s+)?([^.;,]+)/di, unless: DISPATCH_CUE },
  {
    type: 'TREATMENT_RESPONSE',
    re: new RegExp(
      String.raw`\b((?:after|following|post|with|on)\s+(?:the\s+)?(?:[\w-]+\s+){0,4}?(?:${TREATMENT_REF})\b[^.;]*?\b(?:${CHANGE}))`,
      'id',
    ),
    unless: REPORTED_BEFORE_EMS,
  },
  // The change said first: "BP improved to 96/58 after the bolus", "pain 4/10 after ketamine".
  {
    type: 'TREATMENT_RESPONSE',
    re: new RegExp(
      String.raw`\b((?:${CHANGE_FIRST}|\d{1,2}\s*(?:\/|out of)\s*10)[^.;]*?\b(?:after|following|post|with)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:${TREATMENT_REF}))\b`,
      'id',
    ),
    unless: REPORTED_BEFORE_EMS,
  },
  {
    type: 'TREATMENT_RESPONSE',
    re: /\b((?:pain|nausea|wheezing|symptoms|breathing|work of breathing|shortness of breath|mental status|respiratory effort|anxiety|agitation|throat tightness|hives|itching|swelling)\s+(?:has\s+|had\s+|was\s+|is\s+)?(?:much\s+|slightly\s+|somewhat\s+|now\s+)?(?:decreased|improved|resolved|reduced|went down|dropped|eased|subsided|unchanged|remained unchanged|worsened|better|worse|stayed|remained|did not (?:improve|change|resolve))|(?:rhythm|symptoms|condition)\s+(?:remained|stayed)\b|(?:the\s+)?seizures?\s+(?:activity\s+)?(?:stopped|ceased|resolved|broke)|became (?:more\s+)?(?:alert|responsive|awake|oriented|calm|cooperative)|regained (?:consciousness|a pulse|pulses)|(?<!post[- ]?)rosc|return of spontaneous circulation|converted to (?:a\s+)?(?:sinus|normal)|(?:with|reported|reports|had|noted|experienced|got|obtained) (?:some |mild |moderate |significant |good |complete |minimal |partial |no )?(?:relief|improvement)|no (?:relief|improvement|change) (?:after|with|following|from)|tolerated (?:the |it |treatment |procedure |medication )?well|responded (?:well |poorly )?to)\b/di,
    unless: REPORTED_BEFORE_EMS,
  },
  { type: 'TRANSFER_OF_CARE', re: new RegExp(`(${HANDOFF.source})`, 'id') },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: /\b(?:in|with)\s+(stable|unchanged|improved|fair|good|critical|serious|guarded|poor)\s+condition\b/di,
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: /\bcondition\s+(?:at|upon|on|at the time of)\s+(?:transfer|arrival|hand-?off|turnover|delivery)\s*(?:was|:|remained)?\s*(\w+(?:\s+and\s+\w+)?)/di,
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: /\b(?:transfer|transferred|turned over|handed off|hand-?off|report (?:was )?given|delivered)\b[^.;]*?\b(stable|unchanged|improved|improving|deteriorat\w*|worsened|critical|alert and oriented|awake and alert|more alert)\b/di,
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: /\b(stable|unchanged|improved|improving|deteriorat\w*|worsened|critical|alert and oriented|awake and alert|more alert)\b[^.;]*?\b(?:at|upon|on) (?:the time of )?(?:transfer|hand-?off|turnover)\b/di,
  },
  {
    type: 'CONDITION_AT_TRANSFER',
    re: /\b(?:patient|pt|he|she|condition|vitals)\s+(?:was\s+|remained\s+|remains\s+|is\s+)?(stable|unchanged|improved|improving|deteriorat\w*|worsened|critical)\b[^.;]*?\b(?:at (?:the time of )?(?:transfer|hand-?off|turnover)|upon (?:arrival|transfer)|when care was transferred|at destination)\b/di,
  },
  // Either word order next to the hand-off: "care to charge nurse, pt stable", "patient stable at transfer".
  {
    type: 'CONDITION_AT_TRANSFER',
    re: /\b(?:pt|patient|he|she|child|baby|both|condition)\s+(?:was\s+|is\s+|remained\s+|remains\s+|still\s+|now\s+)?(stable|unchanged|improved|improving|deteriorat\w*|worsened|critical|alert and oriented|awake and alert|calm and cooperative|at baseline)\b/di,
    when: /\b(transfer\w*|turned over|hand(?:ed)?[- ]?off|report (?:was )?given|report to|care to|delivered|transported|transporting|en ?route|arriv\w* at)\b/i,
  },
  // In a hand-off sentence any condition word is the condition at transfer ("care to ED RN, pt alert and stable").
  { type: 'CONDITION_AT_TRANSFER', re: new RegExp(String.raw`\b(${CONDITION_WORDS})\b`, 'id'), when: HANDOFF },
  {
    type: 'REFUSAL',
    re: /\b((?:refus(?:ed|es|al|ing)|declin(?:ed|es|ing))\b[^.;]*?\b(?:transport|treatment|care|evaluation|assessment|further|ems|ambulance|to go)\b|against medical advice|signed (?:a |the )?(?:refusal|release|waiver)|\bAMA\b)/d,
  },
  {
    type: 'REFUSAL',
    re: /\b((?:refus(?:ed|es|al|ing)|declin(?:ed|es|ing))\b[^.;]*?\b(?:transport|treatment|care|evaluation|further|ambulance|to go)\b|against medical advice|signed (?:a |the )?(?:refusal|release|waiver))/di,
  },
  {
    type: 'NO_TRANSPORT',
    re: /\b(efforts (?:were )?(?:terminated|ceased|discontinued)|(?:terminated|ceased|discontinued) (?:resuscitation|efforts|the code|resuscitative efforts)|resuscitation (?:was )?(?:terminated|discontinued)|pronounced (?:dead|deceased)?|time of death|released to (?:the )?(?:medical examiner|coroner|police|pd|funeral home|law enforcement)|left (?:in the care of|with) (?:the )?(?:pd|police|family|coroner|medical examiner|law enforcement)|no transport)\b/di,
  },
  {
    type: 'NO_TREATMENT',
    re: /\b(no (?:treatment|interventions?|medications?|care) (?:was |were )?(?:given|provided|rendered|performed|needed|required|indicated)|(?:treatment|interventions?) (?:was |were )?(?:not indicated|not needed|not required|declined|refused))\b/di,
  },
];

const DESTINATION_CUE = new RegExp(
  String.raw`\b(transport(?:ed|ing)?|en ?route|taken|conveyed|delivered|diverted|headed|destination(?: was| is)?|transferred from [^.;]*?|arriv(?:ed|al|ing) at|arrived(?=\s+\S)|^\s*(?:(?:${MODE_WORDS})[\s,]*)+(?=to\b))`,
  'gi',
);
const NOT_A_DESTINATION =
  /^(?:the\s+)?(?:ambulance|stretcher|cot|unit|truck|rig|bed|scene|floor|chair|patient|hospital bed|medic unit|stair chair|back of)\b/i;
const HOSPITAL_WORD =
  /\b(hospital|medical center|medical centre|emergency department|emergency room|ED|ER|trauma center|stroke center|burn center|cath lab|urgent care|clinic|health|healthcare|memorial|general|regional|university|children'?s|infirmary|campus|behavioral|psychiatric|mercy|saint|st(?=\.))\b/i;

/** A facility named without a hospital word ("Baptist East"): every word capitalised, no digits. */
const PROPER_NAME = /^(?:St\.\s+)?[A-Z][\p{L}'’.-]*(?:\s+(?:of\s+)?[A-Z][\p{L}'’.-]*){0,4}$/u;

function destination(content: string): { begin: number; end: number } | null {
  DESTINATION_CUE.lastIndex = 0;
  for (let cue = DESTINATION_CUE.exec(content); cue !== null; cue = DESTINATION_CUE.exec(content)) {
    const re =
      /(?:\bto\b|:|(?=\s))\s+((?:the\s+)?.+?)(?=\s+(?:with|without|in|for|via|emergent\w*|non-?emergent\w*|lights|code|priority|where|and|uneventfully|without incident|under|on|per|by|at|after|because|due)\b|[,;]|\.\s*$|$)/dy;
    const after = content.slice(cue.index + cue[0].length);
    const bareArrival = /^arrived$/i.test(cue[0]);
    // "Arrived St. Vincent": a bare "arrived" names a facility only when a capitalised name follows.
    if (bareArrival && !/^\s+[A-Z]/.test(after)) continue;
    // "arrived at County General": the facility follows the cue itself, with no "to".
    const local = /\bat$/i.test(cue[0]) || bareArrival ? { index: 0 } : /(?:\bto\b|:)/.exec(after);
    if (!local || local.index > 40) continue;
    re.lastIndex = local.index;
    const m = re.exec(after);
    const range = m?.indices?.[1];
    if (!m || !range || !m[1] || NOT_A_DESTINATION.test(m[1]) || !(HOSPITAL_WORD.test(m[1]) || PROPER_NAME.test(m[1]))) continue;
    // "Arrived St. Vincent 1412": the arrival time is not part of the facility's name.
    const lead = m[1].length - m[1].replace(/^the\s+/i, '').length;
    const value = m[1].slice(lead).replace(/\s+\d{3,4}$/, '');
    const begin = cue.index + cue[0].length + range[0] + lead;
    return { begin, end: begin + value.length };
  }
  return null;
}

const span = (segmentId: string, content: string, b: number, e: number): FactSpan => ({
  segmentId,
  begin: b,
  end: e,
  text: content.slice(b, e),
});

/** Context facts of one segment; at most one of each type per segment. */
export function extractContext(segmentId: string, content: string): ContextFact[] {
  const out: ContextFact[] = [];
  const seen = new Set<EmsContextType>();
  const nature = dispatchNature(content);
  if (nature) {
    const s = span(segmentId, content, nature.begin, nature.end);
    out.push({ type: 'DISPATCH_NATURE', value: s.text, span: s });
    seen.add('DISPATCH_NATURE');
  }
  for (const rule of RULES) {
    if (seen.has(rule.type) || (rule.when && !rule.when.test(content)) || (rule.unless && rule.unless.test(content))) continue;
    const m = rule.re.exec(content);
    const range = m?.indices?.[1];
    if (!m || !range || !m[1]) continue;
    const value = rule.value ? rule.value(m[1]) : m[1].trim();
    if (!value) continue;
    out.push({ type: rule.type, value, span: span(segmentId, content, range[0], range[1]) });
    seen.add(rule.type);
  }
  const dest = destination(content);
  if (dest) {
    const s = span(segmentId, content, dest.begin, dest.end);
    out.push({ type: 'DESTINATION', value: s.text, span: s });
  }
  return out;
}
