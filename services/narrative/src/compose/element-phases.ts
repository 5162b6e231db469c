import type { NarrativeElementCode } from '@medicdraft/contracts';
import type { EmsPhase } from '@medicdraft/healthscribe-documents';

/** The call phase an element's statement belongs to (so it lands in the template's section for it). */
export const PHASE_OF_ELEMENT: Readonly<Record<NarrativeElementCode, EmsPhase>> = {
  dispatch_nature: 'dispatch',
  dispatch_time: 'dispatch',
  response_mode: 'response',
  arrival_time: 'arrival',
  patient_age: 'chief_complaint',
  patient_sex: 'chief_complaint',
  chief_complaint: 'chief_complaint',
  history_present_illness: 'history',
  past_medical_history: 'history',
  medications: 'history',
  allergies: 'history',
  mental_status: 'exam',
  vitals: 'exam',
  physical_exam: 'exam',
  assessment_impression: 'impression',
  treatment: 'treatment',
  treatment_dose: 'treatment',
  treatment_route: 'treatment',
  treatment_time: 'treatment',
  treatment_response: 'treatment',
  transport_mode: 'transport',
  destination: 'transport',
  transfer_of_care: 'transport',
  condition_at_transfer: 'transport',
};
