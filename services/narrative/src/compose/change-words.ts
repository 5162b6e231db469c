/** What the crew does to a patient, said of the patient: "he was placed in restraints", "pt was loaded". */
const CREW_ACTS = [
  ...['placed', 'put', 'loaded', 'moved', 'lifted', 'carried', 'packaged', 'secured', 'restrained', 'boarded', 'immobilized'],
  ...['extricated', 'transferred', 'transported', 'taken', 'brought', 'driven', 'flown', 'handed', 'given', 'started'],
  ...['intubated', 'bagged', 'ventilated', 'shocked', 'defibrillated', 'cardioverted', 'paced', 'assisted', 'decompressed'],
];
/**
 * Words that say a finding or symptom changed (or did not) — evidence of the response to a
 * treatment when said after it: "Pain 8 to 4", "More alert after ten minutes", "Improved", "woke up".
 */
const CHANGE_WORDS = [
  String.raw`improv\w*`,
  String.raw`resolv\w*`,
  'better',
  'worse',
  String.raw`worsen\w*`,
  'woke',
  'awoke',
  'waking',
  String.raw`(?:more|less) (?:alert|awake|responsive|oriented|comfortable|anxious|agitated|short of breath|with it)`,
  'came (?:around|to)',
  String.raw`decreas\w*`,
  String.raw`increas\w*`,
  'cleared',
  'eased',
  'slowed',
  'fading',
  'subsided',
  'stopped',
  'ceased',
  'rosc',
  'relief',
  'no change',
  'unchanged',
  'tolerated',
  'went from',
  '(?:down|up) to',
  // The patient's state some minutes after the drug: "after ten minutes the pain is six on ten", "about four minutes later
  // he was calm". Only the patient or the pain as the subject: "ten minutes later his wife arrived" is someone else.
  // Nor what the crew did to the patient: "ten minutes later he was placed in soft restraints", "pt was intubated".
  String.raw`(?:after (?:about |around )?[\w-]+ minutes?|[\w-]+ minutes? later),? ` +
    String.raw`(?:the pain|(?:he|she|pt|patient) (?:is|was|became|seemed|looked)\b(?!\s+(?:${CREW_ACTS.join('|')})\b))`,
  // A reading said with "after" the drug: "fentanyl 50 mcg at 1905, pain 5/10 after", "SpO2 94% after the neb".
  String.raw`(?:pain|bp|hr|heart rate|rr|spo2|sats?|gcs)\s+(?:(?:is|was|now)\s+)?\d[\d/.%]*(?:\s*(?:out of 10|percent))?\s+` +
    String.raw`(?:after|post|following)\b`,
  // An arrest that did not change: "remained asystole throughout", "stayed in asystole", "never did see anything but flat line".
  String.raw`(?:remained|stayed)(?: in)? (?:asystole|pea|pulseless|apneic|unresponsive|stable|the same)\b`,
  String.raw`(?:asystole|pea) throughout`,
  String.raw`never (?:did )?(?:see|saw|get|got|had) (?:anything|a pulse|a rhythm|rosc)\b`,
  // Sedation taking hold: "ketamine 400 mg im at 2122 he was out within about 4 minutes".
  String.raw`(?:he|she|pt|patient) (?:was|went) out within\b`,
  // "8 to 4", "9/10 to 5/10": a score or value and what it became (not "4 to 6 liters").
  String.raw`\d{1,3}(?:\s*\/\s*10)?\s+to\s+\d{1,3}(?!\s*(?:mg|mcg|ml|l|liters?|lpm|cc|units?)\b)`,
];
const CHANGE_RE = new RegExp(String.raw`\b(?:${CHANGE_WORDS.join('|')})`, 'i');
/** "Decreased breath sounds", "increased work of breathing": the words used as adjectives name a finding, not a change. */
const FINDING_ADJECTIVE = /\b(?:decreased|increased)\s+(?!to\b|from\b|after\b|with\b|since\b|and\b|but\b)\p{L}+/giu;

/** Whether a line says a finding or symptom changed (or did not). */
export const CHANGE_STATED = { test: (text: string): boolean => CHANGE_RE.test(text.replace(FINDING_ADJECTIVE, ' ')) };
