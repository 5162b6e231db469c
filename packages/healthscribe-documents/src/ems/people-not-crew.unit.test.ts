import { describe, expect, it } from 'vitest';
import { extractEmsFacts, splitSentences } from '../index.js';
import { CARE_STAFF, FAMILY, OTHER_RESPONDERS, OTHERS_AT_SCENE, PEOPLE_NOT_CREW } from './people-not-crew.js';
import { isCrewAction } from './treatment-extractor.js';
import { wordMatcher } from './word-table.js';

/**
 * The people who are not the crew are one set of tables, read by the age reader, the run-on splitter and the treatment
 * extractor (and, through the package index, by the narrative's element checks). Each case names someone a site's own list
 * once left out, so it fails if that site stops reading the shared table.
 */
const facts = (...sentences: string[]) => extractEmsFacts(sentences.map((content, i) => ({ id: `s${i + 1}`, content })));
const age = (content: string) => facts(content).context.find((c) => c.type === 'PATIENT_AGE')?.value;
const meds = (sentence: string) => facts(sentence).medications.map((m) => m.name);
const startsPiece = (pieces: readonly string[], words: string) => pieces.some((p) => p.startsWith(words));

describe('the tables of people other than the crew', () => {
  it('matches each person as a whole word, and never the crew', () => {
    const person = wordMatcher(PEOPLE_NOT_CREW);
    for (const said of ['grandson', 'grandkids', 'Neighbour', 'co-worker', 'coworker', 'bystanders', 'PD', 'officers', 'midwife'])
      expect(person.test(said), said).toBe(true);
    for (const said of ['partner', 'medic', 'grand mal', 'sonogram', 'firefighter', 'staffed', 'mummy'])
      expect(person.test(said), said).toBe(false);
  });
  it('is the union of the tables by who they are', () => {
    expect(PEOPLE_NOT_CREW).toEqual([...FAMILY, ...OTHERS_AT_SCENE, ...OTHER_RESPONDERS, ...CARE_STAFF]);
  });
});

describe('each site reads the shared table', () => {
  it('age: another person named just before "she is" keeps the number theirs', () => {
    expect(age('female her mama she is 50 name is carol called')).toBeUndefined();
    expect(age('pt is a female she is 58 hx of copd')).toBe('58 years');
  });
  it('run-on: what someone else gave stays with them', () => {
    const pieces = splitSentences('she has been on amoxicillin for three days for an ear infection her grandson gave her motrin at six');
    expect(startsPiece(pieces, 'gave her motrin')).toBe(false);
    expect(meds(pieces.join(' '))).not.toContain('ibuprofen');
  });
  it('run-on: care someone else did stays with them', () => {
    const pieces = splitSentences(
      'baby born in the bathroom at 0412 prior to our arrival mom says her sister dried and stimulated the baby',
    );
    expect(startsPiece(pieces, 'dried and stimulated')).toBe(false);
  });
  it('treatment: a drug someone else gave right before is not the crew’s', () => {
    const line = 'Toned at 1347 to the park for an overdose, bystander gave Narcan.';
    expect(isCrewAction(line, line.indexOf('Narcan'))).toBe(false);
    expect(meds('Called for chest pain, her aide gave aspirin 324 mg at 1150.')).not.toContain('aspirin');
  });
  it('treatment: a care step done "by" family is not the crew’s', () => {
    const line = 'baby dried by aunt, skin to skin with mom';
    expect(isCrewAction(line, line.indexOf('dried'))).toBe(false);
  });
});
