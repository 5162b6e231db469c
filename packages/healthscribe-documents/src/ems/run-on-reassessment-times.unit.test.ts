import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * When a run-on's later statements were made: a repeat set said by its time, the condition at the hand-off with its subject
 * unsaid, how long a treatment took to work, and the named parts of the assessment (the complaint, the stroke scale).
 */

describe('a repeat set said by its time ("repeat at 1405 bp …")', () => {
  it('opens its own statement after the care before it', () => {
    const pieces = splitSentences(
      'gave ondansetron 4 milligrams iv at 1210 started oral rehydration with small sips of water repeat at 1225 bp 118 over ' +
        '76 heart rate 96 respirations 16',
    );
    expect(pieces.some((p) => p.startsWith('repeat at 1225 bp 118 over 76'))).toBe(true);
  });
});

describe('the condition at the hand-off, its subject unsaid', () => {
  it('opens at "at transfer" before the state it tells', () => {
    const pieces = splitSentences(
      'took the patient to mercy west non emergent with no lights at transfer awake talking no more vomiting heart rate 90 ' +
        'care to the triage nurse',
    );
    expect(pieces.some((p) => p.startsWith('at transfer awake talking no more vomiting'))).toBe(true);
  });

  it('does not cut a reading from the hand-off it was taken at ("… on the way 33.4 at handoff …")', () => {
    const pieces = splitSentences(
      'warm blankets and heat packs to the armpits temp came up a little on the way 33.4 at handoff still shivering but answering ' +
        'questions',
    );
    expect(pieceWith(pieces, '33.4 at handoff still shivering')).toBeDefined();
  });
});

describe('how long a treatment took to work', () => {
  it('keeps "after about N minutes" with the change it times, not as a piece of its own', () => {
    const pieces = splitSentences(
      'gave ondansetron 4 milligrams at 1352 and the nausea was gone after about 10 minutes started small sips of sports drink ' +
        'and kept her in the air conditioning',
    );
    expect(pieceWith(pieces, 'the nausea was gone after about 10 minutes')).toBeDefined();
    expect(pieces).not.toContain('after about 10 minutes');
  });
});

