import { anyOf, lookupTable, type WordTable } from './word-table.js';

/**
 * EMS medication and procedure vocabulary (generic name ← table of spoken aliases). Home medications
 * outside this list are history, not treatment, so they are deliberately absent. A hyphenated name is written with
 * `[- ]?` where the hyphen goes: a speech recogniser writes "c-collar", "i-gel", "DuoNeb" as "c collar", "i gel", "duo neb".
 */
/**
 * Care said verb-first is the crew's only when the crew is its subject or the line has none ("we clamped the cord", "dried and
 * stimulated him"); "dad says he clamped and cut the cord", "nurse laid her supine" name someone else.
 */
const CREW_OR_LINE_START = String.raw`(?<=(?:^|[,.;:]\s*|\b(?:we|i|then|and|so|crew)\s))`;

/**
 * The crew as the one who "took over" the CPR someone else started: "we took over compressions", also with its arrival said
 * between ("we arrived and took over cpr", "i got there, took over bagging"). At most two words between, and none of them
 * someone else, keeps another doer the doer ("we arrived and fire took over cpr", "we arrived at the ER and the nurse took over
 * compressions", "we got there fire took over").
 */
export const CREW_BEFORE_TOOK_OVER =
  String.raw`\b(?:we|i)(?: [\w']+){0,2},?(?: and| then)? ` +
  String.raw`(?<!\b(?:fire|fd|engine|police|pd|officers?|deputy|deputies|bystanders?|nurse|staff|team|er|ed|they|he|she|family)\s)`;
/** What the crew takes over when it takes over someone else's resuscitation. */
export const RESUSCITATION_TAKEN_OVER = '(?:chest )?(?:compressions|cpr|ventilations|bagging)';

