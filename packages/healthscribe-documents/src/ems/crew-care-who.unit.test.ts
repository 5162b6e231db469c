import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * Crew-care wording must check who did the act. Each case below is a dictation where
 * someone other than the crew (family, a neighbour, fire, police, the ER, a nurse, the patient quoting themselves) did it, or
 * where a drug "was not" somewhere because it was not carried: none of them may read as the crew's treatment.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const phase = (sentence: string) => classifySegment('s1', sentence, facts(sentence));
const meds = (sentence: string) => facts(sentence).medications.map((m) => m.name);
const procedures = (sentence: string) => facts(sentence).procedures.map((p) => p.name);
const noTreatment = (x: string) => facts(x).context.some((c) => c.type === 'NO_TREATMENT');
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));

describe('a drug that "was not" on the truck or in the bag is not given', () => {
  it('keeps a drug not carried withheld, whatever place word follows', () => {
    expect(meds('Zofran was not on the truck so none given nausea continued transported to mercy')).not.toContain('ondansetron');
    expect(meds('aspirin was not in stock on the unit so none given 12 lead sinus')).not.toContain('aspirin');
    expect(meds('narcan was not in the bag we used bvm instead at 0130')).not.toContain('naloxone');
    expect(meds('fentanyl was not on the unit pt refused morphine no pain meds given')).not.toContain('fentanyl');
    expect(procedures('tourniquet was not on the arm when we arrived bleeding controlled with direct pressure')).not.toContain(
      'tourniquet',
    );
  });
});

describe('the patient quoting themselves is not the crew doing nothing', () => {
  it('needs "we" and a treatment sense', () => {
    expect(noTreatment("pt states i didn't really do anything for the pain just ice")).toBe(false);
    expect(noTreatment("she keeps saying I didn't do much today just cleaned the house then got dizzy bp 84/50")).toBe(false);
    expect(noTreatment('we did not have to do anything to get him out of the car he was already on the sidewalk')).toBe(false);
    expect(noTreatment("we didn't need to do anything special for access the door was open")).toBe(false);
    const back = splitSentences(
      "pt states I didn't do anything wrong I just bent over and my back went out pain 8 out of 10 we gave fentanyl 50 mcg in at 1230",
    );
    expect(startsPiece(back, "didn't do anything")).toBe(false);
  });
});

describe('"by mom" elsewhere in the sentence does not take the crew\'s drug away', () => {
  it('reads the crew giving after someone else is named', () => {
    expect(meds('weight 16 kg estimated by mom we gave tylenol 240 mg po at 1500')).toContain('acetaminophen');
    expect(meds('met at the door by dad we gave the child oral glucose at 1720')).toContain('oral glucose');
    expect(meds('called by mom for her son with asthma gave albuterol 2.5 mg via neb at 0810')).toContain('albuterol');
    expect(meds('pt lives with her boyfriend gave ondansetron 4 mg iv at 2215 for nausea transported to mercy')).toContain('ondansetron');
  });
});

describe('run-on cuts check who did the act', () => {
  it('reads the crew giving after a history source as the crew ("history from her daughter gave fentanyl")', () => {
    expect(meds('84 yo female fall history from her daughter gave fentanyl 50 mcg iv at 0915 for hip pain')).toContain('fentanyl');
    expect(meds('patient care transferred to us from fire gave aspirin 324 mg at 1505 12 lead sinus')).toContain('aspirin');
    expect(meds('history given by mom, gave motrin 160 mg po at 1330, child resting')).toContain('ibuprofen');
    expect(meds('his sister gave him two puffs of albuterol before we got there on arrival wheezing we gave duoneb at 1410')).toContain(
      'albuterol/ipratropium',
    );
    expect(procedures('dad says he clamped and cut the cord with a shoelace before we got there baby pink crying')).not.toContain(
      'delivery',
    );
    // The family member as the subject still gave it.
    expect(meds('his wife gave him two puffs of albuterol before we got there')).not.toContain('albuterol');
  });

  it('does not cut a neighbour from what they gave', () => {
    const hypo = splitSentences(
      'she found her shaky and sweaty so the neighbor sat with her gave her orange juice and a granola bar then called 911 ' +
        'on arrival pt alert',
    );
    expect(pieceWith(hypo, 'sat with her gave her orange juice')).toBeDefined();
  });

  it('keeps "per mom" with the history it names', () => {
    const swing = splitSentences('3 yo fall off a swing history per mom bp 98/60 hr 120 resps 24 small lac to chin bandaged');
    expect(pieceWith(swing, 'per mom')).toBeDefined();
    expect(startsPiece(swing, 'mom bp')).toBe(false);
  });

  it('does not cut family or a midwife from the newborn care they did', () => {
    expect(startsPiece(splitSentences('the midwife had already dried and stimulated the baby when we arrived'), 'dried and')).toBe(false);
    expect(startsPiece(splitSentences('mom already had the baby skin to skin when we arrived cord intact'), 'the baby skin')).toBe(false);
    expect(
      startsPiece(splitSentences('dad says he clamped and cut the cord with a shoelace before we got there baby pink'), 'clamped'),
    ).toBe(false);
    expect(
      startsPiece(splitSentences('mvc child was in the back seat mom strapped her in her car seat she was restrained'), 'strapped'),
    ).toBe(false);
    const kept = splitSentences('baby was born in the car we clamped the cord at 0455 and kept baby skin to skin on mom');
    expect(pieceWith(kept, 'kept baby skin to skin')).toBeDefined();
  });
});

