import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { TemplateDefinitionSchema } from '../templates/template-definition.js';
import { toChartingStyle } from './charting-style.js';
import { composeNarrative, NARRATIVE_ENGINE_VERSION } from './compose-narrative.js';
import type { SectionSequenceModel } from './section-sequence.js';

const docsOf = (text: string) => {
  const raw = createSyntheticDocuments(text);
  return { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
};
const v1 = (name: keyof typeof BUILTIN_TEMPLATES) => ({ version: 1, definition: BUILTIN_TEMPLATES[name] });

const COMPLETE = [
  'Medic 7 was dispatched at 0912 for a 58-year-old female with difficulty breathing.',
  'We responded emergent.',
  'On arrival we found the patient in the tripod position on her porch.',
  'She complains of shortness of breath that began this morning.',
  'She has a history of COPD.',
  'Blood pressure 146/88, heart rate 112, respiratory rate 28, SpO2 86% on room air.',
  'Lung sounds reveal diffuse wheezing.',
  'We administered 5 mg albuterol via nebulizer at 0920.',
  'After the nebulizer her breathing improved and SpO2 rose to 93%.',
  'Transported non-emergent to Riverside Hospital.',
  'Care was transferred to the ED nurse with the patient in stable condition.',
].join(' ');

describe('composeNarrative', () => {
  it('places every dictated sentence in its DRAATT section, each linked to its segment', () => {
    const docs = docsOf(COMPLETE);
    // Verbatim style, so each sentence is exactly its segment (charting style is covered on its own).
    const n = composeNarrative(docs, { version: 1, definition: { ...BUILTIN_TEMPLATES.DRAATT, style: 'verbatim' } });
    expect(n).toMatchObject({
      template: 'DRAATT',
      templateVersion: 1,
      engineVersion: NARRATIVE_ENGINE_VERSION,
      missing: [],
      missingElements: [],
    });
    expect(Object.fromEntries(n.sections.map((s) => [s.key, s.sentences.map((x) => x.evidence[0])]))).toEqual({
      dispatch: ['seg-1'],
      response: ['seg-2'],
      arrival: ['seg-3'],
      assessment: ['seg-4', 'seg-5', 'seg-6', 'seg-7'],
      treatment: ['seg-8', 'seg-9'],
      transport: ['seg-10', 'seg-11'],
    });
    const byId = new Map(docs.transcript.segments.map((s) => [s.id, s.content]));
    for (const s of n.sections) for (const x of s.sentences) expect(x.text).toBe(byId.get(x.evidence[0] ?? ''));
    expect(n.sentenceCount).toBe(11);
    expect(n.text.split('\n').map((l) => l.split(':')[0])).toEqual([
      'DISPATCH',
      'RESPONSE',
      'ARRIVAL',
      'ASSESSMENT',
      'TREATMENT',
      'TRANSPORT',
    ]);
  });

  it('turns every missing required element into a prompt', () => {
    const n = composeNarrative(
      docsOf('Patient found on the floor. Heart rate 90. We gave aspirin. Transported to Mercy Hospital.'),
      v1('DRAATT'),
    );
    expect(n.missingElements).toEqual([
      'dispatch_nature',
      'dispatch_time',
      'response_mode',
      'patient_age',
      'patient_sex',
      'chief_complaint',
      'vitals',
      'treatment_dose',
      'treatment_route',
      'treatment_time',
      'treatment_response',
      'condition_at_transfer',
    ]);
    expect(n.missing.find((m) => m.element === 'vitals')?.prompt).toBe('Document a full set of vitals (missing: BP, RR, SpO2).');
    expect(n.missing.find((m) => m.element === 'treatment_dose')).toEqual({
      element: 'treatment_dose',
      prompt: 'Document the dose of: aspirin.',
      evidence: ['seg-3'],
    });
  });

  it('asks neither for destination nor condition after a refusal', () => {
    const n = composeNarrative(
      docsOf(
        'Dispatched at 0900 for a fall. Responded non-emergent. The 80-year-old male denies injury. BP ' +
          '130/80, pulse 72, respirations 16, SpO2 98%. Patient refused transport against medical advice.',
      ),
      v1('DRAATT'),
    );
    // The fall the unit was dispatched for is the presenting problem a reviewer reads: nothing is missing.
    expect(n.missingElements).toEqual([]);
  });

  it('renders the same sentences under DCHART, CHART and SOAP sections', () => {
    const docs = docsOf(COMPLETE);
    const keys = (name: keyof typeof BUILTIN_TEMPLATES) =>
      Object.fromEntries(composeNarrative(docs, v1(name)).sections.map((s) => [s.key, s.sentences.length]));
    expect(keys('DCHART')).toEqual({ dispatch: 3, chief_complaint: 1, history: 1, assessment: 2, rx: 2, transport: 2 });
    expect(keys('CHART')).toEqual({ chief_complaint: 1, history: 4, assessment: 2, rx: 2, transport: 2 });
    expect(keys('SOAP')).toEqual({ subjective: 4, objective: 3, assessment: 0, plan: 4 });
    for (const name of ['DRAATT', 'DCHART', 'CHART', 'SOAP'] as const)
      expect(TemplateDefinitionSchema.safeParse(BUILTIN_TEMPLATES[name]).success).toBe(true);
  });

  it("uses HealthScribe's own sections as a hint for what the rules cannot place, and skips questions", () => {
    const transcript = parseTranscript({
      Conversation: {
        TranscriptSegments: [
          { SegmentId: 'q', Content: 'What brings you in today?' },
          { SegmentId: 'a', Content: 'Mm-hmm.' },
        ],
      },
    });
    const clinicalDocument = parseClinicalDocument({
      ClinicalDocumentation: {
        Sections: [
          { SectionName: 'CHIEF_COMPLIANT', Summary: [{ SummarizedSegment: 'Chest pain.', EvidenceLinks: [{ SegmentId: 'a' }] }] },
        ],
      },
    });
    const n = composeNarrative({ transcript, clinicalDocument }, v1('DRAATT'));
    expect(n.sections.find((s) => s.key === 'assessment')?.sentences).toEqual([{ text: 'Mm-hmm.', evidence: ['a'] }]);
    expect(n.sentenceCount).toBe(1);
    expect(n.missingElements).not.toContain('chief_complaint');
  });

  it('writes ASCII punctuation only', () => {
    const n = composeNarrative(docsOf('Patient’s temp was 101.2°F — she said “it hurts”.'), v1('DRAATT'));
    expect(n.text).toMatch(/^[\x20-\x7E\n]*$/);
    expect(n.text).toContain('Patient\'s temp was 101.2 degrees F - she said "it hurts".');
  });
});

describe('composeNarrative: dictations as medics speak them', () => {
  const draatt = (text: string) => composeNarrative(docsOf(text), v1('DRAATT'));
  const sectionOf = (n: ReturnType<typeof draatt>, fragment: string) =>
    n.sections.find((s) => s.sentences.some((x) => x.text.includes(fragment)))?.key;

  it('keeps non-ASCII letters byte for byte (NFC), while punctuation still becomes ASCII', () => {
    const decomposed = 'Pt Jose\u0301 Rami\u0301rez, 58 an\u0303os per his wife, found at the kitchen table.';
    const n = draatt(`Dispatched at 1310 for a diabetic problem. ${decomposed} He said “I feel shaky” — glucose 38.`);
    expect(n.text).toContain('Pt José Ramírez, 58 años per his wife, found at the kitchen table.');
    expect(n.text).toContain('He said "I feel shaky" - glucose 38.');
    expect(n.text.normalize('NFC')).toBe(n.text);
  });

  it('files terse interventions stated without an action verb under Treatment', () => {
    const lines = [
      'Adenosine 6 milligrams rapid IV push at 1432.',
      'IV 20 gauge right hand.',
      'Cardioverted at 100 joules.',
      'King airway placed.',
      'Oxygen 15 liters by non-rebreather.',
      'CPR continued with the LUCAS.',
      'Traction splint to the left leg.',
      'Oral glucose given.',
      'Amiodarone 150 milligrams IV over ten minutes.',
    ];
    const n = draatt(['Medic 5 dispatched at 1420 for palpitations.', 'Pt is a 60 yo male with a racing heart.', ...lines].join(' '));
    const treatment = n.sections.find((s) => s.key === 'treatment')?.sentences.map((x) => x.text) ?? [];
    expect(treatment).toEqual(lines.map(toChartingStyle));
  });

  it('keeps home medications, allergies and oxygen saturation out of Treatment', () => {
    const n = draatt('Takes metoprolol and aspirin daily. Allergic to morphine. Oxygen saturation 94 percent on room air.');
    expect(n.sections.find((s) => s.key === 'treatment')?.sentences).toEqual([]);
  });

  it('orders sentences within a section by stated time, then dictation order; repeat vitals en route follow the treatment', () => {
    const n = draatt(
      [
        'Medic 2 dispatched at 0800 for shortness of breath in a 70 year old woman.',
        'BP 150/90, HR 110, RR 28, SpO2 86% on room air.',
        'Albuterol 5 mg nebulized at 0817.',
        'Repeat vitals en route BP 140/86, HR 100, RR 22, SpO2 93%.',
        'CPAP at 10 cm placed at 0812.',
        'Breathing improved after the CPAP.',
      ].join(' '),
    );
    expect(n.sections.find((s) => s.key === 'treatment')?.sentences.map((x) => x.evidence[0])).toEqual([
      'seg-5',
      'seg-6',
      'seg-3',
      'seg-4',
    ]);
    expect(sectionOf(n, 'BP 150/90')).toBe('assessment');
  });

  it('applies spoken corrections: the later value wins, the retracted one appears nowhere, the provider gets a review note', () => {
    const n = draatt(
      [
        'BP 142 over 80, correction, 162 over 80, pulse 76.',
        'Fentanyl 50 micrograms IN at 2224, scratch that, 2226.',
        'Glucose 112, scratch that, glucose 121.',
        'CPAP at 7.5, I mean 10 cm H2O.',
        'DuoNeb at 0314, make that 0316.',
        'SpO2 88, wait, no, 86 percent.',
        'I mean she was really confused.',
      ].join(' '),
    );
    expect(n.text).toContain('BP 162/80, pulse 76.');
    expect(n.text).toContain('Fentanyl 50 mcg IN at 2226.');
    expect(n.text).toContain('Glucose 121.');
    expect(n.text).toContain('CPAP at 10 cm H2O.');
    expect(n.text).toContain('DuoNeb at 0316.');
    expect(n.text).toMatch(/SpO2 86 ?%/);
    expect(n.text).toContain('I mean she was really confused.');
    for (const gone of ['142', '2224', '112', '7.5', '0314', '88'])
      expect(n.text).not.toMatch(new RegExp(`\\b${gone.replace('.', '\\.')}\\b`));
    expect(n.reviewNotes.map((r) => [r.kind, r.evidence])).toEqual([
      ['correction', ['seg-1']],
      ['correction', ['seg-2']],
      ['correction', ['seg-3']],
      ['correction', ['seg-4']],
      ['correction', ['seg-5']],
      ['correction', ['seg-6']],
    ]);
    expect(n.reviewNotes[0]?.note).not.toMatch(/\d/); // says that a correction was applied, never the values (no PHI outside the content)
    const fentanyl = n.facts.medications.find((m) => m.name === 'fentanyl');
    expect(fentanyl?.clock).toBe('22:26');
    expect(n.facts.vitals.filter((v) => v.kind === 'bp').map((v) => v.value)).toEqual(['162/80']);
  });

  it('corrects the value of the same kind as the one said after the cue, not the last number before it', () => {
    const n = composeNarrative(
      docsOf('Dispatched at 2140 for an overdose. Narcan 2 mg IN at 2149, scratch that, 4 mg IN. Breathing improved after the Narcan.'),
      v1('DRAATT'),
    );
    expect(n.text).toContain('Narcan 4 mg IN at 2149.');
    expect(n.text).not.toMatch(/\b2 mg\b/);
    expect(n.reviewNotes.filter((x) => x.kind === 'correction')).toHaveLength(1);
  });

  it('keeps both values of a cue followed by words of a second reading, and asks the provider which one stands', () => {
    const n = composeNarrative(
      docsOf('Dispatched at 2140 for an overdose. Narcan 0.4 mg IV, sorry, 2 mg IV, no response to first dose. Transported to Mercy.'),
      v1('DRAATT'),
    );
    expect(n.text).toContain('0.4 mg');
    expect(n.text).toContain('2 mg');
    // Not counted as an applied correction: the note says a value may have been corrected, never that one was.
    expect(n.reviewNotes.map((r) => [r.kind, r.evidence])).toEqual([['possible-correction', ['seg-2']]]);
    expect(n.reviewNotes[0]?.note).not.toMatch(/\d/);
  });

  it('raises no treatment prompt for a correction sentence that restates the treatment it corrects', () => {
    for (const said of [
      'Ondansetron 8 mg was given IV at 0914, nausea improved. Please disregard that, the first ondansetron dose was 4 mg IV.',
      'Solu-Medrol 125 mg IV at 0918, tolerated well. Scratch that, Solu-Medrol 62.5 mg, he is small.',
      'Zofran 4 mg IV at 0914, nausea better. Correction, Zofran at 0916, BP 140/80 after.',
    ]) {
      const n = composeNarrative(
        docsOf(`Dispatched at 0902 for nausea. 70 year old male, vomiting. ${said} Transported to Mercy, stable.`),
        v1('DRAATT'),
      );
      expect(
        n.missingElements.filter((m) => m.startsWith('treatment')),
        said,
      ).toEqual([]);
    }
  });

  it('applies a correction said as its own sentence to the value it corrects, and notes it', () => {
    const n = draatt(
      'BP 184/102, HR 88, RR 20, SpO2 96% RA. Correction, the BP was 148 over 92. CPAP at 5 cm at ' +
        '0130. Scratch that, CPAP was started at 7.5 cm. Zofran 4 mg IV at 0645. Make that 0648. Pulse ' +
        '80. Correction, the glucose was 90.',
    );
    expect(n.text).not.toMatch(/184\/102|at 5 cm|0645/);
    expect(n.text).toContain('BP 148/92, HR 88');
    expect(n.text).toContain('CPAP at 7.5 cm at 0130.');
    expect(n.text).toContain('Zofran 4 mg IV at 0648.');
    expect(n.text).not.toMatch(/Correction, the BP|Scratch that|Make that/);
    // A correction of something the previous sentence does not say is left as dictated.
    expect(n.text).toContain('Correction, the glucose was 90.');
    expect(n.reviewNotes.map((r) => r.evidence)).toEqual([
      ['seg-1', 'seg-2'],
      ['seg-3', 'seg-4'],
      ['seg-5', 'seg-6'],
    ]);
    for (const r of n.reviewNotes) expect(r.note).not.toMatch(/\d/);
    // The merged sentence cites both segments, so the correction is evidence of the value shown.
    expect(n.sections.flatMap((s) => s.sentences).find((x) => x.text.startsWith('BP 148'))?.evidence).toEqual(['seg-1', 'seg-2']);
    expect(n.facts.vitals.filter((v) => v.kind === 'bp').map((v) => v.value)).toEqual(['148/92']);
    expect(n.facts.medications.find((m) => m.name === 'ondansetron')?.clock).toBe('06:48');
  });

  it('takes a vital documented as not taken, with its reason, as documented: no prompt for it; one left unsaid is still prompted', () => {
    const noBp = draatt('Heart rate 164, respirations 36, sat 99, we did not do a blood pressure on him.');
    expect(noBp.missingElements).not.toContain('vitals');
    const skipped = draatt('HR 152, RR 38, SpO2 94% on room air, we skipped the BP because he was so upset.');
    expect(skipped.missingElements).not.toContain('vitals');
    const noSat = draatt("Pulse 48, BP 92 over 60, breathing 10, couldn't get a sat on his fingers.");
    expect(noSat.missingElements).not.toContain('vitals');
    const unsaid = draatt('Heart rate 164, respirations 36, sat 99.');
    expect(unsaid.missing.find((m) => m.element === 'vitals')?.prompt).toBe('Document a full set of vitals (missing: BP).');
  });

  it('understands spelled-out numbers', () => {
    const n = draatt(
      'Blood pressure one hundred fifty over ninety, heart rate one twenty-eight, respirations ' +
        'thirty-two, sats ninety-eight percent on room air.',
    );
    expect(n.missingElements).not.toContain('vitals');
    expect(n.facts.vitals.map((v) => [v.kind, v.value])).toEqual([
      ['bp', '150/90'],
      ['hr', '128'],
      ['rr', '32'],
      ['spo2', '98'],
    ]);
    expect(n.text).toContain('one hundred fifty over ninety');
  });

  it('keeps a one-word impression; only end-of-report words are left out', () => {
    const n = draatt(
      'BGL 38, BP 146/88, HR 98, RR 16, SpO2 98% RA. Hypoglycemia. IV 20 g L hand 0921. D10, 250 mL IV at 0922. Thanks, end.',
    );
    expect(sectionOf(n, 'Hypoglycemia.')).toBe('assessment');
    expect(n.text).not.toMatch(/Thanks|end\./);
    // Radio words and asides are not a clinical label.
    for (const aside of ['Copy.', 'Yeah.', 'Hold on.', 'Never mind.', 'Oops.', 'Stand by.', 'Go ahead.', 'Anyway.'])
      expect(draatt(`BGL 38, BP 146/88, HR 98. ${aside} IV 20 g L hand 0921.`).text, aside).not.toContain(aside);
  });

  it('files a vitals line opening with its time once treatment began, and food the crew gave, under Treatment', () => {
    const n = draatt(
      'BGL 38, BP 146/88, HR 98, RR 16, SpO2 98% RA. IV 20 g L hand 0921. D10, 250 mL IV at 0922. 0930 BGL 142, GCS 15, A&Ox4. ' +
        'Gave him a PB sandwich and OJ 0932. 0940 BGL 156, BP 138/82, HR 84.',
    );
    for (const line of ['0930 BGL 142', 'PB sandwich', '0940 BGL 156']) expect(sectionOf(n, line), line).toBe('treatment');
    expect(n.missingElements).not.toContain('treatment_response');
    // "Gave her husband our number" is not a treatment.
    expect(sectionOf(draatt('Pt refused transport, signed at 1430. Gave her husband our number.'), 'husband')).not.toBe('treatment');
    // Before any treatment a timed vitals line is the assessment.
    expect(sectionOf(draatt('0915 BGL 38, BP 146/88, HR 98. IV 20 g L hand 0921.'), '0915 BGL 38')).toBe('assessment');
  });

  it('splits unpunctuated speech-recognition text into sentences', () => {
    const n = draatt(
      'medic 9 dispatched at 0700 for chest pain 71 year old male responded emergent arrived to find ' +
        'patient sitting in his kitchen he states pressure in his chest since 6 this morning blood ' +
        'pressure 150 over 88 pulse 58 respirations 18 sats 95 percent gave aspirin 324 milligrams ' +
        "chewed at 0712 transported emergent to Saint Luke's",
    );
    expect(n.sentenceCount).toBeGreaterThanOrEqual(6);
    expect(Object.fromEntries(n.sections.map((s) => [s.key, s.sentences.length > 0]))).toEqual({
      dispatch: true,
      response: true,
      arrival: true,
      assessment: true,
      treatment: true,
      transport: true,
    });
    expect(sectionOf(n, 'aspirin')).toBe('treatment');
  });

  it('never lets an empty required section vanish silently: it carries a prompt', () => {
    const n = draatt('Pt is a 40 yo male complaining of back pain. BP 130/80, HR 80, RR 16, SpO2 98%.');
    for (const key of ['dispatch', 'response', 'treatment', 'transport']) {
      expect(n.sections.find((s) => s.key === key)?.sentences, key).toEqual([]);
      expect(n.emptySections.find((s) => s.key === key)?.prompt, key).toMatch(/^Document /);
    }
    expect(n.emptySections.map((s) => s.key)).not.toContain('arrival'); // DRAATT requires nothing of the arrival
    for (const e of n.emptySections) expect(n.missingElements).toContain(e.element);
  });

  it('does not prompt for an empty section whose element was said, and read, in a line placed elsewhere', () => {
    const rest = ' Pt is a 40 yo male complaining of back pain. BP 130/80, HR 80, RR 16, SpO2 98%. Transported emergent to Mercy.';
    const said = draatt(`Medic 7 dispatched at 0912 for back pain, responded non emergent.${rest}`);
    expect(said.sections.find((s) => s.key === 'response')?.sentences).toEqual([]);
    expect(said.missingElements).not.toContain('response_mode');
    // Not said at all (the mode said is the transport's): the empty section is still prompted.
    const unsaid = draatt(`Medic 7 dispatched at 0912 for back pain.${rest}`);
    expect(unsaid.missingElements).toContain('response_mode');
  });
});

describe('composeNarrative: prompts only for what is missing', () => {
  const missingOf = (text: string) => composeNarrative(docsOf(text), v1('DRAATT')).missingElements;

  it('reads the destination and the condition at the hand-off from the lines placed in the transport, in any words', () => {
    const call = (...closing: string[]) =>
      missingOf(
        [
          'Medic 4 dispatched at 0701 for a fall. Responded emergent. Arrived 0712, 80 yo female on the floor.',
          'Pt complains of left hip pain. BP 150/88, HR 96, RR 18, SpO2 97% RA. Fentanyl 50 mcg IV at 0720, pain 8 to 4.',
          ...closing,
        ].join(' '),
      );
    // A place named after "to" in the transport, with a verb no table lists; the condition said in the closing line.
    expect(call('Flown to Carraway Regional Trauma Center, 19 minutes.', 'Rapport to infirmière Camille at 0805, madame stable.')).toEqual(
      [],
    );
    // A person after "to" is no place, and a closing line without a condition states none.
    expect(call('Moved to the cot and loaded.', 'Rapport to Dr. Camille at 0805, daughter notified.')).toEqual([
      'destination',
      'condition_at_transfer',
    ]);
  });

  it('sees a chief complaint stated without a complaint verb', () => {
    expect(missingOf('Dispatched at 1000 for a fall. 80 yo female with right hip pain after tripping on a rug.')).not.toContain(
      'chief_complaint',
    );
    expect(missingOf('Dispatched at 1000 for a sick person. Pt found confused and shivering in her yard, 76 yo female.')).not.toContain(
      'chief_complaint',
    );
  });

  it('sees a chief complaint said as a condition, a reason for transfer, or no complaint at all', () => {
    for (const text of [
      'Dispatched at 2310 for trouble breathing. 47 y/o F asthmatic, out of her inhaler, cannot finish sentences.',
      'Interfacility transfer dispatched at 1505. 73 year old woman with urosepsis, on antibiotics since yesterday.',
      'Lift assist at 0615. 84 yo female slid off the edge of the bed, denies hitting her head, denies pain anywhere.',
      'Dispatched at 0830 for a transfer. He is a 41-year-old male, medically cleared, being transferred for inpatient psychiatric care.',
      'Dispatched at 0900 to a residence. 86 yo female reports feeling tired for a week but has no other complaints.',
    ])
      expect(missingOf(text), text).not.toContain('chief_complaint');
    // A history is not a complaint.
    expect(missingOf('Dispatched at 0935 for a sick person. 45 yo female with a history of migraines. Alert and oriented.')).toContain(
      'chief_complaint',
    );
  });

  it('sees a destination after "en route to", "arrived at" and a bare hospital name', () => {
    expect(missingOf('En route to Lakeside Hospital, pt resting.')).not.toContain('destination');
    expect(missingOf('Arrived at County General at 1140.')).not.toContain('destination');
    expect(missingOf('Transported emergent to Mercy.')).not.toContain('destination');
  });

  it('sees a destination said as where the hand-off happened ("At St. Luke\'s 1012, care to neuro ICU RN")', () => {
    const ift = 'Unit 17 IFT dispatched 0915. Non-emergent response. 81 yo F, fall at home, GCS 15.';
    expect(missingOf(`${ift} At St. Luke's 1012, care to neuro ICU RN Tomás, pt unchanged.`)).not.toContain('destination');
    expect(missingOf(`${ift} At Mercy Regional at 1012, report to the charge RN.`)).not.toContain('destination');
    // No place named: still asked.
    expect(missingOf(`${ift} At 1012, care to neuro ICU RN Tomás, pt unchanged.`)).toContain('destination');
    expect(missingOf(`${ift} At the scene 1012, care to neuro ICU RN Tomás.`)).toContain('destination');
    // Not a facility by its name, or a hand-off to another crew.
    for (const line of ['At ED 0312, care to RN Smith.', 'At Triage 0312, report given to the triage nurse.'])
      expect(missingOf(`${ift} ${line}`), line).toContain('destination');
    expect(missingOf(`${ift} At Walgreens 0312, care transferred to Medic 12.`)).toContain('destination');
    expect(missingOf(`${ift} At Mercy General 0312, care transferred to Medic 12.`)).toContain('destination');
  });

  it('sees the condition at transfer in either word order', () => {
    expect(missingOf('Transported to Riverside Hospital, care to charge nurse, pt stable.')).not.toContain('condition_at_transfer');
    expect(missingOf('Care transferred to the ED nurse, patient stable at transfer.')).not.toContain('condition_at_transfer');
    expect(missingOf('Pt stable at the time of transfer to the ED nurse at Riverside Hospital.')).not.toContain('condition_at_transfer');
  });

  it('never asks to document the treatment when interventions were stated', () => {
    expect(missingOf('Pillow splint to the right leg. Transported to Riverside Hospital.')).not.toContain('treatment');
    expect(missingOf('Assisted to a position of comfort, reassurance given. Transported to Riverside Hospital.')).not.toContain(
      'treatment',
    );
  });

  it('asks neither for destination nor condition when a resuscitation was terminated', () => {
    const n = missingOf(
      'Dispatched at 0300 for cardiac arrest. Responded emergent. 70 yo male in asystole. CPR ' +
        'continued, epi 1 mg IO at 0310. Rhythm remained asystole. Efforts terminated at 0330, pt left ' +
        'with PD.',
    );
    expect(n).not.toContain('destination');
    expect(n).not.toContain('condition_at_transfer');
  });

  it('counts repeat vitals after a treatment as its documented response', () => {
    const text =
      'Dispatched at 1100 for low sugar. Responded emergent. 60 yo male, confused. BGL 38, BP 130/80, ' +
      'HR 100, RR 18, SpO2 98%. Glucagon 1 mg IM at 1105. Recheck at 1120 BGL 96. Transported to Mercy ' +
      'Hospital, pt stable at transfer.';
    expect(missingOf(text)).not.toContain('treatment_response');
    expect(missingOf(text.replace(' Recheck at 1120 BGL 96.', ''))).toContain('treatment_response');
  });

  it('reads a dispatch time said without "at"', () => {
    const facts = (text: string) =>
      composeNarrative(docsOf(text), {
        version: 1,
        definition: { ...BUILTIN_TEMPLATES.DRAATT, required: [{ element: 'dispatch_time', when: 'always' }] },
      }).missingElements;
    expect(facts('Medic 4 toned out 1418 for palpitations.')).toEqual([]);
    expect(facts('0633, Medic 2 paged for an unresponsive diabetic.')).toEqual([]);
    expect(facts('Medic 4 dispatched for palpitations.')).toEqual(['dispatch_time']);
  });
});

describe('vitals named as taken after a treatment', () => {
  const sectionOf = (text: string, sentence: string) =>
    composeNarrative(docsOf(text), v1('DRAATT')).sections.find((s) => s.sentences.some((x) => x.text.includes(sentence)))?.key;
  const CALL = 'Dispatched at 0130 for a stabbing. Responded emergent. 30 yo M with a stab wound to the right thigh, bleeding heavily. ';
  const AFTER = ' Two 18-gauge IVs were established. Transported to Mercy.';

  it('files "vitals after tourniquet application" and "after splint placement" under Treatment', () => {
    const text =
      `${CALL}A tourniquet was applied high and tight on the right thigh at 0142, with the bleeding stopped. ` +
      `Vitals after tourniquet application: BP 96/58, HR 126, RR 24, SpO2 98% on room air; skin pale and diaphoretic.${AFTER}`;
    expect(sectionOf(text, 'BP 96/58')).toBe('treatment');
    const splint =
      'Dispatched at 0130 for an ankle injury. Responded emergent. 30 yo M who rolled his right ankle, deformity noted. ' +
      'A SAM splint was applied to the right ankle at 0145 with good distal pulses after. Vitals after splint placement: ' +
      'BP 124/80, HR 96, RR 18, SpO2 99% on room air; skin warm and dry. Ice pack applied to the ankle. Transported to Mercy.';
    expect(sectionOf(splint, 'BP 124/80')).toBe('treatment');
  });

  it('keeps vitals before any treatment, "after" the injury, or after someone else\'s care under Assessment', () => {
    const before =
      `${CALL}Vitals after the stabbing: BP 96/58, HR 126, RR 24, SpO2 98% on room air; skin pale and diaphoretic. ` +
      `A tourniquet was applied high and tight on the right thigh at 0142.${AFTER}`;
    expect(sectionOf(before, 'BP 96/58')).toBe('assessment');
    const police =
      `${CALL}Police had applied a tourniquet before we arrived. ` +
      `Vitals after tourniquet application: BP 96/58, HR 126, RR 24, SpO2 98% on room air; skin pale and diaphoretic.${AFTER}`;
    expect(sectionOf(police, 'BP 96/58')).toBe('assessment');
  });

  it('does not count vitals taken after a device as the response to a drug given later', () => {
    const missingOf = (text: string) => composeNarrative(docsOf(text), v1('DRAATT')).missingElements;
    const text =
      `${CALL}A tourniquet was applied high and tight on the right thigh at 0142, and a pressure dressing over it. ` +
      'Vitals after tourniquet application: BP 96/58, HR 126, RR 24, SpO2 98% on room air; skin pale and diaphoretic. ' +
      'Two 18-gauge IVs were established, and TXA 1 g IV was started at 0151 over ten minutes. Transported to Mercy.';
    expect(missingOf(text)).toContain('treatment_response');
    // A reassessment after the drug is its response.
    expect(missingOf(text.replace(' Transported', ' Repeat vitals at 0158 BP 102/64, HR 118. Transported'))).not.toContain(
      'treatment_response',
    );
  });

  // The rules' own answer: a call-sequence model that knows no words and no stage order leaves it as it is.
  const RULES_ONLY: SectionSequenceModel = {
    trainedOn: { sets: [], dictations: 0, sentences: 0 },
    features: {},
    totals: [0, 0, 0, 0, 0, 0],
    vocabulary: 1,
    transitions: [0, 1, 2, 3, 4, 5].map(() => [1, 1, 1, 1, 1, 1]),
  };
  const ruleSectionOf = (text: string, sentence: string) =>
    composeNarrative(docsOf(text), v1('DRAATT'), { sequenceModel: RULES_ONLY }).sections.find((s) =>
      s.sentences.some((x) => x.text.includes(sentence)),
    )?.key;

  it('files vitals named as taken "following" or "post" a treatment by its noun ("following sedation") under Treatment', () => {
    const AGITATED =
      'Dispatched at 0212 for an agitated male. Responded emergent. 40 yo M combative in the hallway, unable to obtain vitals. ' +
      'Ketamine 250 mg IM was given to the left thigh at 0221. ';
    const END = ' Transported to County.';
    for (const said of [
      'Vitals following sedation were BP 142/88, HR 104, RR 18, SpO2 96% on room air.',
      'Post-sedation vitals BP 142/88, HR 104, RR 18, SpO2 96%.',
      'Following the ketamine his BP was 142/88, HR 104, RR 18, SpO2 96%.',
    ])
      expect(ruleSectionOf(`${AGITATED}${said}${END}`, '142/88'), said).toBe('treatment');
    const shocked =
      'Dispatched at 0900 for palpitations. Responded emergent. 61 yo F with a narrow complex tachycardia at 210, BP 78/40. ' +
      'Synchronized cardioversion at 100 J at 0914. Vitals following cardioversion BP 112/70, HR 96, sinus rhythm.' +
      END;
    expect(ruleSectionOf(shocked, '112/70')).toBe('treatment');
  });

  it('keeps vitals "following" the injury or before any treatment under Assessment', () => {
    const fall =
      'Dispatched at 0130 for a fall. Responded emergent. 80 yo F on the floor. Vitals following the fall BP 150/90, HR 88, RR 16. ' +
      'C-collar applied. Transported to Mercy.';
    expect(ruleSectionOf(fall, '150/90')).toBe('assessment');
    const seizure =
      'Dispatched at 0130 for a seizure. Responded emergent. 30 yo M postictal. Vitals following the seizure BP 150/90, HR 118. ' +
      'Transported to Mercy.';
    expect(ruleSectionOf(seizure, '150/90')).toBe('assessment');
  });

  it('keeps vitals "following" a treatment given by someone else, elsewhere or before the call under Assessment', () => {
    for (const [before, said] of [
      ['Dispatched for hypoglycemia. Responded emergent. 60 yo M. O2 at 1410. ', 'Following glucagon by his wife, BGL 45.'],
      ['Dispatched for weakness. Responded emergent. 70 yo F. O2 at 1410. ', 'Following fluids at the nursing home BP 90/60.'],
      ['Dispatched for chest pain. Responded emergent. 70 yo M. O2 at 1410. ', 'Following the nitro the urgent care gave, BP 90/60.'],
      [
        'Dispatched for AMS. Responded emergent. 60 yo F. O2 at 1410. ',
        'She had a colonoscopy this morning; following sedation she has been drowsy, BP 90/50.',
      ],
      ['Dispatched for palpitations. Responded emergent. 60 yo M. O2 at 1410. ', 'Following cardioversion at the ED last week, HR was 70.'],
      ['Dispatched for SOB. Responded emergent. 60 yo M. O2 at 1410. ', 'He is post intubation from a surgery last week, HR 100.'],
    ] as const) {
      const text = `${before}${said} D10 at 1415. Transported to Mercy.`;
      expect(ruleSectionOf(text, said), said).toBe('assessment');
    }
  });

  it('counts vitals after a device as its response when no drug follows', () => {
    const missingOf = (text: string) => composeNarrative(docsOf(text), v1('DRAATT')).missingElements;
    expect(missingOf('placed on NRB at 15 lpm. Sat 99 after NRB application.')).not.toContain('treatment_response');
  });
});

describe('a closing word said alone as the last line', () => {
  const placedTexts = (text: string) =>
    composeNarrative(docsOf(text), { version: 1, definition: { ...BUILTIN_TEMPLATES.DRAATT, style: 'verbatim' } }).sections.flatMap((s) =>
      s.sentences.map((x) => x.text),
    );
  it('leaves "Done.", "Okay, done." and "Clear." out when they end the dictation: the speaker signs off', () => {
    for (const last of ['Done.', 'Okay, done.', 'Clear.', 'Alright, all done.'])
      expect(placedTexts(`${COMPLETE} ${last}`), last).not.toContain(last);
  });
  it('keeps them where they answer the line before, and a finding said as the last line', () => {
    const text = COMPLETE.replace('Lung sounds reveal diffuse wheezing.', 'Lung sounds. Clear.');
    expect(placedTexts(text)).toContain('Clear.');
    expect(placedTexts(`${COMPLETE} Lungs clear.`)).toContain('Lungs clear.');
  });
  it('keeps a last "Clear." or "Done." that answers the finding or treatment said just before it', () => {
    const body = COMPLETE.split(/(?<=\.) (?=Transported|Care)/)[0];
    for (const [line, last] of [
      ['Reassessed lung sounds en route.', 'Clear.'],
      ['Rechecked the airway.', 'Clear.'],
      ['C-spine.', 'Clear.'],
      ['Neb treatment en route.', 'Finished.'],
    ])
      expect(placedTexts(`${body} ${line} ${last}`), line).toContain(last);
  });
});

describe('what the patient told the crew after treatment, said with "now"', () => {
  const sectionOf = (text: string, sentence: string) =>
    composeNarrative(docsOf(text), { version: 1, definition: { ...BUILTIN_TEMPLATES.DRAATT, style: 'verbatim' } }).sections.find((s) =>
      s.sentences.some((x) => x.text === sentence),
    )?.key;
  const CALL = [
    'Medic 4 was dispatched at 0210 for an unconscious person.',
    'We responded emergent.',
    'On arrival we found a male on the floor, breathing four times a minute, pinpoint pupils.',
    'We gave Narcan 2 milligrams intranasal at 0218.',
  ];
  it('keeps the history or complaint the patient reports with "now" in the assessment when no vitals are said', () => {
    for (const said of [
      'He told us his name, said he used heroin, and now he just feels sick to his stomach.',
      'He said he felt fine, no complaints now, just embarrassed.',
    ])
      expect(sectionOf([...CALL, said, 'Transported to Mercy.'].join(' '), said), said).toBe('assessment');
  });
  it('still reads what the patient says has changed since the treatment, said with "now", as the response', () => {
    for (const said of [
      'He says he can breathe easier now.',
      'Patient denies chest pain now.',
      'He says he is no longer dizzy now.',
      'He told us it is now radiating to the left arm.',
      'Says he is now able to move his arm.',
    ])
      expect(sectionOf([...CALL, said, 'Transported to Mercy.'].join(' '), said), said).toBe('treatment');
  });
  it('still reads a re-check said with "now" as the response: vitals, or no report of the patient', () => {
    for (const said of ['He said the pain was a 4 now, pressure 128 over 80.', 'Now breathing 14 a minute on his own.'])
      expect(sectionOf([...CALL, said, 'Transported to Mercy.'].join(' '), said), said).toBe('treatment');
  });
});

describe('a number said alone, cut from its line, is never dropped', () => {
  it.each([
    ['Albuterol neb started at 1342. 2.5 mg. Transported to Mercy.', '2.5 mg', 'treatment'],
    ['Placed on a nonrebreather. 15 L. Transported to Mercy.', '15 L', 'treatment'],
    ['Checked a sugar. 134. Transported to Mercy.', '134', 'assessment'],
    ['Gave Zofran IV. 4 mg. Transported to Mercy.', '4 mg', 'treatment'],
    ['BP 150/90, HR 88. 97%. Transported to Mercy.', '97%', 'assessment'],
  ])('%s', (said, value, section) => {
    const n = composeNarrative(docsOf(said), v1('DRAATT'));
    const placed = n.sections.find((s) => s.sentences.some((x) => x.text.includes(value)));
    expect(placed?.key).toBe(section);
  });
  it('a sign-off with no number is still left out', () => {
    const n = composeNarrative(docsOf('Transported to Mercy. Care transferred to the ED nurse. Okay, done.'), v1('DRAATT'));
    expect(n.text).not.toMatch(/done/i);
  });
});

describe('a radio code said alone is no number cut from its line', () => {
  it.each([
    'Transported to Mercy without incident. Care transferred to RN. 10-4.',
    'Dispatched at 0312 for a fall. 10-4. Arrived at 0320. Transported to Mercy.',
    'Transported to Mercy. 10-8.',
    'Dispatched at 0312 for a fall. Arrived at 0320. Pt on the floor. 10-7. Transported to Mercy.',
  ])('%s', (said) => {
    expect(composeNarrative(docsOf(said), v1('DRAATT')).text).not.toMatch(/10-\d/);
  });
});
