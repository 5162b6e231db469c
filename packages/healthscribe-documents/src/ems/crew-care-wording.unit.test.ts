import { describe, expect, it } from 'vitest';
import { classifySegment, extractEmsFacts } from '../index.js';

/**
 * Crew care said in words the treatment lexicon did not hold — positioning said with the crew's object ("we lay
 * him flat"), field-delivery steps said verb-first ("dried and stimulated him", "clamped and cut the cord"), a
 * non-rebreather written as two words, the crew taking over compressions, undressing a feverish child. Each has a
 * near miss that must stay where it is: the patient lying down, a finding about the cord, someone else's action.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const phase = (sentence: string) => classifySegment('s1', sentence, facts(sentence));
const procedures = (sentence: string) => facts(sentence).procedures.map((p) => p.name);

describe('crew care in new wording', () => {
  it('reads the crew laying the patient flat (or in a named position) as positioning', () => {
    expect(phase('So we lay him flat with the legs up.')).toBe('treatment');
    expect(phase('Laid her supine on the cot and elevated the legs.')).toBe('treatment');
    expect(procedures('we put him in the recovery position')).toContain('positioning');
  });

  it('does not read the patient lying flat, or found so, as the crew positioning', () => {
    expect(procedures('She lay flat on the floor for ten minutes before calling.')).not.toContain('positioning');
    expect(procedures('Found him lying flat on his back in the hallway.')).not.toContain('positioning');
    expect(phase('Found him lying flat on his back in the hallway.')).not.toBe('treatment');
  });

  it('reads newborn care said verb-first as the delivery', () => {
    expect(phase('dried and stimulated him and he cried right away')).toBe('treatment');
    expect(phase('clamped and cut the cord at about two minutes')).toBe('treatment');
    expect(phase('We clamped the cord at 0314.')).toBe('treatment');
  });

  it('keeps the delivery when a finding said after it is negated ("cord was not around the neck")', () => {
    const delivery =
      'we delivered a baby boy at three fourteen in the back seat head delivered cord was not around the neck shoulders came easy';
    expect(procedures(delivery)).toContain('delivery');
    expect(phase(delivery)).toBe('treatment');
    // A treatment said to be not given is still withheld.
    const meds = (x: string) => facts(x).medications.map((m) => m.name);
    expect(meds('Aspirin was not given because he took 324 mg at home.')).not.toContain('aspirin');
    expect(meds('Zofran 4 mg was not given, nausea resolved.')).not.toContain('ondansetron');
  });

  it("does not read newborn care done by the family as the crew's", () => {
    expect(procedures('Baby was dried by grandma.')).not.toContain('delivery');
    expect(procedures('the baby was dried and warmed by mom with towels')).not.toContain('delivery');
    expect(procedures('Baby was dried and warmed by EMS.')).toContain('delivery');
  });

  it('does not read a finding about the cord or the skin as newborn care', () => {
    expect(procedures('cord was not around the neck')).not.toContain('delivery');
    expect(procedures('skin warm and dried blood on the forehead')).not.toContain('delivery');
  });

  it('reads a non-rebreather written as two words, or plural, with its flow as oxygen given', () => {
    const meds = (s: string) => facts(s).medications.map((m) => m.name);
    expect(meds('all three on non rebreathers at 15 liters starting at nineteen fifty six')).toContain('oxygen');
    expect(meds('non rebreather 15 lpm')).toContain('oxygen');
    expect(meds('all three placed on non rebreathers at 15 liters')).toContain('oxygen');
    expect(phase('all three on non rebreathers at 15 liters starting at nineteen fifty six')).toBe('treatment');
    const routes = (x: string) => facts(x).medications.map((m) => m.routeCode);
    expect(routes('all three on non rebreathers at 15 liters starting at nineteen fifty six')).toContain('NRB');
    expect(routes('We put all three of them on nonrebreathers at 15 liters at 0627')).toContain('NRB');
    // A reading said after the mask is no flow.
    expect(meds('non rebreather sat 94 percent')).not.toContain('oxygen');
    // Found on it, with no start time: the state the crew found, maybe someone else's oxygen.
    expect(meds('pt on a non rebreather 15 lpm from the fire department')).not.toContain('oxygen');
  });

  it('reads blow-by oxygen the crew held as oxygen given, a drug held as withheld', () => {
    const meds = (x: string) => facts(x).medications.map((m) => m.name);
    expect(meds('held blow by oxygen up by her face at 0951 and she pinked right up')).toContain('oxygen');
    expect(meds('Aspirin held because of his bleeding ulcer.')).not.toContain('aspirin');
    // Given by a person named by "her …" is still not the crew's.
    expect(meds('Narcan 4 mg given by her boyfriend before we arrived.')).not.toContain('naloxone');
    expect(meds('narcan given by her boyfriend')).not.toContain('naloxone');
  });

  it('reads the crew taking over compressions as CPR, not a hand-off', () => {
    expect(phase('we took over compressions and placed the pads initial rhythm')).toBe('treatment');
    expect(phase('The ER team took over care at 0450.')).toBe('transport');
  });

  it('reads the crew undressing a patient as cooling, not someone who had done it before', () => {
    expect(phase('stripped her down to the diaper to cool her off')).toBe('treatment');
    expect(procedures('mom had stripped her down before we got there')).not.toContain('cooling');
  });

  it('reads the crew saying it did nothing as a no-treatment statement, not the patient doing nothing', () => {
    const noTreatment = (x: string) => facts(x).context.some((c) => c.type === 'NO_TREATMENT');
    expect(noTreatment('we did not have to do anything treatment wise just monitored him')).toBe(true);
    expect(phase('we did not have to do anything treatment wise just monitored him he did not need oxygen or anything')).toBe('treatment');
    expect(noTreatment("We didn't need to do anything for him.")).toBe(true);
    expect(noTreatment('She did not do anything for the pain before calling.')).toBe(false);
    expect(noTreatment('He says he did not do anything different today.')).toBe(false);
  });
});

describe('the field delivery said with the newborn named by sex, or by the crew guiding the head', () => {
  it('reads "baby girl delivered at …" and "I guided the head" as the delivery', () => {
    expect(procedures('Baby girl delivered at 0455 on the bedroom floor.')).toContain('delivery');
    expect(phase('Baby boy was delivered at 2214 in the back of the rig, good cry.')).toBe('treatment');
    expect(phase('I just guided the head out and he came on the next push.')).toBe('treatment');
    expect(procedures('we supported the head and delivered the shoulders at 0312')).toContain('delivery');
  });

  it('does not read a delivery by someone else, before the crew came, or another sense of the words as the crew', () => {
    expect(procedures('Baby girl was delivered at home by the midwife before we arrived.')).not.toContain('delivery');
    expect(procedures('the midwife guided the head and the baby came fast')).not.toContain('delivery');
    expect(procedures('dad says he guided the head out before we got there')).not.toContain('delivery');
    expect(procedures('she delivered a baby boy last year by c-section')).not.toContain('delivery');
    expect(procedures('the nurse supported the head of the bed at thirty degrees')).not.toContain('delivery');
  });
});

describe('"got" a number is a line only when the number is a gauge', () => {
  it('reads a reading said with "got" as a finding, not IV access', () => {
    expect(procedures("sats wouldn't read on the fingers, got 95 on the ear probe")).not.toContain('iv access');
    expect(phase('Pressure 98 over 60, heart rate 110, got 91 percent on the pulse ox.')).not.toBe('treatment');
    expect(procedures('tried the finger again and got 22 on the pulse ox before it dropped out')).not.toContain('iv access');
  });

  it('still reads a line said by its gauge as IV access, and not a line missed', () => {
    expect(procedures('got a 20 in the left hand on the second try')).toContain('iv access');
    expect(procedures('got an 18 in the right ac and drew blood')).toContain('iv access');
    expect(procedures('got 18 in the left ac at 1422')).toContain('iv access');
    expect(procedures('we got no iv access after two tries')).not.toContain('iv access');
  });
});

describe('near misses of the field delivery and of a line said with "got"', () => {
  it('does not read a birth told as history, or the head held for the spine, a seizure or the airway, as the delivery', () => {
    expect(procedures('pt is 2 weeks postpartum, baby girl delivered vaginally at general.')).not.toContain('delivery');
    expect(phase('pt is 2 weeks postpartum, baby girl delivered vaginally at general.')).not.toBe('treatment');
    expect(procedures('we supported the head and neck while moving pt to the cot.')).not.toContain('delivery');
    expect(procedures('we supported the head during the seizure, no injuries.')).not.toContain('delivery');
    expect(procedures('manual c spine, supported the head until collared.')).not.toContain('delivery');
    expect(procedures('we eased the head back to open the airway, no c spine concern.')).not.toContain('delivery');
  });

  it('still reads an IO needle said by its length with "got" as vascular access', () => {
    expect(procedures('got a 25 mm io in the left tibia, flushed well.')).toContain('iv access');
  });
});

describe('putting a device on in everyday speech ("threw a tourniquet on", "slapped the pads on")', () => {
  it('reads the crew throwing or slapping a device on as the intervention', () => {
    expect(phase('My partner threw a tourniquet high on the left arm at 1422 and the bleeding stopped.')).toBe('treatment');
    expect(phase('We slapped the pads on him at 0312.')).toBe('treatment');
    expect(phase('Tossed him on oxygen at 15 liters.')).toBe('treatment');
  });

  it('does not read the patient throwing something, or a device thrown off, as care', () => {
    expect(phase('He threw up twice on the way down the stairs.')).not.toBe('treatment');
    expect(phase('She threw the oxygen mask off and pulled at the IV.')).not.toBe('treatment');
    expect(phase('Patient threw the nonrebreather across the room.')).not.toBe('treatment');
    expect(phase('He threw a punch at the officer before we arrived.')).not.toBe('treatment');
  });
});

describe('a device thrown or slapped on by someone other than the crew', () => {
  it('does not read a bystander or the police putting it on as the crew', () => {
    for (const said of [
      'His friend slapped a bandage on it before we got there.',
      'Bystanders threw a tourniquet on his leg.',
      'PD threw a tourniquet on his arm.',
    ])
      expect(phase(said), said).not.toBe('treatment');
  });
});