describe('the named parts of the assessment', () => {
  it('opens at the chief complaint and at the stroke scale', () => {
    const pieces = splitSentences(
      'patient is a 72 year old female last known well at 0630 when she went to the bathroom chief complaint per husband is she ' +
        'could not get her words out cincinnati positive for left arm drift and facial droop glucose 140',
    );
    expect(pieces.some((p) => p.startsWith('chief complaint per husband is she could not get her words out'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('cincinnati positive for left arm drift'))).toBe(true);
  });
});

describe('near misses of the repeat and hand-off cuts', () => {
  it("leaves a drug's repeat with the drug ('so nitro repeat at 1405')", () => {
    const pieces = splitSentences(
      'gave 324 aspirin chewed and 0.4 nitro sl at 1400 pain still 6 out of 10 so nitro repeat at 1405 pain down to 3 out of 10',
    );
    expect(pieceWith(pieces, 'nitro repeat at 1405')).toBeDefined();
  });

  it('does not cut "at transfer" from the vitals set it times ("another set of vitals at transfer bp …")', () => {
    const pieces = splitSentences(
      'transported non emergent to st marks we got another set of vitals at transfer bp 118 over 76 heart rate 88 and care ' +
        'transferred to the rn',
    );
    expect(pieceWith(pieces, 'another set of vitals at transfer')).toBeDefined();
  });
});

describe('a reassessment said after the care it followed ("after cpap and the nitro bp …")', () => {
  it('opens its own statement after the care that was given', () => {
    const pieces = splitSentences(
      'put her on cpap at ten centimeters at zero one eighteen gave nitro point four sublingual times three starting at zero one ' +
        'twenty after cpap and the nitro bp one fifty eight over ninety heart rate ninety eight and she is speaking in short sentences',
    );
    expect(pieces.some((p) => p.startsWith('after cpap and the nitro bp one fifty eight over ninety'))).toBe(true);
    expect(pieces.some((p) => p.endsWith('starting at zero one twenty'))).toBe(true);
  });

  it('keeps a change said before its cause one statement ("she felt better after oxygen sats 96")', () => {
    const pieces = splitSentences(
      'we placed her on a nasal cannula at 2 liters at 1402 she said she felt better after oxygen sats 96 percent heart rate 88 ' +
        'transported to mercy',
    );
    expect(pieceWith(pieces, 'felt better after oxygen sats 96')).toBeDefined();
  });
});

describe('a pain score said before the care it followed', () => {
  it('keeps "wrist pain five out of ten after the splint" one statement', () => {
    const pieces = splitSentences(
      'we splinted her right wrist with a sam splint and an ice pack repeat on mom at 1636 bp 124 over 78 pulse 88 wrist pain five ' +
        'out of ten after the splint both transported emergent to county trauma center',
    );
    expect(pieceWith(pieces, 'wrist pain five out of ten after the splint')).toBeDefined();
  });
});

describe('the care said after the change it made, not before readings of its own (review of 1.37.0)', () => {
  const LEAD = 'medic 4 dispatched at 0110 for difficulty breathing responded emergent';
  it.each([
    'gave nitro 0.4 mg sublingual at 1410 pain decreased after nitro bp 130 over 80 pulse 84 transported to general',
    'gave narcan 4 mg intranasal at 0230 shortly after narcan resp 16 and he woke up combative transported to general',
    'gave nitro 0.4 sublingual at 0120 she was less anxious after cpap sats 94 percent heart rate 98 transported emergent',
    'gave albuterol 2.5 mg neb at 1405 no change after albuterol sats 91 percent resp 28 so we gave a second neb',
    'gave nitro 0.4 sl at 2112 the pain went from 8 to 4 after nitro bp 120 over 80 transported to general',
  ])('keeps "after <care>" with the change before it: %s', (said) => {
    const pieces = splitSentences(`${LEAD} ${said}`);
    expect(
      pieces.some((p) => /^after (?:nitro|narcan|cpap|albuterol)\b/.test(p)),
      pieces.join(' | '),
    ).toBe(false);
  });

  it('keeps the care with its readings when they are said in digits ("after cpap and the nitro bp 158 over 90")', () => {
    const pieces = splitSentences(
      `${LEAD} gave nitro 0.4 sublingual times three starting at 0120 after cpap and the nitro bp 158 over 90 heart rate 98`,
    );
    expect(pieces.some((p) => p.startsWith('after cpap and the nitro bp 158 over 90'))).toBe(true);
  });

  it('opens at the care a later pain score came after ("pain 10 out of 10 | after the fentanyl pain 6 out of 10")', () => {
    const pieces = splitSentences(
      `${LEAD} gave fentanyl 50 micrograms iv at 0120 pain 10 out of 10 after the fentanyl pain 6 out of 10 after the second dose ` +
        'pain 3 out of 10',
    );
    expect(pieces.some((p) => p.startsWith('after the fentanyl pain 6 out of 10'))).toBe(true);
    expect(pieces.some((p) => p.startsWith('after the second dose pain 3 out of 10'))).toBe(true);
  });
});

describe('a pain score said with the care it followed, then the vitals (review of 1.38.0)', () => {
  const LEAD = 'medic 4 dispatched at 1610 for chest pain responded emergent gave aspirin 324 mg po at 1620';
  it('keeps "pain 7 out of 10 after the aspirin" whole and opens the vitals after it', () => {
    const pieces = splitSentences(`${LEAD} pain 7 out of 10 after the aspirin bp 140 over 90 pulse 88 transported emergent`);
    expect(pieceWith(pieces, 'pain 7 out of 10 after the aspirin')?.endsWith('after the aspirin')).toBe(true);
    expect(pieces.some((p) => p.startsWith('bp 140 over 90 pulse 88'))).toBe(true);
  });

  it('opens at "after cpap" said after its pressure in cm h2o', () => {
    const pieces = splitSentences(
      'medic 4 dispatched at 0110 for difficulty breathing responded emergent placed on cpap 10 cm h2o after cpap sats 95 percent ' +
        'resp 22 transported emergent',
    );
    expect(pieces.some((p) => p.startsWith('after cpap sats 95 percent'))).toBe(true);
  });
});

describe('a pain score said after how the injury happened (review of 1.39.0)', () => {
  it('cuts at "after the injury we splinted …": the injury is no care the score came after', () => {
    const pieces = splitSentences(
      'medic 15 dispatched at 1450 for an injured worker at the construction site 38 year old male hit his hand with a hammer ' +
        'deformity of the right ring finger pain 7 out of 10 after the injury we splinted the finger and applied an ice pack',
    );
    expect(pieces.some((p) => p.endsWith('pain 7 out of 10'))).toBe(true);
  });
});

describe('a reading "rechecked" after the time of the care it follows', () => {
  it('opens its own statement ("… d10 iv at 1829 | rechecked sugar at 1838 …")', () => {
    const pieces = splitSentences(
      'medic twenty two was dispatched at 1815 for a diabetic problem we started an 18 in the right forearm and gave 100 ' +
        'milliliters of d10 iv at 1829 rechecked sugar at 1838 and it was 142 and he was alert and oriented times four',
    );
    expect(pieces).toContain('rechecked sugar at 1838 and it was 142 and he was alert and oriented times four');
  });

  it('stays with a unit, a bed or a reading said before it, and with the reading said after it', () => {
    expect(
      pieceWith(
        splitSentences(
          'pt has a history of diabetes sugar on fire glucometer was 38 engine 12 rechecked it at 1320 and got 41 we gave d10 iv at 1325',
        ),
        'rechecked',
      ),
    ).toContain('engine 12 rechecked');
    expect(
      pieceWith(
        splitSentences('the patient in bed 2 rechecked her own sugar with her meter and it read 250 she is a type 1 diabetic on a pump'),
        'rechecked',
      ),
    ).toContain('bed 2 rechecked');
    expect(
      pieceWith(
        splitSentences(
          'glucose 45 rechecked 52 gave d10 at 1410 then glucose 110 at 1420 patient now alert and oriented answering questions',
        ),
        'rechecked',
      ),
    ).toContain('glucose 45 rechecked 52');
    expect(
      pieceWith(
        splitSentences(
          'bp 92 over 60 rechecked manually 94 over 58 heart rate 110 respirations 20 sats 96 percent on room air lungs clear',
        ),
        'rechecked',
      ),
    ).toContain('bp 92 over 60 rechecked manually');
    expect(
      pieceWith(
        splitSentences('fluid bolus 500 ml at 1250 bp 92 over 60 rechecked at 1300 96 over 62 hr 98 transported emergent to general'),
        'rechecked',
      ),
    ).toContain('bp 92 over 60 rechecked at 1300');
  });

  it('stays with its subject or its verb ("we rechecked", "bp rechecked", "was rechecked")', () => {
    for (const said of ['we rechecked', 'bp rechecked', 'sugar was rechecked', 'and rechecked']) {
      const pieces = splitSentences(
        `medic twenty two was dispatched at 1815 for a diabetic problem we gave 100 milliliters of d10 iv at 1829 ${said} ` +
          'sugar at 1838 and it was 142 and he was alert',
      );
      expect(pieceWith(pieces, 'rechecked')).toContain(said);
    }
  });
});

describe('vitals said after a finding that ends on "normal" or "baseline"', () => {
  it('open their own statement', () => {
    const said = (finding: string) =>
      splitSentences(`dispatched at 1300 for weakness responded non emergent 70 year old female ${finding} transported to general`);
    expect(pieceWith(said('gcs 15 pupils equal and normal vitals within normal limits glucose 110'), 'vitals')).toMatch(/^vitals/);
    expect(pieceWith(said('mental status at baseline vitals were stable throughout'), 'vitals')).toMatch(/^vitals/);
  });
});

describe('vitals said stable at the hand-off', () => {
  it('keeps "stable vitals" whole', () => {
    const pieces = splitSentences(
      'patient two blood pressure 108 over 70 heart rate 122 respirations 24 sat 97 percent transported her emergent to ' +
        'regional trauma center and gave report to doctor fischer in trauma bay one she was alert with stable vitals',
    );
    expect(pieces.at(-1)).toBe('she was alert with stable vitals');
  });
});

describe('a clock time said with its hour and minutes apart right before the crew’s care', () => {
  it('opens the care after a reading ("… on room air | at 7 28 we gave a duoneb"), as a time in four digits does', () => {
    const pieces = splitSentences(
      'vitals bp 108 over 68 heart rate 132 respirations 36 spo2 89 percent on room air at 7 28 we gave a duoneb by nebulizer at 8 liters',
    );
    expect(pieceWith(pieces, 'at 7 28 we gave a duoneb')?.startsWith('at 7 28 we gave')).toBe(true);
  });

  it('stays with an event said with its time ("took his nitro at 7 28 we gave …")', () => {
    const pieces = splitSentences(
      'wife says he took his own nitro at 7 28 we gave aspirin 324 milligrams po at 7 40 he says the pain is better',
    );
    expect(pieceWith(pieces, 'took his own nitro at 7 28')).toBeDefined();
    expect(pieces.some((p) => p.startsWith('at 7 28'))).toBe(false);
  });
});
