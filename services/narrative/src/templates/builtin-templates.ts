import type { NarrativeTemplate } from '@medicdraft/contracts';
import type { TemplateDefinition, TemplateRule } from './template-definition.js';

/**
 * The required elements of an EMS narrative, shared by the four built-in formats: dispatch nature,
 * response mode, age/sex, chief complaint, a full set of vitals, treatments with dose/route/time
 * and the response to them, destination and condition at transfer. Destination and condition are
 * required only when the patient was transported (not after a refusal); a "no treatment needed"
 * statement satisfies `treatment`.
 */
const REQUIRED: TemplateRule[] = [
  { element: 'dispatch_nature', when: 'always' },
  { element: 'response_mode', when: 'always' },
  { element: 'patient_age', when: 'always' },
  { element: 'patient_sex', when: 'always' },
  { element: 'chief_complaint', when: 'always' },
  { element: 'vitals', when: 'always' },
  { element: 'treatment', when: 'if_transported' },
  { element: 'treatment_dose', when: 'if_medication_given' },
  { element: 'treatment_route', when: 'if_medication_given' },
  { element: 'treatment_time', when: 'if_medication_given' },
  { element: 'treatment_response', when: 'if_medication_given' },
  { element: 'destination', when: 'if_transported' },
  { element: 'condition_at_transfer', when: 'if_transported' },
];

/**
 * DRAATT also asks for the dispatch time: its first section is "when and for what the unit was
 * sent". Changing a built-in reaches existing tenants as their template's next version (see
 * template.repository.ts), never by rewriting the version their narratives were composed with.
 */
const DRAATT_REQUIRED: TemplateRule[] = [REQUIRED[0] as TemplateRule, { element: 'dispatch_time', when: 'always' }, ...REQUIRED.slice(1)];

const VITALS: TemplateDefinition['vitalsFullSet'] = ['bp', 'hr', 'rr', 'spo2'];

export const BUILTIN_TEMPLATES: Readonly<Record<NarrativeTemplate, TemplateDefinition>> = {
  DRAATT: {
    name: 'DRAATT',
    sections: [
      { key: 'dispatch', title: 'Dispatch', phases: ['dispatch'] },
      { key: 'response', title: 'Response', phases: ['response'] },
      { key: 'arrival', title: 'Arrival', phases: ['arrival'] },
      { key: 'assessment', title: 'Assessment', phases: ['chief_complaint', 'history', 'exam', 'impression'] },
      { key: 'treatment', title: 'Treatment', phases: ['treatment'] },
      { key: 'transport', title: 'Transport', phases: ['transport'] },
    ],
    required: DRAATT_REQUIRED,
    vitalsFullSet: VITALS,
  },
  DCHART: {
    name: 'DCHART',
    sections: [
      { key: 'dispatch', title: 'Dispatch', phases: ['dispatch', 'response', 'arrival'] },
      { key: 'chief_complaint', title: 'Chief complaint', phases: ['chief_complaint'] },
      { key: 'history', title: 'History', phases: ['history'] },
      { key: 'assessment', title: 'Assessment', phases: ['exam', 'impression'] },
      { key: 'rx', title: 'Rx', phases: ['treatment'] },
      { key: 'transport', title: 'Transport', phases: ['transport'] },
    ],
    required: REQUIRED,
    vitalsFullSet: VITALS,
  },
  CHART: {
    name: 'CHART',
    sections: [
      { key: 'chief_complaint', title: 'Chief complaint', phases: ['chief_complaint'] },
      { key: 'history', title: 'History', phases: ['dispatch', 'response', 'arrival', 'history'] },
      { key: 'assessment', title: 'Assessment', phases: ['exam', 'impression'] },
      { key: 'rx', title: 'Rx', phases: ['treatment'] },
      { key: 'transport', title: 'Transport', phases: ['transport'] },
    ],
    required: REQUIRED,
    vitalsFullSet: VITALS,
  },
  SOAP: {
    name: 'SOAP',
    sections: [
      { key: 'subjective', title: 'Subjective', phases: ['dispatch', 'response', 'chief_complaint', 'history'] },
      { key: 'objective', title: 'Objective', phases: ['arrival', 'exam'] },
      { key: 'assessment', title: 'Assessment', phases: ['impression'] },
      { key: 'plan', title: 'Plan', phases: ['treatment', 'transport'] },
    ],
    required: REQUIRED,
    vitalsFullSet: VITALS,
  },
};
