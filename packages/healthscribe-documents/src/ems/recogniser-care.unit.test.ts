import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts, splitSentences } from '../index.js';

/**
 * Crew care as a speech recogniser writes it: lower case, no punctuation, a hyphenated word written as two words
 * ("c-collar" → "c collar", "i-gel" → "i gel"), care said tersely with no verb. The near-misses say the same words in
 * another role: the patient's own medication, someone else's care, a finding, a refusal.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const procedures = (sentence: string) => facts(sentence).procedures.map((p) => p.name);
const medications = (sentence: string) => facts(sentence).medications.map((m) => m.name);
const phase = (sentence: string) => classifySegment('s1', sentence, facts(sentence));

describe('a hyphenated care word written as two words', () => {
  it('reads "c collar", "i gel", "ez io", "c spine held", "semi fowlers", "verbal de escalation" as the care they name', () => {
    for (const [s, name] of [
      ['c collar', 'spinal motion restriction'],
      ['c collar applied', 'spinal motion restriction'],
      ['i gel size 4 placed at 0952', 'advanced airway'],
      ['ez io left tibia', 'io access'],
      ['c spine held', 'spinal motion restriction'],
      ['manual in line c spine', 'spinal motion restriction'],
      ['placed semi fowlers', 'positioning'],
      ['verbal de escalation from 2040', 'verbal de-escalation'],
    ] as const) {
      expect(procedures(s), s).toContain(name);
      expect(phase(s), s).toBe('treatment');
    }
    for (const [s, name] of [
      ['duo neb 3 ml via neb at 1630', 'albuterol/ipratropium'],
      ['solu medrol 125 mg iv', 'methylprednisolone'],
    ] as const)
      expect(medications(s), s).toContain(name);
  });

  it("does not read the same words as crew care when they are a refusal, someone else's, or a finding", () => {
    // Refused, not done.
    expect(procedures('refused c collar')).toEqual([]);
    expect(procedures('no c collar needed by the criteria')).toEqual([]);
    // Fire's care, not the crew's.
    expect(procedures('c collar placed by fire prior to our arrival')).toEqual([]);
    // The patient's own medication.
    expect(medications('takes solu medrol at home')).toEqual([]);
  });
});

describe('a reading taken with care already in place', () => {
  const context = (sentence: string) => facts(sentence).context.map((c) => c.type);
  it('does not read an airway named in a reading ("spo2 94 with bvm via i gel") as placing it', () => {
    expect(procedures('spo2 94 with bvm via i gel bgl 188 gcs 3')).not.toContain('advanced airway');
    expect(procedures('sats 96 with bvm via the i gel')).not.toContain('advanced airway');
    // Placed, it is the crew's airway.
    expect(procedures('i gel size 4 placed ventilating via bvm')).toContain('advanced airway');
    expect(procedures('spo2 88 i gel placed at 0217')).toContain('advanced airway');
  });

  it('does not read "following commands" as a response following a treatment', () => {
    expect(context('bp 104/66 hr 96 spo2 98 not following commands i gel in place')).not.toContain('TREATMENT_RESPONSE');
    // "Following" the treatment still says what changed after it.
    expect(context('pain improved to 4/10 following the fentanyl')).toContain('TREATMENT_RESPONSE');
    expect(context('sats up to 96 following the neb')).toContain('TREATMENT_RESPONSE');
  });
});

describe('a dose said bare before a route written in lower case', () => {
  const doses = (sentence: string) => facts(sentence).medications.map((m) => [m.name, m.dose?.text ?? null]);
  it('reads "solu medrol 60 iv", "zofran 4 iv", "asa 324 po" as the dose, as it reads "60 IV"', () => {
    expect(doses('gave solu medrol 60 iv at 1650')).toEqual([['methylprednisolone', '60']]);
    expect(doses('zofran 4 iv at 2200')).toEqual([['ondansetron', '4']]);
    expect(doses('asa 324 po chewed')).toEqual([['aspirin', '324']]);
    expect(doses('Solu-Medrol 60 IV at 1650')).toEqual([['methylprednisolone', '60']]);
  });
  it('does not read a number before the word "in" as a dose', () => {
    expect(doses('gave narcan 2 in 10 minutes')).toEqual([['naloxone', null]]);
  });
});

describe('a charted line or oxygen said right after a finding, without punctuation', () => {
  it('starts a piece of its own at the line or the oxygen, so the care is not read as part of the finding', () => {
    expect(splitSentences('12 lead third degree heart block ventricular rate 32 iv 20g l ac')).toEqual([
      '12 lead third degree heart block ventricular rate 32',
      'iv 20g l ac',
    ]);
    expect(splitSentences('crackles bilat bases gcs 14 o2 nrb 10 l at 15:59 sat to 95')).toEqual([
      'crackles bilat bases gcs 14',
      'o2 nrb 10 l at 15:59 sat to 95',
    ]);
    expect(splitSentences('lungs clear skin pale 18g l ac cardiac monitor')).toEqual(['lungs clear skin pale', '18g l ac cardiac monitor']);
  });

  it("keeps the care with the words that make it a reading, a refusal or someone else's", () => {
    // A reading on oxygen, a refusal, a line already in, a home device.
    for (const s of [
      'spo2 94 on o2 nrb 15 l',
      'sats 95 with o2 via nrb',
      'pt refused iv 20g l ac',
      'no iv 20g l ac needed',
      'fire had him on o2 nrb 15 l',
      'ground already had an iv 18g r ac',
      'uses home o2 2 l nc',
      // The crew said as the subject of a formal narrative, its verb kept with what it gave.
      'the crew administered o2 15 l via nrb',
      'the crew initiated iv 20g l ac',
    ])
      expect(splitSentences(s), s).toEqual([s]);
    // Punctuated charting is cut by its marks, not by this rule.
    expect(splitSentences('Lungs clear, IV 20g L AC.')).toEqual(['Lungs clear, IV 20g L AC.']);
  });
});

describe('splinting said of the patient guarding a painful part', () => {
  it('is a finding, not a splint the crew applied', () => {
    for (const s of [
      'splinting his side',
      'pt splinting his right side when he breathes',
      'guarding and splinting the abdomen',
      'shallow respirations splinting with inspiration',
    ]) {
      expect(procedures(s), s).not.toContain('splinting');
      expect(phase(s), s).not.toBe('treatment');
    }
  });
  it('still reads the crew splinting a limb as splinting', () => {
    for (const s of [
      'splinted his left wrist with a sam splint',
      'l wrist splinted w sam splint',
      'splinting the left forearm in position found',
    ])
      expect(procedures(s), s).toContain('splinting');
  });
});

describe('named care said right after a reading, without punctuation', () => {
  it('starts a piece at the care, so the readings and the care are two lines', () => {
    expect(splitSentences('bp 106/70 rr 22 spo2 98 modified valsalva no change')).toEqual([
      'bp 106/70 rr 22 spo2 98',
      'modified valsalva no change',
    ]);
    expect(splitSentences('takes metformin vs 158/92 96 20 95 ra asa 324 po chewed 1158')).toEqual([
      'takes metformin vs 158/92 96 20 95 ra',
      'asa 324 po chewed 1158',
    ]);
    expect(splitSentences('bp 140/80 pulse 110 94 percent on room air pump suspended at 0724')).toEqual([
      'bp 140/80 pulse 110 94 percent on room air',
      'pump suspended at 0724',
    ]);
  });

  it("keeps the words together when what follows the reading is not the crew's care", () => {
    for (const s of [
      'hr 110 takes metoprolol 25 mg daily',
      'bp 90/60 family gave him aspirin before we got there',
      'spo2 92 fire had him on o2',
      'bgl 45 refused iv and oral glucose',
      'rr 24 splinting his right side',
      'spo2 94 pale and diaphoretic',
      'bp 120/80 12 lead sinus no ste',
      'spo2 95 nrb 15 l',
    ])
      expect(splitSentences(s), s).toEqual([s]);
  });
});

describe('a repeat dose or a second line charted without a verb', () => {
  it('reads "second dose of fentanyl iv" and "two ivs 16 left ac" as the crew giving and placing them', () => {
    expect(medications('second dose of fentanyl iv at 1815 pain 4/10 by 1822')).toEqual(['fentanyl']);
    expect(medications('repeat dose of albuterol 2.5 mg neb at 1712')).toEqual(['albuterol']);
    expect(procedures('two ivs 16 left ac and 18 right ac')).toContain('iv access');
  });
  it("does not read the patient's own repeat dose, or lines not placed, as the crew's", () => {
    expect(medications('took a second dose of nitro at home')).toEqual([]);
    expect(medications('second dose of epi not given')).toEqual([]);
    expect(procedures('no ivs attempted')).toEqual([]);
  });
});

describe('care said tersely or passively, and the same words in another role', () => {
  it('reads terse crew care as treatment', () => {
    expect(procedures('line established')).toContain('iv access');
    expect(procedures('line placed 20 gauge left hand')).toContain('iv access');
    for (const s of ['o2 via nrb', 'pads placed', 'c collar', 'line established', 'bgl 42 then oral glucose', 'we bagged him'])
      expect(phase(s), s).toBe('treatment');
  });
  it("does not read a home medication, someone else's care, a finding or a refusal as treatment", () => {
    expect(procedures('picc line placed at the hospital last week')).toEqual([]);
    for (const s of [
      'takes metoprolol',
      'family gave him aspirin',
      'fire had him on o2',
      'splinting his side',
      'pale and diaphoretic',
      'refused iv',
    ])
      expect(phase(s), s).not.toBe('treatment');
  });
});

describe("a line or oxygen that is the patient's or someone else's, said run on after other words", () => {
  it('keeps a home, chronic, facility or earlier line or oxygen in the words that say whose or when it is', () => {
    for (const s of [
      'hx copd chronic o2 2 l nc',
      'pt is copd baseline o2 2 l nc at home',
      'alert oriented nh o2 nc 2 l continuous',
      'hx chf needs o2 2 l nc at night',
      'pt from nursing home facility iv 22g l hand saline locked',
      'pt arrived at er with nursing staff iv 20g l ac in place',
      'pt states clinic iv 20g r hand this morning',
      'pt alert patient is having iv 20g l ac from clinic',
      'pt pulled out iv 20g l ac from hospital earlier today',
      'bp 90/60 attempted iv 20g l ac x2 unsuccessful',
      'heparin infusing via existing 20g l fa',
    ])
      expect(splitSentences(s), s).toEqual([s]);
    expect(phase('hx copd chronic o2 2 l nc')).not.toBe('treatment');
  });
});

describe("the patient's own medication said right after the readings", () => {
  it('keeps a patch or an allergy with the readings', () => {
    for (const s of ['bp 100/60 hr 72 fentanyl patch on his back', 'bp 140/90 hr 88 morphine allergy'])
      expect(splitSentences(s), s).toEqual([s]);
  });
});

describe('lines counted or a repeat dose that the crew did not give', () => {
  it("does not read someone else's, failed or existing lines counted without a gauge as the crew's", () => {
    for (const s of [
      'pt has two ivs from the hospital',
      'fire attempted two ivs unsuccessful',
      'bilateral ivs in place from transferring facility infusing ns',
      'two ivs attempted and missed',
      'hard stick two ivs blown',
    ])
      expect(procedures(s), s).not.toContain('iv access');
    expect(phase('pt has two ivs from the hospital')).not.toBe('treatment');
  });
  it('does not read a repeat dose not needed or still due as given', () => {
    expect(medications('second dose of narcan not needed')).toEqual([]);
    expect(medications('second dose of zofran due at 1900 at receiving')).toEqual([]);
    expect(medications('repeat dose of fentanyl pending med control')).toEqual([]);
  });
});

describe('a line named as a line that the crew did not place', () => {
  it('is not IV access when it is a long-term line or placed by someone else', () => {
    for (const s of [
      'hickman line placed for chemo',
      'pt has a tunneled line placed for dialysis',
      'pick line placed at the hospital two weeks ago',
      'Port accessed, line placed by home health nurse yesterday.',
      'Engine 4 established a supply line to the hydrant.',
    ])
      expect(procedures(s), s).not.toContain('iv access');
  });
});

describe('"in line" said as "in keeping with"', () => {
  it('does not make a held medication given', () => {
    expect(medications('aspirin held in line with protocol due to allergy')).toEqual([]);
    expect(medications('Nitro held in line with medical control orders.')).toEqual([]);
    // Held in line, the spine is held by the crew.
    expect(procedures('c spine held in line')).toContain('spinal motion restriction');
    expect(procedures('held manual in line stabilization')).toContain('spinal motion restriction');
  });
});

describe('the crew splinting a chest wall or ribs', () => {
  it('is splinting when said as done or with what it was splinted with', () => {
    for (const s of [
      'splinted his right side ribs with pillow',
      'splinting the left chest wall with a pillow for transport',
      'we splinted his left side chest wall flail segment with bulky dressing',
    ])
      expect(procedures(s), s).toContain('splinting');
    // The patient's own guarding stays a finding.
    expect(procedures('pt splinting his chest when breathing')).not.toContain('splinting');
    expect(procedures('pt was splinting his ribs on our arrival')).not.toContain('splinting');
  });
});

describe('care given by the hospital before the transfer, said after the readings', () => {
  it("is not the crew's", () => {
    expect(medications('spo2 94 ra duo neb given by respiratory therapist before transfer')).toEqual([]);
    expect(medications('duo neb given by respiratory therapist')).toEqual([]);
    expect(medications('zofran 4 mg iv before transfer')).toEqual([]);
    // The crew's own care before it leaves stays the crew's.
    expect(medications('we gave zofran 4 mg iv before transport')).toEqual(['ondansetron']);
  });
});
