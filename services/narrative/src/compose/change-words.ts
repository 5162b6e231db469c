/** What the crew does to a patient, said of the patient: "he was placed in restraints", "pt was loaded". */
const CREW_ACTS = [
  ...['placed', 'put', 'loaded', 'moved', 'lifted', 'carried', 'packaged', 'secured', 'restrained', 'boarded', 'immobilized'],
  ...['extricated', 'transferred', 'transported', 'taken', 'brought', 'driven', 'flown', 'handed', 'given', 'started'],
  ...['intubated', 'bagged', 'ventilated', 'shocked', 'defibrillated', 'cardioverted', 'paced', 'assisted', 'decompressed'],
];
/** A pain score said in words. */
const SCORE_WORDS = 'zero|one|two|three|four|five|six|seven|eight|nine|ten';
/** The care a reading is said "after" when it is that care's response ("pain 5/10 after the fentanyl", "SpO2 94% after the neb"). */
const CARE_AFTER = [
  ...['dose', 'treatment', String.raw`med\w*`, String.raw`neb\w*`, 'drug', String.raw`\d+ (?:mg|mcg)`, String.raw`nitro\w*`, 'fentanyl'],
  ...['morphine', 'zofran', 'ondansetron', 'albuterol', 'duoneb', 'narcan', 'naloxone', String.raw`epi\w*`, 'versed', 'midazolam'],
  ...['ketamine', 'aspirin', String.raw`fluids?`, 'bolus', 'cpap', 'oxygen', 'o2', 'd10', 'd50', 'dextrose', 'glucose', 'glucagon'],
  // The volume of a running fluid: "GCS 15 after approx 150 mL" of the D10.
  String.raw`(?:approx\w*\.? |about |around )?\d+ ?(?:ml|cc)`,
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
  // The patient settling after a sedative: "… at 2346 and he settled down within about five minutes", "she calmed down". Only the
  // patient as the subject: not the crew settling someone ("we settled her on the stretcher"), nor someone else calming down
  // ("daughter calmed down after we explained", "the wind calmed down"), nor the patient calming someone ("pt calmed his wife").
  String.raw`(?:he|she|pt|patient)\s+(?:then\s+|finally\s+|eventually\s+)?(?:settled|calmed)(?:\s+down)?\b` +
    String.raw`(?!\s+(?:him|her|his|them|their|the|into|onto|on|in)\b)`,
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
    String.raw`(?:the pain|(?:his |her )?pain (?:is|was|went|came|now|down|\d)|` +
    String.raw`(?:he|she|pt|patient) (?:is|was|became|seemed|looked)\b(?!\s+(?:${CREW_ACTS.join('|')})\b)|` +
    // The score the patient gives then, said in the present: "after ten minutes she say six of ten", "… he rates it 4 out of 10".
    // Not a score told of before the call ("his wife states he was mowing and after 20 minutes he said it was 9 out of 10").
    String.raw`(?<!\b(?:states|stated|said|reports|reported|tells|told)\b[^.;]{0,80})(?:he|she|pt|patient) (?:says?|rates?|reports?) ` +
    String.raw`(?:it |the pain |(?:his |her )?pain )?(?:is |was |at )?(?:\d{1,2}|${SCORE_WORDS}) (?:of|out of|on|over) (?:10|ten)\b)`,
  // A symptom said gone: "no more vomiting after that", "she not vomit anymore". Only a symptom the crew treats: "he does not
  // drink anymore" is a habit; nor a history ("no more vomiting since last night", "he does not seize anymore on his new meds").
  String.raw`no (?:more|longer) (?:vomit\w*|nause\w*|seiz\w*|wheez\w*|shaking|itch\w*|hives)(?![^,;.]{0,30}\b(?:since|until)\b)`,
  String.raw`(?<!\b(?:has|have|had|does|do|did)(?:n't| not)(?: had)? )(?:vomit|nause|seiz|wheez|shak|itch)\w* any ?more` +
    String.raw`(?![^,;.]{0,30}\b(?:since|until|on (?:his|her|their) (?:new )?med)\w*)`,
  // The reading after "after this": "we give 500 ml warm saline IV, and after this the pressure is 112/68". Only a reading or the
  // patient's symptom as its subject ("after that his wife arrived" is someone else), not told by someone ("his wife says after
  // that the pain was bad all day").
  String.raw`(?<!\b(?:says|said|states|stated|reports|reported|tells|told)\s)after (?:this|that),? (?:the |his |her )?` +
    String.raw`(?:pain|pressure|blood pressure|bp|heart rate|hr|pulse|sats?|saturation|spo2|gcs|nausea|breathing|glucose|sugar) ` +
    String.raw`(?:is|was|went|came)\b`,
  // A reading said with "after" the drug: "fentanyl 50 mcg at 1905, pain 5/10 after", "SpO2 94% after the neb". Only "after" alone
  // at its clause's end or before the care: "pain 7 after walking up the stairs" is what brings the pain on.
  String.raw`(?:pain|bp|hr|heart rate|rr|spo2|sats?|gcs)\s+(?:(?:is|was|now)\s+)?\d[\d/.%]*(?:\s*(?:out of 10|percent))?\s+` +
    String.raw`(?:after|post|following)(?=\s*(?:[,;.]|$)|\s+(?:the |his |her |that |this )?(?:${CARE_AFTER.join('|')})\b)`,
  // An arrest that did not change: "remained asystole throughout", "stayed in asystole", "never did see anything but flat line".
  // Not a state since before the crew, or told by someone ("remained unresponsive to her family's voice since last night per
  // daughter").
  String.raw`(?:remained|stayed)(?: in)? (?:asystole|pea|pulseless|apneic|unresponsive|stable|the same)\b(?![^,;.]*\b(?:since|per)\b)`,
  String.raw`(?:asystole|pea) throughout`,
  // Not a thing never had ("he never had anything like this before", "never got a rhythm check at the clinic").
  String.raw`never (?:did )?(?:see|saw|get|got) (?:anything but|a pulse|rosc)\b`,
  // Sedation taking hold: "ketamine 400 mg im at 2122 he was out within about 4 minutes".
  String.raw`(?:he|she|pt|patient) (?:was|went) out within\b`,
  // "8 to 4", "9/10 to 5/10", "8 → 4/10": a score or value and what it became. Not a dose, a volume or a gauge stepped up ("4 to
  // 6 liters", "NS 500 -> 1000 ml", "fentanyl 50 -> 100 mcg"), nor a room, a bed, a priority or a step ("room 12 -> 14").
  String.raw`(?<!\b(?:room|bed|priority|step|code)\s+)\d{1,3}(?!\d)(?:\s*\/\s*10)?(?:\s+to\s+|\s*(?:→|->)\s*)\d{1,3}(?!\d)` +
    // A glucose's own unit is no dose ("sugar 38 -> 145 mg/dL").
    String.raw`(?!\s*(?:mg(?!\s*\/\s*dl)|mcg|ml|l|liters?|lpm|cc|units?|g|gm|grams?|milligrams?(?! per deciliter)|micrograms?|` +
    String.raw`milliliters?|gauge|ga)\b)`,
];
const CHANGE_RE = new RegExp(String.raw`\b(?:${CHANGE_WORDS.join('|')})`, 'i');
/** "Decreased breath sounds", "increased work of breathing": the words used as adjectives name a finding, not a change. */
const FINDING_ADJECTIVE = /\b(?:decreased|increased)\s+(?!to\b|from\b|after\b|with\b|since\b|and\b|but\b)\p{L}+/giu;

/** Whether a line says a finding or symptom changed (or did not). */
export const CHANGE_STATED = { test: (text: string): boolean => CHANGE_RE.test(text.replace(FINDING_ADJECTIVE, ' ')) };