export const MEDICATIONS: ReadonlyArray<readonly [string, WordTable]> = [
  ['aspirin', ['aspirin', 'baby aspirin', 'asa']],
  ['nitroglycerin', ['nitroglycerine?', 'nitro', 'ntg']],
  ['albuterol', ['albuterol', 'ventolin']],
  ['ipratropium', ['ipratropium', 'atrovent']],
  ['albuterol/ipratropium', ['duo[- ]?neb']],
  ['epinephrine', ['epinephrine', 'epi[- ]?pen', 'epi', 'adrenaline']],
  ['naloxone', ['naloxone', 'narcan']],
  // A recogniser spells the letter apart: "d ten", "d fifty".
  ['dextrose', ['dextrose(?: 10%| 50%)?', 'd10w?', 'd50w?', 'd (?:10|ten|50|fifty)']],
  ['glucagon', ['glucagon']],
  ['oral glucose', ['oral glucose', 'glucose gel', 'insta[- ]?glucose']],
  ['ondansetron', ['ondansetron', 'zofran']],
  ['fentanyl', ['fentanyl']],
  ['morphine', ['morphine']],
  ['ketamine', ['ketamine']],
  ['midazolam', ['midazolam', 'versed']],
  ['lorazepam', ['lorazepam', 'ativan']],
  ['diazepam', ['diazepam', 'valium']],
  ['amiodarone', ['amiodarone', 'amio']],
  ['adenosine', ['adenosine']],
  ['atropine', ['atropine']],
  ['diphenhydramine', ['diphenhydramine', 'benadryl']],
  ['methylprednisolone', ['methylprednisolone', 'solu[- ]?medrol']],
  ['dexamethasone', ['dexamethasone', 'decadron']],
  ['magnesium sulfate', ['magnesium sulfate', 'magnesium', 'mag sulfate']],
  // After a field delivery, for bleeding once the placenta is out.
  ['oxytocin', ['oxytocin', 'pitocin']],
  ['normal saline', ['normal saline', 'saline bolus', 'saline(?! lock)', 'fluid bolus', 'lactated ringers?', 'NS', 'LR']],
  // "oxygen 96 percent", "O2 94%": a saturation read aloud, not oxygen given.
  [
    'oxygen',
    [
      String.raw`oxygen(?!\s*sat)(?!\s+\d{2,3}\s*(?:%|percent))`,
      String.raw`o2(?!\s*sat)(?!\s+\d{2,3}\s*(?:%|percent))`,
      // "NRB 15 L 2227", "NC 2 lpm": the mask or cannula with a flow is oxygen given (once: not again in "O2 NRB 15 L").
      // "Oxygen was applied by nasal cannula at 4 L/min" is one administration too.
      // A recogniser writes the mask as two words, or plural for several patients ("all three on non rebreathers at 15 liters").
      String.raw`(?<!\b(?:o2|oxygen)\b(?:(?!\bthen\b)[^,;.]){0,30})(?:nrbs?|non[- ]?rebreathers?|nc|nasal cannulas?)` +
        String.raw`(?=\s+(?:at\s+)?\d{1,2}\s*(?:l|lpm|liters?|litres?)\b)`,
    ],
  ],
  ['calcium chloride', ['calcium chloride', 'calcium']],
  ['sodium bicarbonate', ['sodium bicarbonate', 'sodium bicarb', 'bicarb']],
  ['acetaminophen', ['acetaminophen', 'tylenol']],
  ['ibuprofen', ['ibuprofen', 'motrin', 'advil']],
  ['ketorolac', ['ketorolac', 'toradol']],
  ['tranexamic acid', ['tranexamic acid', 'txa']],
  ['haloperidol', ['haloperidol', 'haldol']],
  ['droperidol', ['droperidol']],
  ['labetalol', ['labetalol']],
  ['activated charcoal', ['activated charcoal', 'charcoal']],
  ['heparin', ['heparin']],
  ['nicardipine', ['nicardipine', 'cardene']],
  ['insulin', ['insulin drip', 'insulin infusion']],
  ['norepinephrine', ['norepinephrine', 'levophed', 'levo']],
  ['dopamine', ['dopamine']],
  // The rest of a typical EMS and critical-care formulary, by generic and brand name.
  ['diltiazem', ['diltiazem', 'cardizem']],
  ['metoprolol', ['metoprolol', 'lopressor']],
  ['procainamide', ['procainamide']],
  ['lidocaine', ['lidocaine', 'xylocaine']],
  ['oxymetazoline', ['oxymetazoline', 'afrin']],
  ['promethazine', ['promethazine', 'phenergan']],
  ['prochlorperazine', ['prochlorperazine', 'compazine']],
  ['famotidine', ['famotidine', 'pepcid']],
  ['hydromorphone', ['hydromorphone', 'dilaudid']],
  ['nitrous oxide', ['nitrous oxide', 'nitronox']],
  ['etomidate', ['etomidate', 'amidate']],
  ['rocuronium', ['rocuronium', 'roc']],
  ['succinylcholine', ['succinylcholine', 'sux']],
  ['vecuronium', ['vecuronium']],
  ['propofol', ['propofol', 'diprivan']],
  ['thiamine', ['thiamine']],
  ['hydroxocobalamin', ['hydroxocobalamin', 'cyanokit']],
  ['hydrocortisone', ['hydrocortisone', 'solu[- ]?cortef']],
  ['terbutaline', ['terbutaline']],
  ['calcium gluconate', ['calcium gluconate']],
  ['phenylephrine', ['phenylephrine', 'neo[- ]?synephrine']],
  ['vasopressin', ['vasopressin']],
  ['ceftriaxone', ['ceftriaxone', 'rocephin']],
  ['blood products', ['prbcs?', 'packed red (?:blood )?cells', 'whole blood', 'fresh frozen plasma', 'ffp', 'platelets']],
];

/**
 * Home medications a patient takes (generic ← brand and generic names), by the classes a medic asks about first:
 * antiplatelets and anticoagulants (bleeding risk), then the common cardiac, diabetic and other daily drugs. They are
 * history, never treatment given, so they are kept out of MEDICATIONS (the treatment reader never sees them); a spoken
 * correction reads them as drug names ("he's on aspirin, scratch that, Plavix").
 */
