import type { VitalKind } from '../document-model.js';

/** Where a fact was read: a segment and a character range of its content (`end` exclusive). */
export interface FactSpan {
  segmentId: string;
  begin: number;
  end: number;
  text: string;
}

export interface VitalFact {
  kind: VitalKind;
  /** Normalised value text: `150/90`, `88`, `96`, `8/10`, `98.6`. */
  value: string;
  unit: string | null;
  name: FactSpan;
  valueSpan: FactSpan;
  unitSpan: FactSpan | null;
}

/** A medication the crew gave (history, allergies, refusals and "withheld" are not treatments). */
export interface MedicationFact {
  /** Canonical generic name, e.g. `nitroglycerin` for "nitro". */
  name: string;
  mention: FactSpan;
  dose: FactSpan | null;
  route: FactSpan | null;
  /** Normalised route code, e.g. `IV`, `SL`, `PO`. */
  routeCode: string | null;
  time: FactSpan | null;
  /** `HH:MM` of `time`. */
  clock: string | null;
}

export interface ProcedureFact {
  name: string;
  mention: FactSpan;
}

export interface TimeFact {
  clock: string;
  span: FactSpan;
}

/** EMS context types; the synthetic engine writes them as `EMS_CONTEXT` insights of this `Type`. */
export const EMS_CONTEXT_TYPES = [
  'DISPATCH_NATURE',
  'RESPONSE_MODE',
  'PATIENT_AGE',
  'PATIENT_SEX',
  'CHIEF_COMPLAINT',
  'TREATMENT_RESPONSE',
  'TRANSPORT_MODE',
  'DESTINATION',
  'CONDITION_AT_TRANSFER',
  'TRANSFER_OF_CARE',
  'REFUSAL',
  /** The patient was not transported without refusing (resuscitation terminated, released to the medical examiner). */
  'NO_TRANSPORT',
  'NO_TREATMENT',
] as const;
export type EmsContextType = (typeof EMS_CONTEXT_TYPES)[number];

export interface ContextFact {
  type: EmsContextType;
  /** Normalised value (`emergent`, `male`, `67 years`) or the phrase as dictated. */
  value: string;
  span: FactSpan;
}

/** Everything the rule-based reader found, each fact tied to the segment it came from. */
export interface EmsFacts {
  vitals: VitalFact[];
  medications: MedicationFact[];
  procedures: ProcedureFact[];
  times: TimeFact[];
  context: ContextFact[];
}

/** A regex match group → span of the segment (needs the `d` flag). */
export function spanOf(segmentId: string, content: string, match: RegExpExecArray, group: number): FactSpan | null {
  const range = match.indices?.[group];
  if (!range) return null;
  return { segmentId, begin: range[0], end: range[1], text: content.slice(range[0], range[1]) };
}
