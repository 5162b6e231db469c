import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { composeNarrative } from './compose-narrative.js';

/**
 * Where a line goes when its own words say little: a change said once treatment began is the
 * response to it (and the vitals said right after that response continue it), an arrival at the
 * sending facility before the transport is the arrival, and a complaint named in the dispatch is
 * the presenting problem a reviewer reads.
 */
const compose = (...sentences: string[]) => {
  const raw = createSyntheticDocuments(sentences.join(' '));
  const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
  return composeNarrative(docs, { version: 1, definition: { ...BUILTIN_TEMPLATES.DRAATT, style: 'verbatim' } });
};
const sectionOf = (n: ReturnType<typeof compose>, text: string) => n.sections.find((s) => s.sentences.some((x) => x.text === text))?.key;

describe('a change said after treatment began is the response to it', () => {
  it('puts a finding said as a change under Treatment', () => {
    const n = compose('Dispatched 1001 for chest pain.', 'Nitro 0.4 mg SL at 1010.', 'Much less anxious, speaking in full sentences.');
    expect(sectionOf(n, 'Much less anxious, speaking in full sentences.')).toBe('treatment');
  });

  it('reads a finding re-checked en route, vitals after "After <treatment>" and a change said with an arrival word as the response', () => {
    const n = compose('Acetaminophen 240 mg PO at 0226.', 'Crying and consolable en route.');
    expect(sectionOf(n, 'Crying and consolable en route.')).toBe('treatment');
    expect(n.missingElements).not.toContain('treatment_response');
    const cpap = compose('CPAP 10 cmH2O at 0322.', 'After CPAP RR 24, SpO2 91%.');
    expect(sectionOf(cpap, 'After CPAP RR 24, SpO2 91%.')).toBe('treatment');
    const narcan = compose('Narcan 0.5 mg IV at 2316.', 'Pt combative after waking, police on scene.');
    expect(sectionOf(narcan, 'Pt combative after waking, police on scene.')).toBe('treatment');
  });

  it('leaves findings named with "decreased" and history told after the treatment in the assessment', () => {
    const n = compose(
      'Dispatched 1001 for a fall.',
      'IV 18 ga L AC at 1012.',
      'Decreased breath sounds on the left.',
      'States the pain began yesterday and got worse.',
    );
    expect(sectionOf(n, 'Decreased breath sounds on the left.')).toBe('assessment');
    expect(sectionOf(n, 'States the pain began yesterday and got worse.')).toBe('assessment');
  });

  it('keeps the vitals said right after the response with it, and vitals after a treatment alone in the assessment', () => {
    const n = compose('Narcan 4 mg IN at 2200.', 'She woke up after a minute.', 'BP 130/70, HR 90.');
    expect(sectionOf(n, 'She woke up after a minute.')).toBe('treatment');
    expect(sectionOf(n, 'BP 130/70, HR 90.')).toBe('treatment');
    const alone = compose('Aspirin 324 mg PO at 0910.', 'BP 150/90, HR 88.');
    expect(sectionOf(alone, 'BP 150/90, HR 88.')).toBe('assessment');
  });
});

describe('interventions said in a few words and vitals timed after them', () => {
  it('reads a chest seal, a mask with a flow and a line by its gauge and site as treatment', () => {
    const n = compose(
      'BP 102/70, HR 124, RR 28, SpO2 93% RA.',
      'Chest seal on wound 2226.',
      'NRB 15 L 2227, SpO2 97%.',
      '2 x 18 g bilat AC en route.',
    );
    expect(sectionOf(n, 'Chest seal on wound 2226.')).toBe('treatment');
    expect(sectionOf(n, 'NRB 15 L 2227, SpO2 97%.')).toBe('treatment');
    expect(sectionOf(n, '2 x 18 g bilat AC en route.')).toBe('treatment');
    expect(n.facts.medications.map((m) => m.name)).toEqual(['oxygen']);
  });

  it('takes vitals that open with their time, once treatment began, as the reassessment', () => {
    const n = compose('BP 84/52, HR 128.', 'Epi 0.3 mg IM at 1838.', 'At 1850 BP 108/70, HR 110, wheezes clearing.');
    expect(sectionOf(n, 'At 1850 BP 108/70, HR 110, wheezes clearing.')).toBe('treatment');
    expect(n.missingElements).not.toContain('treatment_response');
  });
});

describe('an interfacility call', () => {
  it('reads the request as the dispatch and reaching the sending facility as the arrival', () => {
    const n = compose(
      'IFT, requested at 0910 to move a 50 year old female from Westside Urgent Care to County General.',
      'Non-emergent response.',
      'Arrived at Westside at 0935, pt in bay 2.',
      'A&Ox4, BP 128/80, HR 84, RR 16, SpO2 98% RA.',
      'Transported non-emergent to County General, care to ICU RN, stable.',
    );
    expect(sectionOf(n, 'IFT, requested at 0910 to move a 50 year old female from Westside Urgent Care to County General.')).toBe(
      'dispatch',
    );
    expect(sectionOf(n, 'Arrived at Westside at 0935, pt in bay 2.')).toBe('arrival');
    expect(n.missingElements).not.toContain('dispatch_time');
    expect(n.missingElements).not.toContain('dispatch_nature');
  });
});

describe('the chief complaint named in the dispatch', () => {
  it('counts as stated; a dispatch that names no complaint still prompts', () => {
    const stated = compose('Dispatched 0800 for difficulty breathing.', 'Responded emergent.', 'BP 140/90, HR 100, RR 24, SpO2 91%.');
    expect(stated.missingElements).not.toContain('chief_complaint');
    const unnamed = compose('Dispatched 0800 for a sick person.', 'Responded emergent.', 'BP 140/90, HR 100, RR 24, SpO2 91%.');
    expect(unnamed.missingElements).toContain('chief_complaint');
    const down = compose('Paged 2311 for a man down at the station.', 'Code 3.', 'BP 108/70, HR 62, RR 6, SpO2 78%.');
    expect(down.missingElements).not.toContain('chief_complaint');
  });
});

describe('oxygen given without a dose', () => {
  it('prompts for the dose and the time but not for the route blow-by states', () => {
    const n = compose('Placed on her side and put on oxygen by blow-by.', 'Breathing easier after.');
    expect(n.missingElements).toEqual(expect.arrayContaining(['treatment_dose', 'treatment_time']));
    expect(n.missingElements).not.toContain('treatment_route');
  });
});