export const HOME_MEDICATIONS: ReadonlyArray<readonly [string, WordTable]> = [
  ['clopidogrel', ['clopidogrel', 'plavix']],
  ['ticagrelor', ['ticagrelor', 'brilinta']],
  ['prasugrel', ['prasugrel', 'effient']],
  ['cilostazol', ['cilostazol', 'pletal']],
  ['dipyridamole', ['dipyridamole', 'aggrenox']],
  ['apixaban', ['apixaban', 'eliquis']],
  ['rivaroxaban', ['rivaroxaban', 'xarelto']],
  ['dabigatran', ['dabigatran', 'pradaxa']],
  ['edoxaban', ['edoxaban', 'savaysa']],
  ['warfarin', ['warfarin', 'coumadin', 'jantoven']],
  ['enoxaparin', ['enoxaparin', 'lovenox']],
  ['lisinopril', ['lisinopril', 'zestril', 'prinivil']],
  ['losartan', ['losartan', 'cozaar']],
  ['amlodipine', ['amlodipine', 'norvasc']],
  ['carvedilol', ['carvedilol', 'coreg']],
  ['atenolol', ['atenolol', 'tenormin']],
  ['hydrochlorothiazide', ['hydrochlorothiazide', 'hctz']],
  ['furosemide', ['furosemide', 'lasix']],
  ['spironolactone', ['spironolactone', 'aldactone']],
  ['digoxin', ['digoxin', 'lanoxin']],
  ['atorvastatin', ['atorvastatin', 'lipitor']],
  ['simvastatin', ['simvastatin', 'zocor']],
  ['rosuvastatin', ['rosuvastatin', 'crestor']],
  ['metformin', ['metformin', 'glucophage']],
  ['glipizide', ['glipizide', 'glucotrol']],
  ['insulin glargine', ['insulin glargine', 'glargine', 'lantus']],
  ['levothyroxine', ['levothyroxine', 'synthroid']],
  ['tamsulosin', ['tamsulosin', 'flomax']],
  ['gabapentin', ['gabapentin', 'neurontin']],
  ['sertraline', ['sertraline', 'zoloft']],
  ['omeprazole', ['omeprazole', 'prilosec']],
  ['pantoprazole', ['pantoprazole', 'protonix']],
  ['prednisone', ['prednisone']],
];

/** An IV's gauges in digits, as a line is charted ("iv 20g l ac", "18 gauge"); the splitters read a line by its gauge. */
export const IV_GAUGES: WordTable = ['14', '16', '18', '20', '22', '24'];
/**
 * A line named by its kind is the patient's long-term line, or not a vein's at all: "picc line", "hose line". Not the IV route's
 * "through the picc" lines below, which name any line a drug runs through, the crew's own included.
 */
