import { createSyntheticDocuments, parseClinicalDocument, parseTranscript } from '@medicdraft/healthscribe-documents';
import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../templates/builtin-templates.js';
import { CHANGE_STATED } from './change-words.js';
import { composeNarrative } from './compose-narrative.js';

/**
 * Prompts only when the dictation gives no evidence of an element, and sections placed by the
 * call's timeline when a sentence's own words are not enough.
 */
const compose = (...sentences: string[]) => {
  const raw = createSyntheticDocuments(sentences.join(' '));
  const docs = { transcript: parseTranscript(raw.transcript), clinicalDocument: parseClinicalDocument(raw.clinicalDocument) };
  return composeNarrative(docs, { version: 1, definition: { ...BUILTIN_TEMPLATES.DRAATT, style: 'verbatim' } });
};
const sectionOf = (n: ReturnType<typeof compose>, text: string) => n.sections.find((s) => s.sentences.some((x) => x.text === text))?.key;

describe('the call timeline places lines whose own words are not enough', () => {
  it('takes the line before the response for the dispatch and the next timed line for the arrival', () => {
    const n = compose(
      'M6, 0402, cardiac arrest, CPR in progress by family.',
      'Hot.',
      'OS 0409, 70s M supine on bedroom floor, son doing compressions.',
      'Pulseless, apneic, monitor VF.',
    );
    expect(sectionOf(n, 'M6, 0402, cardiac arrest, CPR in progress by family.')).toBe('dispatch');
    expect(sectionOf(n, 'OS 0409, 70s M supine on bedroom floor, son doing compressions.')).toBe('arrival');
    expect(n.missingElements).not.toContain('dispatch_nature');
    expect(n.missingElements).not.toContain('dispatch_time');
  });

  it('reads a chatty opening the same way', () => {
    const n = compose(
      'We got called at about 0620 to the underpass on 5th for a man down.',
      'Went in non-emergency.',
      'When we pulled up at 0628 there was a guy lying on cardboard, soaked, shivering pretty hard.',
    );
    expect(sectionOf(n, 'We got called at about 0620 to the underpass on 5th for a man down.')).toBe('dispatch');
    expect(sectionOf(n, 'When we pulled up at 0628 there was a guy lying on cardboard, soaked, shivering pretty hard.')).toBe('arrival');
  });

  it('leaves a dictation that has its own dispatch line alone', () => {
    const n = compose('Medic 3 dispatched 0745 for a fall.', 'Responded non-emergent.', 'Pt 0750 complains of hip pain.');
    expect(sectionOf(n, 'Pt 0750 complains of hip pain.')).toBe('assessment');
  });
});

describe('the response to a medication is present when any later line states a change', () => {
  it('reads "Pain 8 to 4." and "More alert after ten minutes" as the response', () => {
    for (const after of [
      'Pain 8 to 4.',
      'More alert after ten minutes, crying appropriately.',
      'Improved, speaking full sentences.',
      // An arrow between the score and what it became, as written in shorthand.
      'Pain 8 → 4/10 at 0345.',
      'Pain 8/10 -> 4/10.',
      // The pain's score after some minutes without its article, and a symptom said gone.
      'After ten minutes pain is 4 of 10.',
      'She not vomit anymore after.',
      'No more vomiting after that.',
      'Pain level 8 to 4 after the fentanyl.',
      'Sugar 38 -> 145 mg/dL.',
    ]) {
      const n = compose('Fentanyl 50 mcg IV at 0335.', after);
      expect(n.missingElements, after).not.toContain('treatment_response');
    }
  });

  it('still prompts when nothing after the medication says how the patient responded', () => {
    // A dose, a volume or a room stepped up is no response ("NS 500 -> 1000 ml", "fentanyl 50 -> 100 mcg", "room 12 -> 14").
    for (const after of [
      'NS 500 -> 1000 ml.',
      'Fentanyl 50 -> 100 mcg.',
      'Moved from room 12 -> 14.',
      'IV 18 -> 20 g after a failed attempt.',
    ])
      expect(compose('Zofran 4 mg IV at 0335.', after).missingElements, after).toContain('treatment_response');
    // Nor a symptom gone in the history.
    for (const after of ['He has not had seizures anymore since the med change.', 'Patient states no more vomiting since last night.'])
      expect(compose('Zofran 4 mg IV at 0335.', after).missingElements, after).toContain('treatment_response');
    // A habit given up is no response: "he does not drink anymore".
    expect(compose('Zofran 4 mg IV at 0335.', 'He does not drink anymore, quit last year.').missingElements).toContain(
      'treatment_response',
    );
    expect(compose('BP 120/80, pain 8 to 4 per wife earlier.', 'Fentanyl 50 mcg IV at 0335.').missingElements).toContain(
      'treatment_response',
    );
    // The condition at the hand-off is its own element, not the response to the medication.
    const handoff = compose(
      'Zofran 4 mg IV at 1314.',
      'Transported to General Hospital.',
      'Care transferred to the ED nurse, condition unchanged.',
    );
    expect(handoff.missingElements).toContain('treatment_response');
  });
});

describe('the time of a medication', () => {
  it('is present when a clock time follows the route or the time is said in words', () => {
    expect(compose('Epinephrine 0.3 milligrams intramuscular, right thigh, 1240.', 'Hives resolved.').missingElements).not.toContain(
      'treatment_time',
    );
    expect(compose('Benadryl fifty milligrams IV push at twelve forty-eight.', 'Hives resolved.').missingElements).not.toContain(
      'treatment_time',
    );
  });

  it('is prompted when no time is said', () => {
    expect(compose('Benadryl 50 mg IV push.', 'Hives resolved.').missingElements).toContain('treatment_time');
  });
});

describe('a change stated, read alone', () => {
  it('takes the pain after some minutes only with its score or verb, and a score between doses or rooms not at all', () => {
    for (const t of ['After 10 minutes pain is 4 of 10.', 'after ten minutes pain 4/10', 'GCS 8 -> 14', 'Pain level 8 to 4.'])
      expect(CHANGE_STATED.test(t), t).toBe(true);
    for (const t of [
      'After 10 minutes pain medication was offered again.',
      'NS 500 -> 1000 ml.',
      'Room 12 -> 14.',
      'Fentanyl 50 to 100 mcg.',
    ])
      expect(CHANGE_STATED.test(t), t).toBe(false);
  });
});
