import { anyOf } from './word-table.js';

/**
 * Care said object first, then the participle of what was done to it ("ice pack applied", "helmet removed", "bulb suctioned",
 * "left wrist splinted"). Each object goes only with the participles that act on it, so "helmet placed" or "wrist removed" are
 * not read as care.
 */
const OBJECT_PARTICIPLES: ReadonlyArray<readonly [objects: readonly string[], participles: readonly string[]]> = [
  [['(?:ice|cold|instant cold|heat|hot) packs?'], ['applied', 'placed']],
  [
    ['helmet', '(?:wet |soaked |all |outer )?(?:clothing|clothes)', 'rings?', 'jewelry'],
    ['removed', 'cut off', 'cut away'],
  ],
  [['bulb'], ['suctioned']],
  // A line said by its site ("io right tibia placed", "iv left ac established"); not a site said alone ("the right tibia | placed
  // a 20 gauge"), which names no line.
  [
    [
      String.raw`i ?o (?:(?:left|right|l|r) )?(?:proximal )?(?:tibia|humerus|humeral(?: head)?)`,
      String.raw`i ?v (?:(?:left|right|l|r) )?(?:ac|antecubital|hand|forearm)`,
    ],
    ['placed', 'established', 'started', 'inserted'],
  ],
  // An airway said by its name and size, then placed ("king airway size 4 placed").
  [[String.raw`(?:king(?: airway)?|i-?gel|lma|supraglottic(?: airway)?)(?: (?:size|number|#) ?\d)?`], ['placed', 'inserted']],
];
/** A limb said with its side, then splinted ("l wrist splinted", "right lower leg immobilized"). */
const SIDES = ['left', 'right', 'l', 'r'];
const LIMBS = ['wrist', 'forearm', 'arm', 'upper arm', 'elbow', 'hand', 'finger', 'ankle', 'lower leg', 'leg', 'knee', 'shoulder'];
const LIMB_PARTICIPLES = ['splinted', 'immobilized'];

/** The object and its participle as one alternation ("ice packs? (?:applied|placed)|helmet (?:removed|…)|…"). */
export const CARE_OBJECT_THEN_PARTICIPLE = anyOf([
  ...OBJECT_PARTICIPLES.map(([objects, done]) => String.raw`(?:${anyOf(objects)}) (?:${anyOf(done)})`),
  String.raw`(?:${anyOf(SIDES)}) (?:${anyOf(LIMBS)}) (?:${anyOf(LIMB_PARTICIPLES)})`,
]);

/** A piece ending on such an object, and the rest opening with one of its participles: one statement, not cut between. */
export const CARE_OBJECT_LAST_THEN_PARTICIPLE: ReadonlyArray<readonly [last: RegExp, first: RegExp]> = [
  ...OBJECT_PARTICIPLES.map(
    ([objects, done]) =>
      [new RegExp(String.raw`\b(?:${anyOf(objects)})\s*,?\s*$`, 'i'), new RegExp(String.raw`^[,\s]*(?:${anyOf(done)})\b`, 'i')] as const,
  ),
  [
    new RegExp(String.raw`\b(?:${anyOf(SIDES)}) (?:${anyOf(LIMBS)})\s*,?\s*$`, 'i'),
    new RegExp(String.raw`^[,\s]*(?:${anyOf(LIMB_PARTICIPLES)})\b`, 'i'),
  ] as const,
];
