import { PEOPLE_NOT_CREW } from '@medicdraft/healthscribe-documents';

/**
 * Words before a drug's mention, in its sentence, that say whose drug it is. The last one said before the mention decides:
 * "meds albuterol MDI", "no meds other than the Tylenol", "takes lisinopril" name the patient's own medications; "mom says …
 * she gave him Tylenol", "per the wife he took two nitro" report what someone else gave before the crew came; "we", "I" or
 * the partner giving it, or a list of what was given ("meds given:"), is the crew's.
 */
const HOME_WORDS = [
  String.raw`(?:home\s+)?(?:meds?|medications?)(?!\s+(?:given|administered|pushed|given\s+were))`,
  // The patient's own taking; "we took vitals" is the crew.
  String.raw`(?<!\b(?:we|i)\s+)(?:takes|taking|took)`,
  'prescribed',
  // "no meds other than the Tylenol"; "other than that, versed given IM" goes on to what the crew did.
  String.raw`other than(?!\s+(?:that|this)\b)`,
];
const PEOPLE = PEOPLE_NOT_CREW.join('|');
/**
 * Places of care that give drugs before the crew takes the patient over ("Sending gave calcium 1 g IV", "the ED gave him
 * Zofran", "urgent care administered a DuoNeb"), and who of them gave it ("sending MD", "ER staff").
 */
const CARE_PLACES = [
  String.raw`sending(?:\s+(?:facility|hospital|ed|er))?`,
  'ed',
  'er',
  'hospital',
  'clinic',
  'urgent care',
  String.raw`dialysis(?:\s+(?:center|unit))?`,
  'nursing home',
  'facility',
];
const CARE_PLACE_PEOPLE = ['staff', 'team', 'nurses?', 'rn', 'md', 'docs?', 'doctors?', 'physicians?'];
/**
 * Words before a place that make it where the crew goes, not who gave: "en route to the hospital, given Zofran", "transporting to
 * the er gave 4 mg zofran", "prior to arrival at the ED pushed adenosine".
 */
const TOWARD_PLACE = ['to', 'at', 'into', 'toward', 'towards', 'for', 'from', 'left', 'leaving'];
/** "given her pain", "given the injuries": "given" said as "because of", after a place the crew is going to. */
const CARE_PLACE_GAVE =
  String.raw`(?<!\b(?:${TOWARD_PLACE.join('|')})\s+(?:the\s+)?)(?:${CARE_PLACES.join('|')})(?:\s+(?:${CARE_PLACE_PEOPLE.join('|')}))?\s+` +
  String.raw`(?:had\s+)?(?:gave|given|administered|started|hung|pushed)(?!\s+(?:an?\s+|the\s+|her\s+|his\s+)?(?:verbal\s+)?orders?\b)`;
const OTHERS_WORDS = [
  // Someone not of the crew who gave it or says what was given: "mom says", "wife gave", "per the daughter".
  String.raw`(?:${PEOPLE})\s+(?:had\s+)?(?:says?|said|states?|stated|reports?|reported|told us|gave|given|administered)`,
  CARE_PLACE_GAVE,
  String.raw`per\s+(?:the\s+|his\s+|her\s+)?(?:${PEOPLE})`,
];
const CREW_WORDS = ['we', 'i', String.raw`(?:my\s+)?partner`, 'crew', String.raw`(?:meds?|medications?)\s+(?:given|administered|pushed)`];
const WHOSE = new RegExp(
  String.raw`\b(?:(?<home>${HOME_WORDS.join('|')})|(?<others>${OTHERS_WORDS.join('|')})|(?<crew>${CREW_WORDS.join('|')}))\b`,
  'giu',
);

/**
 * Said after the drug in its clause, the crew's giving it: "…, ASA 324 PO given", "…, albuterol neb started". Not one given by
 * someone else or before the crew came ("Tylenol given by mom", "nitro taken prior to arrival").
 */
const NOT_BY_CREW_AFTER = ['by', 'prior', 'before', 'earlier', 'at home', 'this morning', 'last night'];
const GIVEN_AFTER = new RegExp(
  String.raw`^(?:[^,;.]|\.\d)*?\b(?:given|administered|pushed|started|initiated)\b(?!\s+(?:${NOT_BY_CREW_AFTER.join('|')})\b)`,
  'i',
);
/** A clause break between a person's words and the drug: a comma, a semicolon or "then". */
const CLAUSE_BREAK = /[,;]|\bthen\b/i;

/**
 * The drug mentioned at `begin` of `line` is said as the patient's own medication or as one given by someone not of the crew.
 * Only the words of its own sentence count; a drug with none of them is left to the phase rules.
 */
export function saidAsNotCrew(line: string, begin: number): boolean {
  const before = line.slice(0, begin);
  const sentence = before.slice(Math.max(before.lastIndexOf('. '), before.lastIndexOf('; '), before.lastIndexOf('? ')) + 1);
  const last = [...sentence.matchAll(WHOSE)].at(-1);
  // "Per wife, CP since 1300, ASA 324 PO given": the wife's words end at a clause break; the drug said given after it is the
  // crew's.
  if (last !== undefined && CLAUSE_BREAK.test(sentence.slice(last.index + last[0].length)) && GIVEN_AFTER.test(line.slice(begin)))
    return false;
  return last?.groups?.crew === undefined && (last?.groups?.home !== undefined || last?.groups?.others !== undefined);
}
