import { describe, expect, it } from 'vitest';
import { splitSentences } from '../index.js';
import { pieceWith } from './testing/run-on-pieces.js';

/**
 * One act of care said in run-on speech is not cut in two: a recogniser writes the words of a device, a fluid or a
 * dose the way they are spoken, and a cut inside them leaves half the care in a piece that reads as a finding.
 */

describe('a shock said bare with its energy, right after the rhythm', () => {
  it('opens the line of the shock, so the rhythm stays a finding and the shock is care', () => {
    const arrest = splitSentences(
      'cpr in progress by the daughter when we walked in down time about six minutes rhythm is v fib shocked at 150 joules ' +
        'and went right back on the chest for two minutes',
    );
    expect(arrest.some((p) => p.startsWith('shocked at 150 joules'))).toBe(true);
  });

  it("does not cut the AED's or someone else's shock from who gave it", () => {
    const aed = splitSentences(
      'the security guard put the aed on him and it had shocked at 150 joules once before we got there he was gray and not breathing',
    );
    expect(pieceWith(aed, 'it had shocked at 150 joules')).toBeDefined();
    const fire = splitSentences(
      'engine crew on scene doing compressions with the aed attached the engine shocked at 200 joules at 0931 then we took over the airway',
    );
    expect(pieceWith(fire, 'the engine shocked at 200 joules')).toBeDefined();
  });

  it('leaves a shock that does not follow the rhythm with whoever or whatever gave it (an implanted defibrillator, another crew)', () => {
    const implanted = splitSentences(
      'known cardiac history he tells us his aicd shocked at 30 joules three times since lunch no pain now sinus rhythm on our monitor',
    );
    expect(pieceWith(implanted, 'his aicd shocked at 30 joules')).toBeDefined();
    const otherCrew = splitSentences(
      'ladder company had pads on when we walked up rhythm was vf their crew shocked at 200 joules twice and we took over the airway',
    );
    expect(pieceWith(otherCrew, 'their crew shocked at 200 joules')).toBeDefined();
    const beforeUs = splitSentences(
      'the deputy had the aed going rhythm showed vf shocked at 150 joules prior to our arrival and we shocked again at 200 joules at 0412',
    );
    expect(pieceWith(beforeUs, 'vf shocked at 150 joules')).toBeDefined();
    const byOthers = splitSentences(
      'defib pads already on when we walked in rhythm v tach shocked at 200 joules by the engine medic we then gave amiodarone 300 mg io',
    );
    expect(pieceWith(byOthers, 'v tach shocked at 200 joules')).toBeDefined();
    const history = splitSentences(
      'she has had heart trouble for years with a history of vt shocked at 150 joules twice back in the winter and feels fine today',
    );
    expect(pieceWith(history, 'vt shocked at 150 joules')).toBeDefined();
  });
});

describe('a supraglottic airway written as two words ("i gel")', () => {
  it('keeps "i gel placed" and "i gel size 3 placed" in one piece', () => {
    const arrest = splitSentences(
      'compressions were going when we got there we took over and shocked once at 200 joules at 0412 i gel placed and ventilated ' +
        'with the bag then a second shock at 0414 with no change in the rhythm',
    );
    expect(pieceWith(arrest, 'i gel placed')).toBeDefined();
    const sized = splitSentences(
      'asystole on the monitor with cpr in progress by the engine crew epi one milligram io at 2231 i gel size 3 placed at 2233 ' +
        'with good chest rise and an end tidal of 18',
    );
    expect(pieceWith(sized, 'i gel size 3 placed')).toBeDefined();
  });
});

describe('the crew giving or putting in care, said with its subject, then what it gave', () => {
  it('keeps "we pushed | 25 milligrams of benadryl", "we give | zofran 4 mg", "my partner put | 18 gauge …" in one piece', () => {
    const allergy = splitSentences(
      'lips swollen and hives on both arms wheezing in the upper fields we pushed 25 milligrams of benadryl iv at 1402 and ' +
        'the itching settled down',
    );
    expect(allergy.some((p) => p.startsWith('we pushed 25 milligrams of benadryl'))).toBe(true);
    const belly = splitSentences(
      'belly tender on the left side nausea since this morning my partner put 18 gauge in the left arm and i give zofran 4 mg iv ' +
        'and the nausea is better',
    );
    expect(pieceWith(belly, 'my partner put 18 gauge in the left arm')).toBeDefined();
    expect(pieceWith(belly, 'i give zofran 4 mg')).toBeDefined();
  });

  it('opens the statement at the crew giving it, so the readings before it stay a finding', () => {
    const wheeze = splitSentences(
      'pressure 92 over 60 pulse 120 saturation 91 percent we hear wheezing in both lungs i give epinephrine 0.3 mg im in the thigh ' +
        'at 1502 and she breathes better',
    );
    expect(wheeze.some((p) => p.startsWith('i give epinephrine 0.3 mg'))).toBe(true);
  });

  it('still cuts after the verb when what follows is no care it gave ("we give | report to …")', () => {
    const handoff = splitSentences(
      'pain was down to a four on the way in and her pressure held at 130 over 80 at the hospital we give report to the charge nurse ' +
        'at 1530 and clear',
    );
    expect(pieceWith(handoff, 'we give report to the charge nurse')).toBeDefined();
  });
});

