import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { TemplateDefinitionSchema } from '../templates/template-definition.js';
import { toChartingStyle } from './charting-style.js';
import { composeNarrative } from './compose-narrative.js';

const docsOf = (text: string) => {
  const raw = createSyntheticDocuments(text);
  return { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
};

describe('charting style', () => {
  it('writes the crew as EMS after a clock time opening the line ("At 7 28 we gave …")', () => {
    expect(toChartingStyle('At 7 28 we gave a duoneb by nebulizer.')).toBe('At 7 28 EMS gave a duoneb by nebulizer.');
    expect(toChartingStyle('At 14:05 we administered aspirin.')).toBe('At 14:05 EMS administered aspirin.');
    expect(toChartingStyle('At times we gave him water.')).toBe('At times we gave him water.');
  });

  it('keeps a span a drug ran over as said, writing only a pressure with a slash', () => {
    expect(toChartingStyle('gave txa 1 gram iv at 2 21 over 10 minutes')).toBe('gave txa 1 gram iv at 2 21 over 10 minutes');
    expect(toChartingStyle('amiodarone 150 over 10 min, bp 110 over 70')).toBe('amiodarone 150 over 10 min, bp 110/70');
    // "hr" after a pressure is the heart rate, not hours.
    expect(toChartingStyle('en route bp 138 over 84 hr 90 no ectopy')).toBe('en route bp 138/84 hr 90 no ectopy');
  });

  it('charts vitals, units, routes and sides in EMS conventions', () => {
    expect(toChartingStyle('Blood pressure 168 over 94, heart rate 104, respirations 22, oxygen saturation 93 percent on room air.')).toBe(
      'BP 168/94, HR 104, RR 22, SpO2 93% on RA.',
    );
    expect(toChartingStyle('The patient is alert and oriented x4.')).toBe('Pt is A&Ox4.');
    expect(toChartingStyle('Established an 18 gauge IV in the left antecubital.')).toBe('Established an 18 ga IV in the L AC.');
    expect(toChartingStyle('Gave fentanyl 50 micrograms intranasally and ondansetron 4 milligrams intravenously.')).toBe(
      'Gave fentanyl 50 mcg IN and ondansetron 4 mg IV.',
    );
    expect(toChartingStyle('Aspirin 324 milligrams by mouth at 1432.')).toBe('Aspirin 324 mg PO at 1432.');
  });

  it('charts "respirations" as RR only where a rate follows; how the breathing sounds stays as said', () => {
    expect(toChartingStyle('Respirations of 8 and irregular, respirations twenty two en route.')).toBe(
      'RR of 8 and irregular, RR twenty two en route.',
    );
    expect(toChartingStyle('Snoring respirations, blood from the right ear.')).toBe('Snoring respirations, blood from the right ear.');
    expect(toChartingStyle('Agonal respirations noted, respirations unlabored after.')).toBe(
      'Agonal respirations noted, respirations unlabored after.',
    );
  });

  it('charts the patient as "Pt" where the patient is the subject, and the crew\'s "we" before an action as "EMS"', () => {
    expect(toChartingStyle('Patient complains of substernal chest pain.')).toBe('Pt complains of substernal chest pain.');
    expect(toChartingStyle('At 1420 the patient became more alert.')).toBe('At 1420 Pt became more alert.');
    expect(toChartingStyle("The patient's wife states he fell.")).toBe("The patient's wife states he fell.");
    expect(toChartingStyle('Patient care transferred to ED RN.')).toBe('Patient care transferred to ED RN.');
    expect(toChartingStyle('Arrived and found the patient sitting in a chair.')).toBe('Arrived and found the patient sitting in a chair.');
    expect(toChartingStyle('Care was transferred with the patient in stable condition.')).toBe(
      'Care was transferred with the patient in stable condition.',
    );
    expect(toChartingStyle('We administered 324 milligrams aspirin at 1415.')).toBe('EMS administered 324 mg aspirin at 1415.');
    expect(toChartingStyle('We transported emergent.')).toBe('EMS transported emergent.');
    // "We were", "we are", "we have": the verb would have to agree with the new subject, so the crew's words stay.
    expect(toChartingStyle('We were unable to obtain a BP.')).toBe('We were unable to obtain a BP.');
  });

  it('is lossless: every number survives in order, and words it does not know stay as said', () => {
    for (const s of [
      'Blood pressure 150 over 90, then 140 over 88 after nitro at 0912.',
      'Glucose 38, D10 250 ml IV at 0736, recheck 121.',
      'José, 58 años, alert and oriented times four.',
    ]) {
      const charted = toChartingStyle(s);
      expect(charted.match(/(?<![\p{L}\d])\d+(?:\.\d+)?/gu), s).toEqual(s.match(/(?<![\p{L}\d])\d+(?:\.\d+)?/gu));
    }
    expect(toChartingStyle('José, 58 años, alert and oriented times four.')).toBe('José, 58 años, alert and oriented times four.');
  });

  it('is the default of the composer; a template may choose verbatim, and evidence links are the same either way', () => {
    const text = 'Dispatched at 0900 for chest pain. Blood pressure 168 over 94, heart rate 104. Transported to Mercy Hospital.';
    const charted = composeNarrative(docsOf(text), { version: 1, definition: BUILTIN_TEMPLATES.DRAATT });
    const verbatim = composeNarrative(docsOf(text), { version: 1, definition: { ...BUILTIN_TEMPLATES.DRAATT, style: 'verbatim' } });
    expect(charted.text).toContain('BP 168/94, HR 104.');
    expect(verbatim.text).toContain('Blood pressure 168 over 94, heart rate 104.');
    const evidence = (n: typeof charted) => n.sections.map((s) => s.sentences.map((x) => x.evidence));
    expect(evidence(charted)).toEqual(evidence(verbatim));
    expect(TemplateDefinitionSchema.safeParse({ ...BUILTIN_TEMPLATES.DRAATT, style: 'charting' }).success).toBe(true);
    expect(TemplateDefinitionSchema.safeParse({ ...BUILTIN_TEMPLATES.DRAATT, style: 'prose' }).success).toBe(false);
  });
});
