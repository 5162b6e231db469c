import { describe, expect, it } from 'vitest';
import { deidentifyText } from './safe-harbor.js';

/**
 * Canaries: one or more of every Safe Harbor identifier class a dictation can carry, in the
 * ways medics say them. None may survive; the clinical content around them must.
 */
const CANARIES: Array<{ cls: string; sentence: string; identifiers: string[]; kept: string[] }> = [
  {
    cls: 'name',
    sentence: 'Pt is José Ramírez, 58 años, found by his wife Rose.',
    identifiers: ['José', 'Ramírez', 'Rose'],
    kept: ['58 años'],
  },
  {
    cls: 'name',
    sentence: 'Mr. John Smith complains of chest pain since 1400.',
    identifiers: ['John', 'Smith'],
    kept: ['chest pain', '1400'],
  },
  {
    cls: 'name',
    sentence: 'Señora Peña states her daughter Maria gave her aspirin 324 mg.',
    identifiers: ['Peña', 'Maria'],
    kept: ['aspirin 324 mg'],
  },
  {
    cls: 'name',
    sentence: 'Bill said he fell; Guadalupe Ortíz, the caregiver, agreed.',
    identifiers: ['Bill', 'Guadalupe', 'Ortíz'],
    kept: ['fell'],
  },
  {
    cls: 'name',
    sentence: 'Report given to Dr. Patel and RN Kowalczyk at bedside.',
    identifiers: ['Patel', 'Kowalczyk'],
    kept: ['Report given'],
  },
  {
    cls: 'location',
    sentence: 'Called to 4417 Juniper Hollow Road for a fall.',
    identifiers: ['4417', 'Juniper', 'Hollow'],
    kept: ['for a fall'],
  },
  {
    cls: 'location',
    sentence: 'Pt lives in Springfield, Cook County, zip 62704.',
    identifiers: ['Springfield', 'Cook', '62704'],
    kept: ['Pt lives in'],
  },
  {
    cls: 'location',
    sentence: "Transported to St. Luke's Medical Center, then Riverside Manor.",
    identifiers: ['Luke', 'Riverside'],
    kept: ['Transported to'],
  },
  {
    cls: 'location',
    sentence: 'MVC on Route 9 at mile marker 42, GPS 41.87811, -87.62980.',
    identifiers: ['Route 9', 'mile marker 42', '41.87811', '87.62980'],
    kept: ['MVC'],
  },
  {
    cls: 'date',
    sentence: 'DOB 03/14/1961, last seen on March 3rd, 2026, also on Tuesday.',
    identifiers: ['03/14', 'March 3', 'Tuesday'],
    kept: ['1961'],
  },
  { cls: 'dates', sentence: 'DOB 11/02/1929 per the facility sheet.', identifiers: ['11/02', '1929'], kept: ['per the facility sheet'] },
  {
    cls: 'date',
    sentence: 'Discharged 2026-01-15 and seen again 12th of February.',
    identifiers: ['01-15', '12th', 'February'],
    kept: ['2026'],
  },
  {
    cls: 'age',
    sentence: 'Pt is a 92-year-old female, 97 yo per family, F/96, 91F.',
    identifiers: ['92', '97', '96', '91F'],
    kept: ['female'],
  },
  { cls: 'ages', sentence: 'She is ninety-three years old, age 104.', identifiers: ['ninety-three', '104'], kept: ['90+'] },
  {
    cls: 'phone',
    sentence: 'Daughter reachable at (312) 555-0186 or 312.555.0199.',
    identifiers: ['555-0186', '555.0199'],
    kept: ['reachable'],
  },
  {
    cls: 'email',
    sentence: 'Family emailed records from jr.ramirez58@example.org today.',
    identifiers: ['jr.ramirez58@example.org'],
    kept: ['records'],
  },
  {
    cls: 'url',
    sentence: 'Care plan at https://portal.example.org/patients/8812 was reviewed.',
    identifiers: ['portal.example.org', '8812'],
    kept: ['was reviewed'],
  },
  {
    cls: 'ip_addresses',
    sentence: 'Monitor uploaded from 10.42.7.19 without error.',
    identifiers: ['10.42.7.19'],
    kept: ['without error'],
  },
  {
    cls: 'id',
    sentence: 'MRN 00482913, SSN 123-45-6789, Medicaid number QX7734.',
    identifiers: ['00482913', '123-45-6789', 'QX7734'],
    kept: [],
  },
  {
    cls: 'id',
    sentence: 'Incident 2026-004512, apt 4B, room 312, plate 7XKM221.',
    identifiers: ['004512', '4B', '312', '7XKM221'],
    kept: [],
  },
  {
    cls: 'record_numbers',
    sentence: 'Medic 14 responded; pacemaker serial PM-88213 noted.',
    identifiers: ['14', 'PM-88213'],
    kept: ['pacemaker'],
  },
  // Street names without a house number, interstates and facilities are geography smaller than a state.
  {
    cls: 'location',
    sentence: 'Crash on Maple Avenue near Elm Street.',
    identifiers: ['Maple', 'Avenue', 'Elm', 'Street'],
    kept: ['Crash on', 'near'],
  },
  {
    cls: 'location',
    sentence: 'MVC on I-95 southbound past Oak Blvd, then County Road 12.',
    identifiers: ['95', 'Oak', '12'],
    kept: ['southbound'],
  },
  {
    cls: 'location',
    sentence: 'Pt transported to Northwestern without incident.',
    identifiers: ['Northwestern'],
    kept: ['without incident'],
  },
  { cls: 'location', sentence: 'Pt was taken to Mercy by family.', identifiers: ['Mercy'], kept: ['by family'] },
  // A year of birth that places the person over 89 goes like any other date element.
  { cls: 'dates', sentence: 'DOB 1930.', identifiers: ['1930'], kept: ['DOB'] },
  { cls: 'dates', sentence: 'Pt born in 1930, 94 years old.', identifiers: ['1930', '94'], kept: ['born in', 'years old'] },
  // ISO date-times keep only the year.
  { cls: 'dates', sentence: 'Onset 2026-03-04T10:00Z per wife.', identifiers: ['03-04', 'T10', '10:00'], kept: ['Onset', '2026'] },
  { cls: 'dates', sentence: 'Call received 2026-03-04T10:00:00-05:00.', identifiers: ['03-04', '10:00', '05:00'], kept: ['2026'] },
  // Identifying numbers after a cue word.
  {
    cls: 'id',
    sentence: 'Her DL is S530-4412-8891, Health plan ID XEH123456789, Beneficiary number 1EG4-TE5-MK73.',
    identifiers: ['S530-4412-8891', 'XEH123456789', '1EG4-TE5-MK73'],
    kept: ['Her DL'],
  },
  {
    cls: 'id',
    sentence: 'Certificate number 55-1299, DEA number AB1234563, fax 555-201-3344, fax no. 201-3344.',
    identifiers: ['55-1299', 'AB1234563', '555-201-3344', '201-3344'],
    kept: ['Certificate number'],
  },
  {
    cls: 'id',
    sentence: "Driver's licence D1234567, license plate ABC-1234, VIN 1HGCM82633A004352, device ID AB-1234, account number 8812.",
    identifiers: ['D1234567', 'ABC-1234', '1HGCM82633A004352', 'AB-1234', '8812'],
    kept: ['license plate'],
  },
  // A name written in lower case after a person cue.
  {
    cls: 'name',
    sentence: 'patient mary jones is a 45 year old female.',
    identifiers: ['mary', 'jones'],
    kept: ['patient', 'is a 45 year old female'],
  },
  { cls: 'name', sentence: 'pt named john smith, c/o dizziness.', identifiers: ['john', 'smith'], kept: ['pt named', 'c/o dizziness'] },
  { cls: 'name', sentence: 'States her name is xochitl ruiz.', identifiers: ['xochitl', 'ruiz'], kept: ['her name is'] },
  { cls: 'name', sentence: 'Spoke with mrs brown at the door.', identifiers: ['brown'], kept: ['at the door'] },
];

