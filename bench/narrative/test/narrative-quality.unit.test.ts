import { NARRATIVE_ELEMENT_CODES } from '@medicdraft/contracts';
import { BUILTIN_TEMPLATES, SECTION_SEQUENCE_MODEL } from '@medicdraft/narrative';
import { describe, expect, it } from 'vitest';
import { evaluate, evaluateFixture, loadFixtures, SECTIONS, setOf, type Fixture } from '../narrative-quality.js';
import { trainedSectionModel } from '../section-model-training.js';
import { expectFloorHeld } from './quality-floor.js';

/**
 * The quality floor stated in bench/README.md ("Narrative quality"). Floors sit at or just below
 * the measured figures so ordinary rule changes pass, while a regression in placing sentences or
 * in prompting for missing elements fails. `all` covers the tuning and holdout fixtures it was
 * first set on; the holdout and untouched sets (never tuned against) have their own floors, and
 * so do the later tuning sets (`tuning2`, `tuning3`, `tuning4`).
 */
const FLOOR = {
  // Round 5 (engine 1.5.0) measured: 98.3 %, lowest F1 94.7 %, 99.3 %, recall 94.7 %; holdout 92.6 %, 97.6 %.
  // Engine 1.8.0: 99.7 % and recall 92.1 %: the holdout's mother-given EpiPen is now placed in the assessment, as labelled,
  // so it is no crew medication and its time is not prompted, which the same label expects.
  // Engine 1.10.0: recall 91.9 % (34 of 37): hypothermia-elderly's SpO2 charted as unobtainable is documented now, so one
  // rightly made prompt left the count (the relabel), not a prompt missed.
  // Engine 1.15.0: recall 89.2 % (33 of 37): pediatric-febrile-seizure labels a 2-year-old's BP missing, and engine 1.15.0
  // no longer asks a BP of a child under 3 (the later sets' authors label it not missing; bench/README.md, "Round 15").
  all: { sectionAccuracy: 0.98, sectionF1: 0.94, missingAccuracy: 0.99, missingRecall: 0.89 },
  holdout: { sectionAccuracy: 0.92, missingAccuracy: 0.97 },
  // tuning2-4, round 5: 99.6 %, 100 %, 122/122, 51/51 exact. Round 15: 50 of 51; tuning4-peds-febrile-seizure-i-mean labels a
  // 2-year-old's BP missing (the under-3 BP, as above).
  later: { sectionAccuracy: 0.99, missingAccuracy: 0.995, treatmentRecall: 1, exactFixtures: 50 },
  // Written before round 4 in varied authors' styles, tuned against in rounds 4-5; round 5: 99.6 %, 100 %, 47/47, 26/26 exact, 0 lost.
  // Round 14: 25 of 26 exact; tuning5-dnr-obvious-death labels a BP for a pulseless, apneic patient left on scene, which
  // engine 1.14.0 no longer asks (the later sets' authors label it not missing; stated in bench/README.md, "Round 14").
  fifth: { sectionAccuracy: 0.99, missingAccuracy: 0.995, treatmentRecall: 1, exactFixtures: 25, factsLost: 0 },
  // The first untouched set, retired to tuning before round 5 and tuned against in it; round 5: 100 % everywhere, 22/22 exact.
  // Round 15: recall 91.7 % and 21 of 22; tuning6-peds-croup labels a 2-year-old's BP missing (the under-3 BP, as above).
  sixth: {
    sectionAccuracy: 0.99,
    missingAccuracy: 0.995,
    treatmentRecall: 1,
    promptPrecision: 0.99,
    promptRecall: 0.91,
    exactFixtures: 21,
    factsLost: 0,
    retractedShown: 0,
  },
  // The second untouched set (28), measured once with engine 1.5.0 (80.1 %, 80.1 %, 84.4 %, 2/28), retired to tuning and
  // tuned against in round 6 (engine 1.6.0): 96.4 %, 96.9 %, 97.4 %, 19/28 exact, nothing lost, every correction noted.
  seventh: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.96,
    treatmentRecall: 0.97,
    exactFixtures: 19,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The third untouched set (26), measured before and after round 6 (engine 1.5.0: 90.1 %, 8/26; 1.6.0: 92.7 %, 13/26),
  // retired to tuning and tuned against in round 7 (engine 1.7.0): 96.0 %, 99.5 %, 96.5 %, 24/26, nothing lost, all noted.
  eighth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.99,
    treatmentRecall: 0.96,
    exactFixtures: 24,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The fourth untouched set (25), measured before and after round 7 (engine 1.6.0: 82.3 %, 4/25; 1.7.0: 82.3 %, 5/25), retired
  // to tuning before round 8; engine 1.9.0: 97.3 %, 95.4 %, 96.2 %, 14/25, 3 facts lost, 6 retracted values shown, 3 of 9 noted.
  // Engine 1.12.0: 98.0 %, 98.3 %, 94.9 %, 21/25, 3 facts lost, 0 retracted shown, 9 of 9 noted. Treatment recall fell from
  // 96.2 %: a Narcan line corrected by 'let me rephrase' now keeps the drug with the corrected dose, so its labelled
  // intervention ('4 milligrams, the whole spray') is no longer a verbatim piece of the narrative.
  ninth: {
    sectionAccuracy: 0.97,
    missingAccuracy: 0.98,
    treatmentRecall: 0.94,
    exactFixtures: 21,
    factsLost: 3,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The fifth untouched set (25), measured before and after round 8 (engine 1.7.0: 87.9 %, 9/25; 1.8.0: 92.7 %, 10/25),
  // retired to tuning before round 9; engine 1.9.0: 95.2 %, 95.4 %, 96.7 %, 15/25, 1 fact lost, 2 retracted shown, 4 of 6 noted.
  // Engine 1.12.0: 95.2 %, 96.9 %, 97.8 %, 18/25, 1 fact lost, 0 retracted shown, 6 of 6 noted.
  tenth: {
    sectionAccuracy: 0.95,
    missingAccuracy: 0.96,
    treatmentRecall: 0.97,
    exactFixtures: 18,
    factsLost: 1,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The sixth untouched set (25), measured before and after round 9 (engine 1.8.0: 88.5 %, 8/25; 1.9.0: 89.6 %, 9/25),
  // retired to tuning before round 10; engine 1.10.0: 93.8 %, 97.7 %, 97.5 %, 19/25, 0 lost, 2 retracted shown, 3 of 5 noted.
  // Engine 1.12.0: 94.4 %, 97.7 %, 97.5 %, 19/25, 0 lost, 0 retracted shown, 5 of 5 noted.
  eleventh: {
    sectionAccuracy: 0.94,
    missingAccuracy: 0.97,
    treatmentRecall: 0.97,
    exactFixtures: 19,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The seventh untouched set (25), measured before and after round 10 (engine 1.9.0: 92.8 %, 7/25; 1.10.0: 93.1 %, 10/25),
  // retired to tuning before round 11; engine 1.11.0: 98.0 %, 98.0 %, 98.0 %, 19/25, 2 facts lost, 0 retracted shown, 10 of 10 noted.
  // Engine 1.12.0: 98.0 %, 98.6 %, 98.0 %, 21/25, 2 facts lost, 0 retracted shown, 10 of 10 noted.
  twelfth: {
    sectionAccuracy: 0.97,
    missingAccuracy: 0.98,
    treatmentRecall: 0.98,
    exactFixtures: 21,
    factsLost: 2,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The eighth untouched set (25), measured before and after round 11 (engine 1.10.0: 96.0 %, 15/25; 1.11.0: 96.0 %, 16/25),
  // retired to tuning before round 12; engine 1.12.0: 99.1 %, 100 %, 99.0 %, 25/25, 1 fact lost, 0 retracted shown, 9 of 9 noted.
  // Round 15: 24 of 25; tuning13-toddler-febrile-seizure-runon labels a 2-year-old's BP missing (the under-3 BP, as above).
  thirteenth: {
    sectionAccuracy: 0.99,
    missingAccuracy: 0.99,
    treatmentRecall: 0.99,
    exactFixtures: 24,
    factsLost: 1,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The ninth untouched set (25), measured before and after round 12 (engine 1.11.0: 93.9 %, 12/25; 1.12.0: 93.9 %, 12/25),
  // retired to tuning before round 13; engine 1.13.0: 96.3 %, 98.0 %, 96.0 %, 19/25, 1 fact lost, 0 retracted shown, 9 of 9 noted.
  fourteenth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.98,
    treatmentRecall: 0.96,
    exactFixtures: 19,
    factsLost: 1,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The tenth untouched set (25), measured before and after round 13 (engine 1.12.0: 97.9 %, 21/25; 1.13.0: 97.6 %, 21/25),
  // retired to tuning before round 14; engine 1.14.0: 99.4 %, 100 %, 100 %, 25/25, no fact lost, none retracted shown, 12 of 12 noted.
  fifteenth: {
    sectionAccuracy: 0.99,
    missingAccuracy: 1,
    treatmentRecall: 1,
    exactFixtures: 25,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The eleventh untouched set (25), measured before and after round 14 (engine 1.13.0: 95.2 %, 17/25; 1.14.0: 95.8 %, 17/25),
  // retired to tuning before round 15 and tuned against in it; engine 1.15.0: 98.2 %, 99.7 %, 98.2 %, 24/25, no fact lost,
  // none retracted shown, 16 of 16 noted. Sections 97.9 % once the call-sequence model was recounted with tuning18 (one
  // sentence placed differently).
  sixteenth: {
    sectionAccuracy: 0.97,
    missingAccuracy: 0.99,
    treatmentRecall: 0.98,
    exactFixtures: 24,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twelfth untouched set (25), measured before and after round 15 (engine 1.14.0: 89.8 %, 12/25; 1.15.0: 91.0 %, 12/25),
  // retired to tuning before round 16 and tuned against in it; engine 1.16.0: 96.5 %, 99.1 %, 100 %, 22/25, no fact lost,
  // one retracted value shown, 13 of 14 noted. Engine 1.18.0 (a correction said as its own sentence with a new cue):
  // none shown, 14 of 14 noted.
  seventeenth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.99,
    treatmentRecall: 1,
    exactFixtures: 22,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The thirteenth untouched set (25), measured before and after round 16 (engine 1.15.0: 87.2 %, 13/25; 1.16.0: 89.1 %,
  // 13/25), retired to tuning before round 17 and tuned against in it (with the model recounted on it: 90.0 %, 95.4 %,
  // 89.2 %, 13/25, no fact lost, 6 retracted values shown, 7 of 13 noted); four of its fixtures relabelled 'vitals' missing
  // (a vital of the full set never stated); engine 1.17.0: 91.3 %, 97.4 %, 89.2 %, 18/25, no fact lost, none retracted
  // shown, 13 of 13 noted. Lowered after the round's review: three corrections given up because the rules that found them
  // also corrected what was never a correction ('check that' between two pressures may be a recheck; a value after 'make
  // that' with words since the last value; a name the formulary lacks after 'scratch that'): 91.6 %, 97.7 %, 94.3 %, 19/25,
  // no fact lost, 3 retracted values shown, 10 of 13 noted. Lowered again after the second review: a value said again
  // after repair words is read as a correction only at the end of its sentence, as any other word after it may make it
  // another reading ('2 mg IV, no response to first dose', '80/50 standing'), which gives up '0148 rather 0146 and the
  // bleeding stopped': 4 retracted values shown, 9 of 13 noted, nothing else changed. Four intervention labels its own
  // sentence labels contradicted were dropped and a run-on cut added ('husband let us in'): Treatment recall 94.3 % (66/70),
  // 19/25 exact. Engine 1.18.0 (home medications a correction may name: "aspirin, scratch that, Plavix"; 91.9 % sections
  // from the round's run-on cuts): 3 retracted values shown, 10 of 13 noted.
  eighteenth: {
    sectionAccuracy: 0.91,
    missingAccuracy: 0.98,
    treatmentRecall: 0.94,
    exactFixtures: 21,
    factsLost: 0,
    retractedShown: 3,
    correctionsMissed: 3,
  },
  // The fourteenth untouched set (25), measured before and after round 17 (engine 1.16.0: 91.0 %, 11/25; 1.17.0: 91.6 %,
  // 11/25), retired to tuning before round 18; with the model recounted on it: 92.9 %, 94.0 %, 88.5 %, 12/25, no fact lost,
  // 8 retracted values shown, 4 of 12 noted. Tuned against in round 18; engine 1.18.0 after the round's four reviews:
  // 95.2 %, 98.0 %, 96.2 %, 100 % prompt precision at 75.0 % recall, 18/25, no fact lost, 4 retracted values shown, 8 of 12
  // noted (12 of 12 before the reviews; four given up where reading them deleted or altered real readings elsewhere).
  // Treatment lowered from 0.96 to 0.94 when the call-sequence model was recounted with tuning30 (engine 1.28.0): the
  // model, not a rule, now places one line holding a 12-lead of a syncope call in the assessment (74 of 78).
  nineteenth: {
    sectionAccuracy: 0.95,
    missingAccuracy: 0.98,
    treatmentRecall: 0.94,
    exactFixtures: 18,
    factsLost: 0,
    retractedShown: 4,
    correctionsMissed: 4,
  },
  // The fifteenth untouched set (25), measured before and after round 18 (engine 1.17.0: 84.6 %, 6/25; 1.18.0: 84.9 %,
  // 6/25), retired to tuning before round 19; with the model recounted on it: 88.1 %, 89.4 %, 95.3 %, 6/25, no fact lost,
  // 12 retracted values shown, 0 of 12 noted. Tuned against in round 19; engine 1.19.0 after the round's two reviews: 89.3 %,
  // 92.9 %, 96.5 %, 8/25, no fact lost, 12 retracted values shown, 0 of 12 noted (2 of 12 before the reviews, whose
  // correction readings were taken back where they deleted or altered real readings and doses).
  // Round 20 (engine 1.20.0, after its two reviews): 91.0 %, 94.3 %, 100 % (86/86), 61.7 % @ 93.5 %, 9/25.
  // Relabelled to the Treatment convention for repeat vitals taken en route after a treatment (16 lines) and the
  // call-sequence model recounted on it: 92.2 %, the other figures unchanged.
  twentieth: {
    sectionAccuracy: 0.92,
    missingAccuracy: 0.96,
    treatmentRecall: 1,
    exactFixtures: 13,
    factsLost: 0,
    retractedShown: 10,
    correctionsMissed: 10,
  },
  // The sixteenth untouched set (25), measured before and after round 19 (engine 1.18.0 and 1.19.0: 87.0 %, 14/25, 3 facts
  // lost, the same on every figure), retired to tuning before round 20; with the model recounted on it: 88.3 %, 96.0 %,
  // 82.9 %, 15/25, 4 retracted values shown, 9 of 13 noted. Its 3 lost facts were labels in the punctuation the narrative
  // writes as ASCII ("39.1 °C", "94–96%"); compared in that punctuation since round 20, none is lost.
  // Tuned against in round 20; engine 1.20.0 after the round's two reviews (their 236 harmful probe outputs fixed or taken
  // back): 91.8 %, 98.0 %, 98.7 % (75/76), 88.6 % @ 91.2 %, 18/25, no fact lost, 4 retracted values shown, 9 of 13 noted.
  // Relabelled to the Treatment convention for repeat vitals taken en route after a treatment (16 lines, one to Assessment)
  // and the model recounted: 94.9 %, 98.0 %, 98.7 %, 18/25.
  twentyFirst: {
    sectionAccuracy: 0.94,
    missingAccuracy: 0.98,
    treatmentRecall: 0.98,
    exactFixtures: 19,
    factsLost: 0,
    retractedShown: 1,
    correctionsMissed: 2,
  },
  // The seventeenth untouched set (25), measured before and after round 20 (engine 1.19.0 and 1.20.0: 89.4 %, 13 and 14/25,
  // no fact lost), retired to tuning before round 21; with the model recounted on it: 91.5 %, 95.1 %, 93.3 % (70/75),
  // 15/25, no fact lost, 1 retracted value shown, 11 of 12 noted. Tuned against in round 21; engine 1.21.0 after the
  // round's two reviews (their 71 harmful probe outputs fixed): 93.5 %, 98.0 %, 98.7 % (74/75), 91.9 % @ 89.5 %, 19/25.
  // 20/25 from round 22 until the model was recounted with tuning25 (round 24): the run-on asystole arrest is then asked its
  // condition at transfer again (19/25).
  twentySecond: {
    sectionAccuracy: 0.93,
    missingAccuracy: 0.98,
    treatmentRecall: 0.98,
    exactFixtures: 19,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The eighteenth untouched set (25), measured before and after round 21 (engine 1.20.0 and 1.21.0: 90.6 %, 14 and 15/25,
  // no fact lost), retired to tuning before round 22; with the model recounted on it: 90.9 %, 96.9 %, 90.0 % (72/80),
  // 16/25, no fact lost, 3 retracted values shown, 9 of 12 noted. Tuned against in round 22 (engine 1.22.0): 97.4 %,
  // 99.7 %, 93.8 % (75/80), 97.1 % @ 100 %, 24/25, no fact lost, no retracted value shown, 12 of 12 noted.
  twentyThird: {
    sectionAccuracy: 0.97,
    missingAccuracy: 0.99,
    treatmentRecall: 0.93,
    exactFixtures: 24,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The nineteenth untouched set (25), measured before and after round 22 (engine 1.21.0 and 1.22.0: 91.8 and 92.1 %, 14 and
  // 16/25, 1 fact lost), retired to tuning before round 23; with the model recounted on it: 92.5 %, 96.0 %, 92.4 % (85/92),
  // 73.8 % @ 91.2 %, 16/25, 1 fact lost, 5 retracted values shown, 8 of 12 noted. Tuned against in round 23 (engine 1.23.0):
  // 95.3 %, 98.0 %, 94.6 % (87/92), 88.6 % @ 91.2 %, 20/25, no fact lost, 1 retracted value shown, 12 of 12 noted. That one
  // was the bench's own miss ("intranasal" charted "IN" found as the word "in"); compared in capitals since: none shown.
  twentyFourth: {
    sectionAccuracy: 0.95,
    missingAccuracy: 0.98,
    treatmentRecall: 0.94,
    exactFixtures: 20,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twentieth untouched set (25), written and labelled before round 23 by an author who read nothing of the repository,
  // measured before and after round 23 (engine 1.22.0: 90.0 %, 17/25; 1.23.0: 90.7 %, 17/25), retired to tuning before round
  // 24; with the model recounted on it (engine 1.23.0): 92.4 %, 96.9 %, 88.5 % (77/87), 75.0 % @ 93.1 %, 17/25, no fact lost,
  // 3 retracted values shown, 9 of 12 noted. Not tuned against in round 24 (its rules were written without it in view);
  // engine 1.24.0 after the round: 92.7 %, 97.1 %, 88.5 %, 77.1 % @ 93.1 %, 18/25, the rest unchanged. Tuned against in
  // round 25 (engine 1.25.0): 96.5 %, 99.1 %, 96.6 % (84/87), 93.3 % @ 96.6 %, 23/25, none shown, every correction noted.
  twentyFifth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.99,
    treatmentRecall: 0.96,
    exactFixtures: 23,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twenty-first untouched set (25), written and labelled before round 24 by an author who read nothing of the
  // repository, measured before and after round 24 (engine 1.23.0 and 1.24.0: 90.4 %, 94.6 %, 95.5 %, 69.2 % @ 92.3 %,
  // 13/25, every figure the same), retired to tuning before round 25; with the model recounted on it (engine 1.24.0):
  // 92.3 %, 94.9 %, 96.6 % (86/89), 70.6 % @ 92.3 %, 13/25, no fact lost, 2 retracted values shown, 10 of 12 noted. Tuned
  // against in round 25 (engine 1.25.0): 97.8 %, 99.1 %, 98.9 % (88/89), 95.0 % @ 97.4 %, 22/25, none shown, 12 of 12 noted.
  twentySixth: {
    sectionAccuracy: 0.97,
    missingAccuracy: 0.99,
    treatmentRecall: 0.98,
    exactFixtures: 22,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twenty-second untouched set (25), written and labelled during round 24 by a second author from the same brief, who
  // read nothing of the repository. Engine 1.24.0 (before, model recounted with tuning26): 92.8 %, 94.9 %, 96.5 % (82/85),
  // 76.3 % @ 76.3 %, 12/25, 2 of 818 facts lost or altered, 1 retracted value shown, 9 of 12 corrections noted; engine 1.25.0
  // (after round 25): 93.1 %, 95.1 %, 78.4 % @ 76.3 %, 13/25, the rest unchanged. Retired to tuning before round 26; with the
  // model recounted on it (engine 1.25.0): 93.1 %, 94.9 %, 95.3 % (81/85), 76.3 % @ 76.3 %, 13/25, 2 facts lost, 1 retracted
  // value shown, 9 of 12 noted. Tuned against in round 26 (engine 1.26.0): 95.8 %, 97.7 %, 95.3 % (81/85), 94.1 % @ 84.2 %,
  // 17/25, 1 fact lost, 1 retracted value shown, 11 of 12 noted.
  twentySeventh: {
    sectionAccuracy: 0.95,
    missingAccuracy: 0.97,
    treatmentRecall: 0.95,
    exactFixtures: 17,
    factsLost: 1,
    retractedShown: 1,
    correctionsMissed: 1,
  },
  // The twenty-third untouched set (25), written and labelled during round 25 by an author given only the writer brief, who
  // read nothing of the repository and reported counts only; committed unread. Engine 1.25.0 (before round 26, model
  // recounted with tuning27): 92.8 %, 96.9 %, 97.4 % (74/76), 75.9 % @ 84.6 %, 16/25, 1 of 827 facts lost or altered,
  // 3 retracted values shown, 9 of 12 corrections noted; engine 1.26.0 (after round 26): 93.1 %, the rest the same. Retired
  // to tuning before round 27; with the model recounted on it (engine 1.26.0): the same figures. Tuned against in round
  // 27 (engine 1.27.0): 95.1 %, 97.4 %, 97.4 % (74/76), 79.3 % @ 88.5 %, 18/25, 1 fact lost, 0 retracted shown, 12 of 12
  // noted; the floor raised to them.
  twentyEighth: {
    sectionAccuracy: 0.95,
    missingAccuracy: 0.97,
    treatmentRecall: 0.97,
    exactFixtures: 18,
    factsLost: 1,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twenty-fourth untouched set (25), written and labelled during round 26's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.26.0 (before round 27,
  // model recounted with tuning28): 95.5 %, 96.3 %, 93.8 % (75/80), 75.0 % @ 87.1 %, 16/25, 0 of 760 facts lost or altered,
  // 5 retracted values shown, 7 of 12 corrections noted; engine 1.27.0 (after round 27): the same figures. Retired to
  // tuning before round 28; with the model recounted on it (engine 1.27.0): 96.9 %, the rest the same. Tuned against in
  // round 28 (engine 1.28.0, model recounted with tuning30): 96.5 %, 98.6 %, 93.8 % (75/80), 96.4 % @ 87.1 %, 20/25, 0 facts
  // lost, 4 retracted values shown, 8 of 12 noted; the floor raised to them.
  twentyNinth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.98,
    treatmentRecall: 0.93,
    exactFixtures: 20,
    factsLost: 0,
    retractedShown: 4,
    correctionsMissed: 4,
  },
  // The twenty-fifth untouched set (25), written and labelled during round 26's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.27.0 (before round 28,
  // model recounted with tuning29): 95.2 %, 97.7 %, 93.7 % (74/79), 84.1 % @ 97.4 %, 18/25, 2 of 840 facts lost or altered,
  // 0 retracted values shown, 12 of 12 corrections noted; engine 1.28.0 (after round 28): 95.2 %, 98.6 %, 93.7 %, 90.2 % @
  // 97.4 %, 20/25, the rest the same. Retired to tuning before round 29; with the model recounted on it: 95.5 %, the rest
  // the same. Tuned against in round 29 (engine 1.29.0, model recounted with tuning31): 96.8 %, 99.4 %, 98.7 % (78/79),
  // 95.0 % @ 100 %, 23/25, 2 facts lost, 0 retracted values shown, 12 of 12 noted; the floor raised to them.
  thirtieth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.99,
    treatmentRecall: 0.98,
    exactFixtures: 23,
    factsLost: 2,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twenty-sixth untouched set (25), written and labelled during round 27's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.28.0 (before round 29,
  // model recounted with tuning30): 91.9 %, 96.9 %, 95.2 % (80/84), 79.5 % @ 91.2 %, 18/25, 0 of 858 facts lost or altered,
  // 3 retracted values shown, 9 of 12 corrections noted; engine 1.29.0 (after round 29): 92.2 %, the rest the same. Retired to
  // tuning before round 30; with the model recounted on it: 92.8 %, 96.4 % (81/84), the rest the same. Tuned against in round
  // 30 (engine 1.30.0): 94.5 %, 98.6 %, 97.6 % (82/84), 93.9 % @ 91.2 %, 21/25, 0 facts lost, 1 retracted value shown, 11 of
  // 12 noted; the floor raised to them.
  thirtyFirst: {
    sectionAccuracy: 0.94,
    missingAccuracy: 0.98,
    treatmentRecall: 0.97,
    exactFixtures: 21,
    factsLost: 0,
    retractedShown: 1,
    correctionsMissed: 1,
  },
  // The twenty-seventh untouched set (25), written and labelled during round 28's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.29.0 (before round 30,
  // model recounted with tuning31): 95.2 %, 96.6 %, 95.4 % (83/87), 79.5 % @ 92.1 %, 18/25, 2 of 794 facts lost or altered,
  // 4 retracted values shown, 8 of 12 corrections noted; engine 1.30.0 (after round 30): the same figures. Retired to tuning
  // before round 31; with the model recounted on it: 95.8 %, the rest the same. Tuned against in round 31 (engine 1.31.0, one
  // label mended: a fact written with its retracted value): 96.1 %, 96.6 %, 95.4 %, 79.5 % @ 92.1 %, 18/25, 0 of 793 facts
  // lost, 1 retracted value shown, 11 of 12 noted; the floor raised to them. Engine 1.32.0 (its remaining errors): 96.7 %,
  // 98.3 %, 96.6 % (84/87), 90.0 % @ 94.7 %, 21/25, the rest the same; the floor raised again. Engine 1.34.1 (a pressure said
  // in words after "actually it was"): no retracted value shown, 12 of 12 noted.
  thirtySecond: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.98,
    treatmentRecall: 0.96,
    exactFixtures: 21,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twenty-eighth untouched set (25), written and labelled during round 30's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engines 1.30.0 and 1.30.1 (before
  // round 31, model recounted with tuning32): 91.5 %, 95.4 %, 84.9 % (62/73), 73.3 % @ 89.2 %, 14/25, 5 of 748 facts lost or
  // altered, 2 retracted values shown, 10 of 12 corrections noted; engines 1.31.0 and 1.32.0 (after round 31): 4 facts lost,
  // the rest the same. Retired to tuning before round 32; with the model recounted on it: 92.6 %, 96.0 %, 84.9 %, 76.7 % @
  // 89.2 %, 15/25, the rest the same. With an intervention dictated with a correction inside it found by its sentence's
  // place (five of its eleven misses were such labels, never out of place): Treatment 91.8 % (67/73). Tuned against in round 32
  // (engine 1.33.0): 96.7 %, 98.9 %, 100 % (73/73), 94.6 % @ 94.6 %, 21/25, 0 of 746 facts lost, 2 retracted values shown, 10 of
  // 12 noted; the floor raised to them. Engine 1.34.0 (its two missed corrections): no retracted value shown, 12 of 12 noted.
  // With the model recounted on tuning34 (engine 1.34.1): 97.1 %, Treatment 72 of 73 (the model, not a rule, now places one
  // line of care elsewhere), the rest the same; the Treatment floor lowered to it.
  thirtyThird: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.98,
    treatmentRecall: 0.98,
    exactFixtures: 21,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The twenty-ninth untouched set (25), written and labelled during round 31's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.32.0 (before round 32,
  // model recounted with tuning33): 93.9 %, 98.3 %, 95.2 % (79/83), 84.8 % @ 96.6 %, 19/25, 0 of 887 facts lost or altered,
  // 4 retracted values shown, 8 of 12 corrections noted; engines 1.33.0, 1.34.0 and 1.34.1 (after round 32): the same.
  // Retired to tuning at the end of round 32's session; with the model recounted on it: 94.2 %, the rest the same. Tuned
  // against in round 33 (engine 1.35.0): 96.6 %, 100 %, 100 % (83/83), 100 % @ 100 %, 25/25, 0 of 888 facts lost, no
  // retracted value shown, 12 of 12 noted; the floor raised to them.
  thirtyFourth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 1,
    treatmentRecall: 1,
    exactFixtures: 25,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The thirtieth untouched set (25), written and labelled during round 32's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.34.1 (after round 32,
  // model recounted with tuning34): 94.6 %, 96.9 %, 98.6 % (70/71), 80.0 % @ 87.5 %, 17/25, 0 of 929 facts lost or altered,
  // 3 retracted values shown, 9 of 12 corrections noted; engine 1.35.0 (round 33's rules, from tuning34): the same. Retired to
  // tuning at the end of round 33's session; with the model recounted on it: 95.5 %, 97.7 %, 98.6 %, 87.5 % @ 87.5 %, 19/25,
  // the rest the same. Tuned against in round 34 (engine 1.36.0, its prompts): 99.1 %, 100 % @ 90.6 %, 22/25; the floor
  // raised to them. Engine 1.36.1 (an age said again with its unit before a posture): 2 retracted values shown, 10 of 12
  // noted. Engine 1.38.0 (round 35's second part, from its remaining run-on cuts): 96.5 %, the rest the same.
  thirtyFifth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.99,
    treatmentRecall: 0.98,
    exactFixtures: 22,
    factsLost: 0,
    retractedShown: 2,
    correctionsMissed: 2,
  },
  // The thirty-first untouched set (25), written and labelled during round 32's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.35.0 (after round 33,
  // model recounted with tuning35): 93.2 %, 96.0 %, 98.8 % (80/81), 76.9 % @ 85.7 %, 16/25, 0 of 814 facts lost or altered,
  // no retracted value shown, 12 of 12 corrections noted; engines 1.36.0 and 1.36.1 (round 34): the same. Retired to tuning
  // at the start of round 35's session; with the model recounted on it: 93.9 %, the rest the same. Tuned against in round 35
  // (engine 1.37.0): 94.9 %, 97.7 %, 90.9 % @ 85.7 %, 19/25; the floor raised to them. Engine 1.38.0 (round 35's second part
  // and the review's narrowing): 95.2 %, the rest the same. Engine 1.39.0 (the second review's narrowing, a dose "which she
  // took" and oxygen "continued"): 98.3 %, 93.9 % @ 88.6 %, 20/25; engine 1.39.1 (the third review's mends): the same.
  thirtySixth: {
    sectionAccuracy: 0.95,
    missingAccuracy: 0.98,
    treatmentRecall: 0.98,
    exactFixtures: 20,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The thirty-second untouched set (25), written and labelled during round 33's session by an author given only the writer
  // brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.36.1 (after round 34,
  // model recounted with tuning36): 91.8 %, 96.0 %, 88.1 % (74/84), 76.2 % @ 88.9 %, 15/25, 0 of 772 facts lost or altered,
  // 2 retracted values shown, 10 of 12 corrections noted. Facts meet the ask; placement (95 %), Treatment recall
  // (95 %), prompt precision at recall (80 % at 95 %), exact prompts (70 %, 18 of 25) and corrections do not; the floor stops
  // a regression. Engine 1.37.0 (round 35's rules, from tuning36, and a one-word sentence's words counted at half weight by
  // the call-sequence model): 95.7 %, 74.4 % @ 88.9 %, 14/25 (one prompt more), the rest the same; the floor follows. Engines
  // 1.38.0 to 1.39.2: the same. Retired to tuning at the start of round 36's session; with the model recounted on it: 92.8 %,
  // 96.3 %, 91.7 % (77/84), 76.7 % @ 91.7 %, 15/25, 2 retracted values shown, 10 of 12 noted. Tuned against in round 36
  // (engine 1.40.0): 93.4 %, 99.4 %, 97.2 % @ 97.2 %, 23/25, 1 retracted value shown, 11 of 12 noted; the floor raised to them.
  // Engine 1.41.0 (the review's narrowing, a glucose no drug raised, oxygen's percent as its dose): 99.7 %, 97.3 % @ 100 %, 24/25;
  // engine 1.41.1 the same.
  thirtySeventh: {
    sectionAccuracy: 0.93,
    missingAccuracy: 0.99,
    treatmentRecall: 0.91,
    exactFixtures: 24,
    factsLost: 0,
    retractedShown: 1,
    correctionsMissed: 1,
  },
  // The thirty-third untouched set (25, 9 run-on), written and labelled during round 35's session by an author given only the
  // writer brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.39.2 (after round
  // 35, model recounted with tuning37): 96.7 %, 95.4 %, 98.9 % (90/91), 73.9 % @ 89.5 %, 13/25, 0 of 923 facts lost or
  // altered, no retracted value shown, 12 of 12 corrections noted. Placement, Treatment recall, facts, retracted values and
  // corrections meet the ask; prompt precision at recall (80 % at 95 %) and exact prompts (70 %, 18 of 25) do not; the
  // floor stops a regression. Engines 1.40.0 to 1.41.1 (round 36's rules, from tuning37): the same. Retired to tuning at the
  // start of round 37's session; with the model recounted on it: the same. Tuned against in round 37 (engine 1.42.0): 97.0 %,
  // 98.6 %, 92.3 % @ 94.7 %, 20/25; the floor raised to them (placement to 96 %: 319 of 329 is 96.96 %).
  thirtyEighth: {
    sectionAccuracy: 0.96,
    missingAccuracy: 0.98,
    treatmentRecall: 0.98,
    exactFixtures: 20,
    factsLost: 0,
    retractedShown: 0,
    correctionsMissed: 0,
  },
  // The thirty-fourth untouched set (25, 9 run-on), written and labelled during round 36's session by an author given only the
  // writer brief, who read nothing of the repository and reported counts only; committed unread. Engine 1.41.1 (after round
  // 36, model recounted with tuning38): 95.1 %, 97.4 %, 95.4 % (83/87), 85.4 % @ 92.1 %, 19/25, 2 of 942 facts lost or
  // altered, 1 retracted value shown, 11 of 12 corrections noted. Placement, Treatment recall, prompt precision and exact
  // prompts meet the ask; prompt recall (95 %), facts, retracted values and corrections do not; the floor stops a
  // regression. Engine 1.42.0 (round 37's rules, from tuning38): 97.7 %, 85.7 % @ 94.7 %, 20/25, the rest the same; the floor
  // follows; engine 1.42.1 the same.
  untouched: {
    sectionAccuracy: 0.95,
    missingAccuracy: 0.97,
    treatmentRecall: 0.95,
    promptPrecision: 0.85,
    promptRecall: 0.94,
    exactFixtures: 20,
    factsLost: 2,
    retractedShown: 1,
    correctionsNoted: 11,
  },
};

const fixtures = loadFixtures();
const REQUIRED = new Set(BUILTIN_TEMPLATES.DRAATT.required.map((r) => r.element));
const ELEMENTS = new Set<string>(NARRATIVE_ELEMENT_CODES);

describe('narrative fixtures', () => {
  it('has at least 25 hand-labelled dictations over at least 12 call types, each well-formed', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(25);
    expect(new Set(fixtures.map((f) => f.callType)).size).toBeGreaterThanOrEqual(12);
    expect(new Set(fixtures.map((f) => f.id)).size).toBe(fixtures.length);
    for (const f of fixtures) {
      expect(f.sentences.length, f.id).toBeGreaterThan(3);
      for (const [section] of f.sentences) expect(section === null || (SECTIONS as readonly string[]).includes(section), f.id).toBe(true);
      // Any element may be labelled; only those the DRAATT template requires are scored.
      for (const m of f.missing) expect(ELEMENTS.has(m), `${f.id}: ${m}`).toBe(true);
      const source = (f.dictation ?? f.sentences.map(([, s]) => s).join(' ')).toLowerCase();
      for (const x of [...(f.interventions ?? []), ...(f.facts ?? []), ...(f.retracted ?? [])])
        expect(source.includes(x.toLowerCase()), `${f.id}: ${x}`).toBe(true);
      if (f.dictation) for (const [, s] of f.sentences) expect(f.dictation.includes(s), `${f.id}: ${s}`).toBe(true);
    }
  });

  it('has at least 20 untouched fixtures with interventions and facts labelled', () => {
    const untouched = fixtures.filter((f) => setOf(f) === 'untouched');
    expect(untouched.length).toBeGreaterThanOrEqual(20);
    for (const f of untouched) expect(f.interventions !== undefined && f.facts !== undefined, f.id).toBe(true);
  });

  // Where a label itself holds two dictated sentences, the engine's split (at the full stop) is the right one.
  const JOINED_BY_THE_LABEL: Record<string, string> = {
    'tuning13-gym-bystander-aed': "the label keeps 'OS 1718.' with the sentence after it",
    'tuning16-heat-stroke-roofer': "two labels keep two sentences each ('On scene 1351. Pt found supine …')",
    'tuning16-heroin-od-park': "the label keeps 'Impression opioid OD.' with the vitals before it",
    'tuning16-ift-nstemi-heparin': 'two labels keep two sentences each (history and allergy; mental status and vitals)',
    'tuning16-peds-febrile-seizure': "the label keeps the history sentence with the fever's",
    'tuning16-variceal-gi-bleed': 'the label keeps history, medications and allergies, three sentences, in one',
  };

  it('is split by the engine into exactly the labelled sentences (punctuated tuning and holdout dictations)', () => {
    expect(
      evaluate(fixtures.filter((f) => setOf(f) !== 'untouched' && f.dictation === undefined))
        .outcomes.filter((o) => !o.aligned && !(o.id in JOINED_BY_THE_LABEL))
        .map((o) => o.id),
    ).toEqual([]);
  });
});

describe('narrative quality floor', () => {
  const all = evaluate(fixtures.filter((f) => setOf(f) === 'tuning' || setOf(f) === 'holdout'));
  const holdout = evaluate(fixtures.filter((f) => setOf(f) === 'holdout'));
  const untouched = evaluate(fixtures.filter((f) => setOf(f) === 'untouched'));
  const later = evaluate(fixtures.filter((f) => ['tuning2', 'tuning3', 'tuning4'].includes(setOf(f))));
  const fifth = evaluate(fixtures.filter((f) => setOf(f) === 'tuning5'));
  const sixth = evaluate(fixtures.filter((f) => setOf(f) === 'tuning6'));

  it(`places sentences in DRAATT sections: accuracy ≥ ${FLOOR.all.sectionAccuracy}, every section F1 ≥ ${FLOOR.all.sectionF1}`, () => {
    expect(all.sectionAccuracy).toBeGreaterThanOrEqual(FLOOR.all.sectionAccuracy);
    for (const s of all.sections) expect(s.f1, s.section).toBeGreaterThanOrEqual(FLOOR.all.sectionF1);
  });

  it(`prompts for missing elements: accuracy ≥ ${FLOOR.all.missingAccuracy}, recall ≥ ${FLOOR.all.missingRecall}`, () => {
    expect(all.missing.accuracy).toBeGreaterThanOrEqual(FLOOR.all.missingAccuracy);
    expect(all.missing.recall).toBeGreaterThanOrEqual(FLOOR.all.missingRecall);
  });

  it(`holds on the holdout fixtures: ${JSON.stringify(FLOOR.holdout)}`, () => {
    expect(holdout.fixtures).toBeGreaterThanOrEqual(5);
    expect(holdout.sectionAccuracy).toBeGreaterThanOrEqual(FLOOR.holdout.sectionAccuracy);
    expect(holdout.missing.accuracy).toBeGreaterThanOrEqual(FLOOR.holdout.missingAccuracy);
  });

  it(`holds on the second, third and fourth tuning sets: ${JSON.stringify(FLOOR.later)}, nothing lost, every correction noted`, () => {
    expect(later.fixtures).toBeGreaterThanOrEqual(50);
    expect(later.sectionAccuracy).toBeGreaterThanOrEqual(FLOOR.later.sectionAccuracy);
    expect(later.missing.accuracy).toBeGreaterThanOrEqual(FLOOR.later.missingAccuracy);
    expect(later.treatment.recall).toBeGreaterThanOrEqual(FLOOR.later.treatmentRecall);
    expect(later.missing.exactFixtures).toBeGreaterThanOrEqual(FLOOR.later.exactFixtures);
    expect(later.facts.lost + later.facts.retractedShown).toBe(0);
    expect(later.corrections.noted).toBe(later.corrections.expected);
  });

  it(`holds on the fifth tuning set: ${JSON.stringify(FLOOR.fifth)}`, () => {
    expect(fifth.fixtures).toBeGreaterThanOrEqual(24);
    expect(fifth.sectionAccuracy).toBeGreaterThanOrEqual(FLOOR.fifth.sectionAccuracy);
    expect(fifth.missing.accuracy).toBeGreaterThanOrEqual(FLOOR.fifth.missingAccuracy);
    expect(fifth.treatment.recall).toBeGreaterThanOrEqual(FLOOR.fifth.treatmentRecall);
    expect(fifth.missing.exactFixtures).toBeGreaterThanOrEqual(FLOOR.fifth.exactFixtures);
    expect(fifth.facts.lost).toBeLessThanOrEqual(FLOOR.fifth.factsLost);
  });

  it(`holds on the sixth tuning set (the retired first untouched set): ${JSON.stringify(FLOOR.sixth)}, every correction noted`, () => {
    expect(sixth.fixtures).toBeGreaterThanOrEqual(20);
    expect(sixth.sectionAccuracy).toBeGreaterThanOrEqual(FLOOR.sixth.sectionAccuracy);
    expect(sixth.missing.accuracy).toBeGreaterThanOrEqual(FLOOR.sixth.missingAccuracy);
    expect(sixth.treatment.recall).toBeGreaterThanOrEqual(FLOOR.sixth.treatmentRecall);
    expect(sixth.missing.precision).toBeGreaterThanOrEqual(FLOOR.sixth.promptPrecision);
    expect(sixth.missing.recall).toBeGreaterThanOrEqual(FLOOR.sixth.promptRecall);
    expect(sixth.missing.exactFixtures).toBeGreaterThanOrEqual(FLOOR.sixth.exactFixtures);
    expect(sixth.facts.lost).toBeLessThanOrEqual(FLOOR.sixth.factsLost);
    expect(sixth.facts.retractedShown).toBeLessThanOrEqual(FLOOR.sixth.retractedShown);
    expect(sixth.corrections.noted).toBe(sixth.corrections.expected);
  });

  // Retired untouched sets, tuned against in the round after their retirement: floors at that round's figures.
  for (const [label, set, floor] of [
    ['seventh tuning set (the retired second untouched set)', 'tuning7', FLOOR.seventh],
    ['eighth tuning set (the retired third untouched set)', 'tuning8', FLOOR.eighth],
    ['ninth tuning set (the retired fourth untouched set)', 'tuning9', FLOOR.ninth],
    ['tenth tuning set (the retired fifth untouched set)', 'tuning10', FLOOR.tenth],
    ['eleventh tuning set (the retired sixth untouched set)', 'tuning11', FLOOR.eleventh],
    ['twelfth tuning set (the retired seventh untouched set)', 'tuning12', FLOOR.twelfth],
    ['thirteenth tuning set (the retired eighth untouched set)', 'tuning13', FLOOR.thirteenth],
    ['fourteenth tuning set (the retired ninth untouched set)', 'tuning14', FLOOR.fourteenth],
    ['fifteenth tuning set (the retired tenth untouched set)', 'tuning15', FLOOR.fifteenth],
    ['sixteenth tuning set (the retired eleventh untouched set)', 'tuning16', FLOOR.sixteenth],
    ['seventeenth tuning set (the retired twelfth untouched set)', 'tuning17', FLOOR.seventeenth],
    ['eighteenth tuning set (the retired thirteenth untouched set)', 'tuning18', FLOOR.eighteenth],
    ['nineteenth tuning set (the retired fourteenth untouched set)', 'tuning19', FLOOR.nineteenth],
    ['twentieth tuning set (the retired fifteenth untouched set)', 'tuning20', FLOOR.twentieth],
    ['twenty-first tuning set (the retired sixteenth untouched set)', 'tuning21', FLOOR.twentyFirst],
    ['twenty-second tuning set (the retired seventeenth untouched set)', 'tuning22', FLOOR.twentySecond],
    ['twenty-third tuning set (the retired eighteenth untouched set)', 'tuning23', FLOOR.twentyThird],
    ['twenty-fourth tuning set (the retired nineteenth untouched set)', 'tuning24', FLOOR.twentyFourth],
    ['twenty-fifth tuning set (the retired twentieth untouched set)', 'tuning25', FLOOR.twentyFifth],
    ['twenty-sixth tuning set (the retired twenty-first untouched set)', 'tuning26', FLOOR.twentySixth],
    ['twenty-seventh tuning set (the retired twenty-second untouched set)', 'tuning27', FLOOR.twentySeventh],
    ['twenty-eighth tuning set (the retired twenty-third untouched set)', 'tuning28', FLOOR.twentyEighth],
    ['twenty-ninth tuning set (the retired twenty-fourth untouched set)', 'tuning29', FLOOR.twentyNinth],
    ['thirtieth tuning set (the retired twenty-fifth untouched set)', 'tuning30', FLOOR.thirtieth],
    ['thirty-first tuning set (the retired twenty-sixth untouched set)', 'tuning31', FLOOR.thirtyFirst],
    ['thirty-second tuning set (the retired twenty-seventh untouched set)', 'tuning32', FLOOR.thirtySecond],
    ['thirty-third tuning set (the retired twenty-eighth untouched set)', 'tuning33', FLOOR.thirtyThird],
    ['thirty-fourth tuning set (the retired twenty-ninth untouched set)', 'tuning34', FLOOR.thirtyFourth],
    ['thirty-fifth tuning set (the retired thirtieth untouched set)', 'tuning35', FLOOR.thirtyFifth],
    ['thirty-sixth tuning set (the retired thirty-first untouched set)', 'tuning36', FLOOR.thirtySixth],
    ['thirty-seventh tuning set (the retired thirty-second untouched set)', 'tuning37', FLOOR.thirtySeventh],
    ['thirty-eighth tuning set (the retired thirty-third untouched set)', 'tuning38', FLOOR.thirtyEighth],
  ] as const) {
    it(`holds on the ${label}: ${JSON.stringify(floor)}`, () => {
      const r = evaluate(fixtures.filter((f) => setOf(f) === set));
      expect(r.fixtures).toBeGreaterThanOrEqual(20);
      expectFloorHeld(r, floor);
    });
  }

  it('places sentences with the call-sequence model the tuning sets give, counted from nothing else', () => {
    // Regenerate with `npm run bench:narrative:train` after a tuning fixture changes.
    expect(SECTION_SEQUENCE_MODEL).toEqual(trainedSectionModel());
    expect(SECTION_SEQUENCE_MODEL.trainedOn.sets).not.toContain('untouched');
    expect(SECTION_SEQUENCE_MODEL.trainedOn.sets).not.toContain('holdout');
    expect(SECTION_SEQUENCE_MODEL.trainedOn.sets).toContain('tuning38');
  });

  it(`holds on the untouched fixtures (never tuned against): ${JSON.stringify(FLOOR.untouched)}`, () => {
    expectFloorHeld(untouched, FLOOR.untouched);
  });
});

describe('evaluate', () => {
  const base: Fixture = {
    id: 'x',
    callType: 'test',
    sentences: [
      ['dispatch', 'Medic 1 was dispatched for a fall.'],
      ['response', 'We responded emergent.'],
      [null, 'Okay.'],
    ],
    missing: [],
  };

  it('counts a mislabelled sentence as a false positive of one section and a false negative of another', () => {
    const wrong = evaluate([
      { ...base, sentences: [['transport', 'Medic 1 was dispatched for a fall.'], ...base.sentences.slice(1)] as Fixture['sentences'] },
    ]);
    expect(wrong.sectionAccuracy).toBeCloseTo(2 / 3);
    expect(wrong.sections.find((s) => s.section === 'dispatch')).toMatchObject({ tp: 0, fp: 1, fn: 0 });
    expect(wrong.sections.find((s) => s.section === 'transport')).toMatchObject({ tp: 0, fp: 0, fn: 1 });
    expect(evaluate([base]).sectionAccuracy).toBe(1);
  });

  it('scores every required element of every fixture as one decision', () => {
    const r = evaluate([base]);
    expect(r.missing.decisions).toBe(REQUIRED.size);
    const predicted = r.outcomes[0]?.predictedMissing ?? [];
    expect(predicted).toContain('vitals');
    expect(r.missing.correct).toBe(REQUIRED.size - predicted.length);
    expect(evaluate([{ ...base, missing: predicted }]).missing.accuracy).toBe(1);
  });

  it('finds a number the charting style wrote into an abbreviation ("oriented times 4" is "A&Ox4"), and no other', () => {
    const oriented: Fixture = { ...base, sentences: [...base.sentences, ['assessment', 'Alert and oriented times 4, GCS 15.']] };
    expect(evaluate([oriented]).outcomes[0]?.factsLost).toEqual([]);
    // A number that really went missing is still lost.
    const lost = evaluateFixture({ ...oriented, facts: ['GCS 14'] });
    expect(lost.factsLost).toEqual(['GCS 14']);
  });

  it('compares a labelled fact in the ASCII punctuation every narrative sentence is written in ("39.1 °C" is "39.1 degrees C")', () => {
    const febrile: Fixture = {
      ...base,
      sentences: [...base.sentences, ['assessment', 'Temperature 39.1 °C, saturations 94–96%.']],
      facts: ['39.1 °C', '94–96%'],
    };
    expect(evaluateFixture(febrile).factsLost).toEqual([]);
    // The comparison is loosened by the punctuation mapping only: a changed value is still lost.
    expect(evaluateFixture({ ...febrile, facts: ['39.2 °C'] }).factsLost).toEqual(['39.2 degrees C']);
  });

  it('finds a retracted route by its charted abbreviation in capitals only ("intranasal" is "IN", not the word "in")', () => {
    const corrected: Fixture = {
      ...base,
      sentences: [...base.sentences, ['treatment', 'Narcan 4 mg intranasal, correction, 2 mg IV at 0310, pt responded in 2 minutes.']],
      retracted: ['intranasal'],
      corrections: 1,
    };
    expect(evaluateFixture(corrected).retractedShown).toEqual([]);
    // The abbreviation itself still counts as shown.
    const shown: Fixture = { ...corrected, sentences: [...base.sentences, ['treatment', 'Narcan 4 mg intranasal at 0310.']] };
    expect(evaluateFixture(shown).retractedShown).toEqual(['intranasal']);
  });

  it('finds an intervention dictated with a correction inside it by where its sentence was placed, not by its retracted text', () => {
    const said = 'Narcan 4 mg, scratch that, it was 2 mg, intranasal at 13:12';
    const corrected: Fixture = {
      ...base,
      sentences: [...base.sentences, ['treatment', `Gave ${said}, breathing improved.`]],
      interventions: [said],
      retracted: ['4 mg'],
      corrections: 1,
    };
    expect(evaluateFixture(corrected).retractedShown).toEqual([]);
    expect(evaluateFixture(corrected).interventionsMissed).toEqual([]);
    // Said in a sentence placed under Assessment (as labelled), it is still missed.
    const elsewhere: Fixture = {
      ...corrected,
      sentences: [...base.sentences, ['assessment', `His roommate says he took ${said} from a friend last week.`]],
    };
    expect(evaluateFixture(elsewhere).wrongSentences).toEqual([]);
    expect(evaluateFixture(elsewhere).interventionsMissed).toEqual([said]);
  });
});