const LONG_TERM_LINES = [
  ...['picc', 'pic', 'pick', 'central', 'midline', 'arterial', 'art', 'dialysis', 'port', 'hickman', 'tunneled', 'tunnelled'],
  ...['quinton', 'permcath', 'feeding', 'peg', 'supply', 'hose', 'attack', 'perimeter', 'police', 'fire'],
];
/** What a chest wall or a limb is splinted with: "splinting the left chest wall with a pillow". */
const SPLINTED_WITH = ['pillows?', 'sam', 'splints?', 'bulky', 'dressings?', 'blankets?', 'towels?', 'board', 'cardboard', 'tape'];
export const PROCEDURES: ReadonlyArray<readonly [string, WordTable]> = [
  [
    'iv access',
    [
      'iv access',
      'saline lock',
      'large[- ]bore ivs?',
      // Lines counted without their gauge's unit: "two ivs 16 left ac and 18 right ac". Only with a gauge or a side after:
      // "pt has two ivs from the hospital", "two ivs attempted and missed" are no lines the crew placed.
      String.raw`(?:two|2|bilateral) ivs(?= (?:14|16|18|20|22|24|left|right|l|r|bilat\w*)\b)`,
      String.raw`\d{2} ?(?:g|gauge) (?:iv|io|angio)`,
      'established (?:an? )?(?:iv|io)',
      '(?:iv|io) (?:was )?established',
      // The line named as a line: "line established", "line placed 20 gauge left hand"; not a long-term line the patient has
      // ("hickman line placed for chemo", "pick line placed"), a fire line ("a supply line"), or one placed by someone else
      // ("line placed by home health").
      String.raw`(?<!\b(?:${anyOf(LONG_TERM_LINES)})\s)line (?:was )?(?:established|placed|started)(?!\s+(?:by|for|at the|in the)\b)`,
      String.raw`iv \d{2} ?(?:g|gauge)`,
      // "got a 20 in the left hand", "18 in the right AC": a line said by its gauge and site. Only a gauge, and not a reading
      // said with "got" ("got 95 on the ear probe", "got 22 on the pulse ox").
      String.raw`got (?:an? )?(?:(?:14|16|18|20|22|24)(?!\s*(?:%|percent|over|on (?:the )?(?:pulse|ox|ear|finger|probe|monitor|` +
        String.raw`room air|ra|sat|spo2)))|\d{2} ?mm\b|line|iv|io)\b`,
      String.raw`(?<![\d.:/])(?:14|16|18|20|22|24) (?:in|to) the (?:left|right|l|r)\b`,
      // "IV 20 in the R hand": the gauge said bare before the site.
      String.raw`iv \d{2}(?= (?:in|to|at) (?:the )?(?:left|right|l|r|ac|hand|forearm|wrist|arm|antecubital|ej)\b)`,
      // "IV 22 L hand": an IV gauge needs no "gauge" after it.
      String.raw`iv (?:14|16|18|20|22|24)\b(?! ?(?:mg|mcg|ml|units?|%|minutes?|min)\b)`,
      String.raw`\d{2} ?(?:gauge|ga)\b`,
      // "2 x 18 g bilat AC": a gauge written "g" is a line when a site follows it.
      String.raw`(?:14|16|18|20|22|24) ?g (?:(?:bilat(?:eral)?|left|right|l|r) )?(?:ac|antecubital|hand|forearm|wrist|ej)\b`,
    ],
  ],
  ['cpr', ['cpr', 'chest compressions', 'compressions']],
  [
    'io access',
    [
      'ez[- ]?io',
      'io (?:access|needle|placed|established)',
      String.raw`io(?= (?:left|right|l|r|proximal|distal|humeral|humerus|tibia|tibial|sternal)\b)`,
    ],
  ],
  // A field delivery is a sequence of crew actions, whatever verb the medic uses for each.
  [
    'delivery',
    [
      'delivered (?:a |the )?(?:baby|infant|newborn|placenta)',
      '(?:baby|infant|newborn) (?:was )?delivered',
      // The newborn named by its sex, with the time or place of the crew's delivery: "baby girl delivered at 0618", "baby boy was
      // delivered in the back of the rig"; not a birth told as history ("baby girl delivered vaginally at general last week").
      String.raw`(?:baby|infant|newborn) (?:girl|boy) (?:was )?delivered` +
        String.raw`(?= at \d{3,4}\b| (?:in|on) the (?:back|rig|truck|ambulance|unit|cot|scene)\b)`,
      // The crew's hands at the birth: "I just guided the head", "we supported the head". Only the crew or a subjectless line:
      // "the midwife guided the head", "dad says he guided the head out" are not the crew, "the head of the bed" is no birth.
      // "Supported" or "eased" the head is also holding the spine or opening the airway: a birth only with the birth said on.
      String.raw`(?<=(?:^|[,.;:]\s*|\b(?:we|i|crew)\s(?:just |gently |then )?))(?:(?:guided|delivered) (?:out )?` +
        String.raw`(?:the )?(?:baby['’]?s )?(?:head|shoulders?)(?! of\b)|(?:supported|eased) (?:out )?(?:the )?(?:baby['’]?s )?` +
        String.raw`(?:head|shoulders?)(?! of\b)(?=[^.;!?]*\b(?:deliver\w*|born|birth|crown\w*|push\w*|shoulders?|baby|infant|newborn)\b))`,
      'placenta (?:was )?delivered',
      'cord (?:was )?(?:double )?(?:clamped|cut)',
      'fundal massage',
      '(?:baby|infant|newborn) (?:was )?(?:dried|warmed|stimulated)',
      // The same steps said verb-first, the newborn as a pronoun: "dried and stimulated him", "clamped and cut the cord".
      // The crew as subject or a subjectless charting line: not "dad says he clamped and cut the cord", "the midwife had dried".
      String.raw`${CREW_OR_LINE_START}(?:dried|warmed|stimulated|suctioned) and (?:dried|warmed|stimulated|suctioned)` +
        String.raw`(?= (?:him|her|them|the (?:baby|infant|newborn))\b)`,
      String.raw`${CREW_OR_LINE_START}(?:clamped|cut)(?: and (?:clamped|cut))? (?:the )?(?:umbilical )?cord`,
      'skin[- ]to[- ]skin',
    ],
  ],
  ['vagal maneuver', ['vagal maneuvers?', 'modified valsalva', 'valsalva']],
  [
    'defibrillation',
    [
      String.raw`defibrillat\w*`,
      'shocked',
      'shock(?:s)? (?:delivered|advised)',
      String.raw`\d{3} joules`,
      // "Shock 200 J at 0300", "shocked x2 at 360 joules".
      String.raw`shock(?:ed)?(?: x ?\d)?(?: at)? \d{2,3} ?(?:j|joules)`,
    ],
  ],
  ['cardioversion', [String.raw`cardiover\w*`]],
  // "TCP": transcutaneous pacing in charting shorthand.
  ['pacing', ['transcutaneous pacing', 'pacing', 'paced', 'tcp', String.raw`pads (?:on|placed|applied)`]],
  [
    'advanced airway',
    [String.raw`intubat\w*`, 'i[- ]?gel', 'king airway', 'king lt', 'supraglottic airway', 'endotracheal tube', 'cricothyrotomy', 'cric'],
  ],
  ['airway adjunct', ['opa', 'npa', 'oral airway', 'nasal airway', 'oropharyngeal airway', 'nasopharyngeal airway', 'nasal trumpet']],
  ['airway maneuver', ['jaw thrust', 'head tilt', 'chin lift']],
  ['ventilation', ['bagged', 'bagging', 'bvm', 'bag[- ]valve[- ]mask', String.raw`ventilat\w*`, 'assisted ventilations']],
  ['cpap', ['cpap']],
  ['suction', [String.raw`suction\w*`]],
  [
    'splinting',
    [
      // Not the patient guarding a painful part: "splinting his right side", "guarding and splinting the abdomen", "splinting with
      // inspiration" are a finding. Said as done ("splinted his right side ribs") or with what it was splinted with ("splinting
      // the left chest wall with a pillow"), it is the crew's.
      String.raw`(?<!\bguarding (?:and |or )?)splint(?!ing\b)\w*`,
      String.raw`(?<!\bguarding (?:and |or )?)splinting` +
        String.raw`(?!\s+(?:(?:his|her|their|the)\s+)?(?:(?:right|left|r|l)\s+)?(?:side|chest|ribs?|abdomen|belly|flank|torso)\b` +
        String.raw`(?!(?:\s+\S+){0,4}\s+with\s+(?:an?\s+)?(?:${anyOf(SPLINTED_WITH)})))` +
        String.raw`(?!\s+(?:with|on|when|during)\s+(?:\w+\s+)?(?:breath\w*|respirations?|inspiration|movement|cough\w*)\b)`,
      'sling',
    ],
  ],
  [
    'spinal motion restriction',
    [
      'c[- ]?collar',
      'cervical collar',
      'spinal motion restriction',
      'smr',
      'backboard',
      'long ?board',
      'ked',
      'vacuum mattress',
      'scoop stretcher',
      'spinal precautions',
      String.raw`manual (?:in[- ]?line )?(?:c[- ]?spine|cervical|stabili[sz]ation)`,
      String.raw`c[- ]?spine (?:held|precautions|stabili[sz]\w*)`,
    ],
  ],
  // An open chest wound is sealed: "chest seal on wound 2226", "occlusive dressing".
  ['chest seal', ['(?:vented )?chest seal', 'occlusive dressing', 'hyfin']],
  ['hemorrhage control', ['tourniquet', 'tq', 'pressure dressing', 'direct pressure', 'wound packing', String.raw`bandag\w*`, 'dressing']],
  ['cold pack', ['cold packs?', 'ice packs?']],
  [
    'burn care',
    [
      String.raw`cool(?:ed|ing)? (?:it |them |the (?:burns?|area|hand|arm) )?with (?:[\w-]+ )?water`,
      'dry sterile dressings?',
      'burn sheet',
      String.raw`(?:removed|took off) (?:his |her |their )?(?:rings?|jewelry|watch)`,
      String.raw`took (?:his|her|their) (?:rings?|jewelry|watch) off`,
    ],
  ],
  [
    'restraint',
    ['soft restraints', '(?:physical|chemical) restraints?', 'restraints (?:were |was )?(?:applied|placed)', 'four[- ]point restraints?'],
  ],
  [
    'cardiac monitoring',
    [
      'cardiac monitor(?:ing)?',
      'continuous monitoring',
      'placed on (?:the )?monitor',
      String.raw`put (?:\w+ )?on (?:the )?(?:cardiac )?monitor`,
      'continuously monitored',
      'monitored (?:continuously )?(?:en route|throughout|during transport)',
      // "moved to our monitor", "switched him over to our monitor": the crew's monitor taking over from the facility's.
      String.raw`(?:moved|switched|transferred|changed) (?:\w+ )?(?:over )?to our (?:cardiac )?monitor`,
    ],
  ],
  ['12-lead ecg', ['12[- ]lead(?: ecg| ekg)?']],
  [
    'positioning',
    [
      'position of comfort',
      'recovery position',
      'semi[- ]?fowlers?',
      'fowlers? position',
      String.raw`head (?:of (?:the )?bed )?(?:up|elevated)(?: \d+ degrees)?`,
      'aspiration precautions',
      // The crew laying the patient down in a position ("we lay him flat", "laid her supine", "put him in the recovery position"):
      // the object is the patient, so "she lay flat on the floor" or "found him lying flat" is not the crew's care.
      // The crew as subject or a subjectless charting line, not "nurse laid her supine in bed and called us".
      String.raw`${CREW_OR_LINE_START}(?:lay|laid|put|placed) (?:him|her|them|the (?:patient|pt)|pt) (?:down )?` +
        String.raw`(?:flat|supine|in (?:the )?(?:trendelenburg|shock|recovery|lateral)(?: position)?)\b`,
    ],
  ],
  ['insulin pump suspended', [String.raw`(?:insulin )?pump (?:was )?(?:suspended|stopped|disconnected|turned off)`]],
  // Moving a patient who cannot move safely themselves is care, not just the trip.
  [
    'patient movement',
    ['scooped', 'slide ?board(?: transfer)?', String.raw`(?:two|2|three|3|four|4)[- ]person (?:lift|assist)`, 'draw sheet'],
  ],
  ['needle decompression', ['needle decompression']],
  ['pelvic binder', ['pelvic binder', 'pelvic sling', 'pelvic wrap', 'sheet(?:ed)? (?:the )?pelvis']],
  [
    'cooling',
    [
      ...[
        'active cooling',
        'cool packs',
        'cooling measures',
        '(?:tarp[- ]assisted |evaporative )?cooling',
        'ice water',
        'cold water immersion',
      ],
      // The crew undressing a hot patient ("stripped her down to the diaper"); not what someone had done before ("mom had stripped
      // her"), not undressing to warm or to examine ("stripped him of his wet clothes", "undressed her to check for injuries"),
      // not a robbery or a search ("stripped him of his wallet", "police stripped him and searched him"): "down" says to cool.
      String.raw`(?<!\b(?:had|has|have|was|were)\s)(?:stripped|undressed) (?:him|her|them|the (?:patient|pt|baby|child|infant)) down\b` +
        String.raw`(?![^.;]*\b(?:warm|blankets?|wet|cold|hypotherm\w*|check|exam\w*|assess\w*|injur\w*|search\w*)\b)`,
    ],
  ],
  [
    'warming',
    [
      'warm blankets?',
      'warming measures',
      String.raw`(?:wrapped|covered) (?:\w+ )?(?:in|with) (?:\w+ )?blankets?`,
      '(?:warm|heat|hot) packs?',
      'heat (?:in|on) (?:the )?(?:rig|ambulance|unit|truck)',
    ],
  ],
  ['verbal de-escalation', ['verbal de[- ]?escalation', 'verbally de[- ]?escalated']],
];