describe('deidentifyText', () => {
  it.each(CANARIES)('removes every $cls canary: $sentence', ({ sentence, identifiers, kept }) => {
    const { text } = deidentifyText(sentence);
    for (const id of identifiers) expect(text, `"${id}" survived`).not.toContain(id);
    for (const k of kept) expect(text).toContain(k);
  });

  it('keeps the clinical content of a narrative with nothing to remove', () => {
    const clinical =
      'Pt found supine, A&Ox4, c/o substernal chest pain 8/10. BP 168/94, HR 104, RR 22, SpO2 93 % RA. ' +
      'Aspirin 324 mg PO and nitroglycerin 0.4 mg SL given at 1432; 18 ga IV L AC. Temp 101F. 12-lead shows STEMI.';
    const { text, redactions } = deidentifyText(clinical);
    expect(text).toBe(clinical);
    expect(Object.values(redactions).every((n) => n === 0)).toBe(true);
  });

  it('keeps clinical words, vitals, drugs and times of day in an ordinary narrative', () => {
    const clinical =
      'Pt is alert and oriented; patient denies chest pain. Patient was found supine on RA at 0815, pt ambulatory, pt nkda. ' +
      'BP 128/76, HR 88, glucose 110 mg/dL at 0830. Zofran 4 mg IV and Lasix 40 mg IV given; pt is 45, hx of MR and MS; ' +
      'intubated after DL 2 attempts. Care transferred to the ED RN.';
    const { text, redactions } = deidentifyText(clinical);
    expect(text).toBe(clinical);
    expect(Object.values(redactions).every((n) => n === 0)).toBe(true);
  });

  it('keeps sides and mixed-case clinical shorthand: "Rt", "Lt", "Bil" are not names', () => {
    const clinical = 'Rt radial pulse strong, Lt pupil sluggish. Bil lung sounds clear; Rt arm splinted.';
    const { text, redactions } = deidentifyText(clinical);
    expect(text).toBe(clinical);
    expect(Object.values(redactions).every((n) => n === 0)).toBe(true);
  });

  it('keeps the words around a doctor: "Dr" and "St" before a name are titles, not street suffixes', () => {
    expect(deidentifyText('Called Dr. Patel for orders.').text).toBe('Called [NAME] for orders.');
    expect(deidentifyText('Lives on Maple Dr near the school; Paged St. Luke ED.').text).toBe(
      'Lives on [LOCATION] near the school; Paged [LOCATION] ED.',
    );
  });

  it('reads "St." after a street name as the street, not a saint: the next sentence keeps its first word', () => {
    expect(deidentifyText('Crash on Main St. Called 911 from the scene.').text).toBe('Crash on [LOCATION]. Called 911 from the scene.');
    expect(deidentifyText("Transported to St. Luke's Medical Center.").text).not.toContain('Luke');
  });

  it('keeps a year of birth unless it shows an age over 89 in the reference year', () => {
    expect(deidentifyText('DOB 1937, born in 1961.', { referenceYear: 2026 }).text).toBe('DOB 1937, born in 1961.');
    expect(deidentifyText('DOB 1936.', { referenceYear: 2026 }).text).toBe('DOB [DATE].');
    expect(deidentifyText('DOB 03/14/1936.', { referenceYear: 2026 }).text).toBe('[DATE].');
    expect(deidentifyText('DOB 03/14/1936.', { referenceYear: 2025 }).text).toBe('[DATE] 1936.');
  });

  it('keeps the year of a date and counts what it removed by class, never the removed text', () => {
    const { text, redactions } = deidentifyText('Seen on March 3rd, 2026 by Dr. Okonkwo.');
    expect(text).toBe('Seen on [DATE] 2026 by [NAME].');
    expect(redactions).toMatchObject({ dates: 1, person_names: 1 });
  });

  it('never runs a name or a place into the next sentence', () => {
    expect(deidentifyText('Found by his wife Rose. MRN 00482913 on file.').text).toBe('Found by his wife [NAME]. MRN [ID] on file.');
    expect(deidentifyText('Transported to Mercy Hospital. Care transferred to the ED RN.').text).toBe(
      'Transported to [LOCATION]. Care transferred to the ED RN.',
    );
  });

  it('keeps non-ASCII clinical words intact (NFC)', () => {
    expect(deidentifyText('Pt de 58 años, niña de 2 años.').text).toBe('Pt de 58 años, niña de 2 años.');
  });
});