describe('someone else taking over compressions is not the crew', () => {
  it('reads the ER or fire taking over as not the crew, "we took over" as the crew', () => {
    expect(phase('we arrived on scene at the ER with cpr in progress the ER team took over compressions at 0422')).not.toBe('treatment');
    const fire = splitSentences('bystander cpr in progress fire took over compressions at 1402 we arrived at 1405 and placed pads');
    expect(pieceWith(fire, 'fire took over compressions')).toBeDefined();
    expect(procedures('police took over compressions with their aed no shock advised')).not.toContain('cpr');
    expect(procedures('on arrival bystander cpr in progress we took over compressions at 1912')).toContain('cpr');
  });
});

describe('the crew taking over CPR with its arrival said first', () => {
  it('reads "we arrived and took over cpr" as the crew\'s CPR, not someone else taking over or a hand-off', () => {
    expect(procedures('we arrived and took over cpr from the engine crew')).toContain('cpr');
    expect(procedures('I got there, took over compressions from the deputy at 0212')).toContain('cpr');
    expect(phase('We arrived and took over CPR from bystanders at 0405.')).toBe('treatment');
    // Someone else took over: fire, the ER, a nurse.
    expect(procedures('we arrived and fire took over cpr from the bystanders')).not.toContain('cpr');
    expect(procedures('we arrived at the ER and the nurse took over compressions')).not.toContain('cpr');
    expect(phase('We arrived at the ED and the ER team took over compressions at 0422.')).not.toBe('treatment');
    // A hand-off said the same way is still a hand-off.
    expect(phase('We arrived at Mercy and the trauma team took over care at 0450.')).toBe('transport');
  });
});

describe('undressing is cooling only when the crew does it to cool', () => {
  it('does not read undressing to warm, to examine, or by someone else as cooling', () => {
    expect(procedures('found in the snow hypothermic we stripped him of his wet clothes and wrapped him in warm blankets')).not.toContain(
      'cooling',
    );
    expect(procedures('we undressed her to check for injuries no deformities found')).not.toContain('cooling');
    expect(procedures('Police stripped him and searched him before we arrived')).not.toContain('cooling');
    expect(procedures('pt states he was robbed two guys stripped him of his wallet and phone no injuries')).not.toContain('cooling');
    expect(procedures('We stripped him down, got him in the back with the AC cranked, ice packs to the groin.')).toContain('cooling');
  });
});

describe('oxygen started by the nursing staff, a patient laid down by a nurse', () => {
  it('does not read them as the crew', () => {
    expect(meds('pt on a non rebreather at 15 liters started at 1400 by the nursing staff sats 92')).not.toContain('oxygen');
    expect(procedures('nurse laid her supine in bed and called us bp 70/40')).not.toContain('positioning');
  });
});

describe('a name is not a drug abbreviation', () => {
  it('does not read "Rocío" as roc (rocuronium): a word boundary before an accented letter is no boundary', () => {
    expect(meds('We were met at the door by mom, Rocío Peña, who gave us the history.')).not.toContain('rocuronium');
    expect(meds('Roc 100 mg IV at 0312 for intubation.')).toContain('rocuronium');
  });
});