/** Route text → code. */
export const ROUTES: ReadonlyArray<readonly [string, WordTable]> = [
  // A line's gauge or a fluid bolus says the route is IV as surely as the letters do.
  [
    'IV',
    [
      'ivs',
      'intravenous(?:ly)?',
      'iv push',
      'ivp',
      'iv',
      String.raw`\d{2} ?(?:ga|gauge)`,
      'bolus',
      // An infusion runs into a vein: "nitro drip at 20 mcg/min", "norepinephrine infusion".
      'drips?',
      'infusions?',
      'gtts?',
      // A recogniser spells the letters out: "slow i v push".
      'i v',
      // "running through the 20 in the R AC", "via the IJ": the line it runs through.
      String.raw`(?:through|via) (?:the |an? |his |her )?` +
        String.raw`(?:\d{2}|line|saline lock|lock|ij|central line|picc(?: line)?|port|triple-lumen|cvc)\b`,
    ],
  ],
  ['IO', ['intraosseous(?:ly)?', 'io', 'i o']],
  ['IM', ['intramuscular(?:ly)?', 'im']],
  ['IN', ['intranasal(?:ly)?', 'intra-nasal(?:ly)?', 'nasally', 'atomizer', 'mucosal atomizer', 'nares?', 'nostrils?']],
  ['SL', ['sublingual(?:ly)?', 'under the tongue', 'sl']],
  ['PO', ['by mouth', 'orally', 'chewed', 'chewable', 'chew', 'po', 'odt', 'orally disintegrating']],
  ['BLOW-BY', ['blow[- ]?by']],
  ['NEB', ['nebuli[sz]ed', 'nebuli[sz]er', 'neb', 'hand[- ]?held nebulizer']],
  ['NC', ['nasal cannula', 'nc']],
  // Two words or plural as a recogniser writes them ("all three on non rebreathers").
  ['NRB', ['non[- ]?rebreathers?(?: masks?)?', 'nrbs?']],
  // A mask named by its kind ("pediatric simple mask", "face mask", "venturi mask"), or by how the gas goes through it ("the oxygen
  // with the mask at 15 liters", "by mask"); the non-rebreather is its own route. Only oxygen's (`extractMedications`).
  [
    'MASK',
    [
      '(?<!rebreather\\s)(?:(?:pediatric|peds|simple|face|venturi|oxygen|o2)\\s+)+mask',
      'face ?mask',
      '(?<=\\b(?:with|by|via|through)\\s+(?:a\\s+|the\\s+)?)mask',
    ],
  ],
  // Oxygen given through the device that pushes it ("cpap at 10 cm with 100 percent oxygen").
  ['CPAP', ['c ?pap', 'bi ?pap']],
  ['BVM', ['bvm', 'bag[- ]valve[- ]mask', 'bagged', 'bagging']],
  ['SQ', ['subcutaneous(?:ly)?', 'subq', 'sq']],
  ['PR', ['rectal(?:ly)?']],
  ['INH', ['inhaled', 'inhaler', 'mdi']],
  ['ET', ['endotracheal(?:ly)?']],
  ['TD', ['transdermal(?:ly)?', 'topical(?:ly)?']],
];

/**
 * Medications whose form says the route when the medic does not ("DuoNeb at 1203", "Oral glucose,
 * one tube"): the name is the route.
 */
export const IMPLIED_ROUTES = lookupTable<string>({
  'albuterol/ipratropium': 'NEB',
  'oral glucose': 'PO',
  // Crews run fluids into a vein; an IO line is said as such ("250 of saline via the IO") and wins.
  'normal saline': 'IV',
});
