import type { WordTable } from './word-table.js';

/**
 * The people a dictation names who are not the EMS crew: what they did, found, gave or said is reported, not charted as the
 * crew's. Kept in a few tables by who they are, because some sites want only some of them (a care step "done by mom" is not the
 * crew's, but "history given by mom" names who spoke); `PEOPLE_NOT_CREW` is all of them.
 *
 * Entries are alternation fragments for `anyOf` / `wordMatcher`, matched case-insensitively on word boundaries. Not "partner"
 * nor "medic": in a dictation those are the crew.
 */

/** The patient's family, as they are called in speech ("mama", "momma", "mum", "papa", "the boyfriend"). */
export const FAMILY: WordTable = [
  'mom',
  'mother',
  'mama',
  'momma',
  'mommy',
  'mum',
  'dad',
  'daddy',
  'papa',
  'father',
  'parents?',
  'wife',
  'husband',
  'daughter',
  'son',
  'sister',
  'brother',
  'aunt',
  'uncle',
  'boyfriend',
  'girlfriend',
  // Every grandparent and grandchild ("grandma", "grandson", "grandkids"), not "grand mal".
  'grand(?:ma|pa|mom|dad|mother|father|parent|son|daughter|child|kid)s?',
  'grandchildren',
  'family',
];

/** Others at the scene or on the call who are neither family nor responders. */
export const OTHERS_AT_SCENE: WordTable = [
  'caller',
  'bystanders?',
  'friend',
  'neighbou?r',
  'roommate',
  'caregiver',
  'co-?worker',
  'homeowner',
  'guard',
  'clerk',
  'driver',
];

/** Responders who are not the crew: law enforcement and the fire service. */
export const OTHER_RESPONDERS: WordTable = ['police', 'pd', 'officers?', 'fire', 'fd'];

/** Carers by trade who are not the crew: a facility's or a school's staff, a midwife. */
export const CARE_STAFF: WordTable = ['staff', 'nurse', 'aide', 'midwife', 'doula'];

/** Everyone above. */
export const PEOPLE_NOT_CREW: WordTable = [...FAMILY, ...OTHERS_AT_SCENE, ...OTHER_RESPONDERS, ...CARE_STAFF];