describe('a fluid said with how warm or cold it is', () => {
  it('opens the fluid at "warmed" or "cold", apart from the line before it', () => {
    const cold = splitSentences(
      'found in the snow bank shivering hard core temp 33 point 1 wet clothes cut off iv 20 gauge left forearm warmed normal saline ' +
        '500 ml wide open and heat packs to the armpits',
    );
    expect(cold.some((p) => p.startsWith('warmed normal saline 500 ml'))).toBe(true);
    const heat = splitSentences(
      'skin hot and dry temp 105 point 4 confused and combative with the crew iv 18 gauge right ac cold ns one liter wide open ice ' +
        'packs to the groin and neck',
    );
    expect(heat.some((p) => p.startsWith('cold ns one liter'))).toBe(true);
  });

  it('keeps the temperature with the verb that gives the fluid ("we hung | warmed lr …", "and give | cold saline …")', () => {
    const hung = splitSentences(
      'pulled out of the lake after twenty minutes core temp 31 io in the left tibia and we hung warmed lr 500 ml on a pressure bag',
    );
    expect(pieceWith(hung, 'we hung warmed lr 500 ml')).toBeDefined();
    const give = splitSentences(
      'he is hot to touch temp 40 point 8 we start line 20 gauge left hand and give chilled saline one liter then reassess',
    );
    expect(pieceWith(give, 'give chilled saline one liter')).toBeDefined();
  });
});

describe('a tourniquet named by its kind', () => {
  it('is not cut between the kind and the device ("a cat | tourniquet")', () => {
    const pieces = splitSentences(
      'spurting blood from the right upper arm we put a cat tourniquet high and tight on the right arm at 2241 and the bleeding ' +
        'stopped vitals after the tourniquet bp 104 over 66 heart rate 118',
    );
    expect(pieceWith(pieces, 'we put a cat tourniquet high and tight on the right arm at 2241')).toBeDefined();
  });

  it('opens the care at "so" when the crew did it because of the finding before ("… bleeding | so we put …")', () => {
    const pieces = splitSentences(
      '24 year old male single stab wound to the right thigh no exit no other injuries dark red steady bleeding so we put a ' +
        'tourniquet on the right thigh at 0312 and the bleeding stopped',
    );
    expect(pieces.some((p) => p.startsWith('so we put a tourniquet on the right thigh at 0312'))).toBe(true);
  });
});

describe('a "so" that belongs to the words before it', () => {
  it('does not cut "… an hour or | so we gave …"', () => {
    const pieces = splitSentences(
      'pt had been vomiting for about an hour or so we gave 4 of zofran iv and she felt better after about ten minutes no more ' + 'nausea',
    );
    expect(pieces.some((p) => /\bor$/.test(p))).toBe(false);
  });
});

describe('a dose said as a spoken decimal ("2 point 5 milligrams")', () => {
  it('is not cut at its "point", also when the dose is said before the drug', () => {
    const neb = splitSentences(
      'duoneb nebulizer at 0220 2 point 5 milligrams albuterol and 0 point 5 milligrams ipratropium solumedrol 125 milligrams iv at 0226',
    );
    expect(pieceWith(neb, '2 point 5 milligrams albuterol and 0 point 5 milligrams ipratropium')).toBeDefined();
    const nitro = splitSentences('chest pain 7 out of 10 for an hour 0 point 4 milligrams nitro under the tongue at 1412 pain down to 4');
    expect(pieceWith(nitro, '0 point 4 milligrams nitro')).toBeDefined();
  });
});

describe('home oxygen said in run-on speech ("on home oxygen 2 liters")', () => {
  it('is one history, not cut before "oxygen"', () => {
    const pieces = splitSentences(
      '72 years old history of copd on home oxygen 2 liters uses spiriva and albuterol allergic to sulfa short of breath for 3 days',
    );
    expect(pieceWith(pieces, 'on home oxygen 2 liters')).toBeDefined();
  });
});

describe('a line said site first, then placed ("io right tibia placed")', () => {
  it('keeps the participle with its line, and the drug after it opens its own statement', () => {
    const pieces = splitSentences(
      'shocked at 200 joules at 0540 continued cpr io right tibia placed epi 1 milligram io at 0544 no change still v fib second shock',
    );
    expect(pieceWith(pieces, 'io right tibia placed')).toBeDefined();
    expect(pieceWith(pieces, 'epi 1 milligram io at 0544')?.startsWith('epi 1 milligram')).toBe(true);
  });

  it('does not join a placement said of something else', () => {
    const pieces = splitSentences(
      'she has a port in the right chest and an old io scar on the right tibia placed a 20 gauge in the left hand at 1410 fluids running',
    );
    expect(pieceWith(pieces, 'placed a 20 gauge in the left hand')?.startsWith('placed a 20 gauge')).toBe(true);
  });
});

describe('"at one point" before a number', () => {
  it('is no decimal: the statement after it is still cut', () => {
    const pieces = splitSentences(
      'his sugar dropped to 40 at one point 250 milliliters of d10 was given by fire before we got there and he woke up right away',
    );
    expect(pieces.some((p) => p.endsWith('at one point'))).toBe(true);
  });
});
