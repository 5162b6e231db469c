import {
  DICTATION_REASON_MESSAGES,
  IN_PIPELINE_STATUSES,
  type DictationStatus,
  type DictationStatusReason,
  type StoredDictationStatus,
} from '@medicdraft/contracts';
import type { GateDecision, GateView } from '@medicdraft/platform';
import type { DictationRecord, DictationRowFilter } from '../dictation.repository.js';

/** The tenant's gate for each kind's next pipeline step: audio is PHI work, synthetic text is not. */
export type GateHolds = Readonly<Record<DictationRecord['kind'], GateDecision>>;

export function gateHoldsFor(gates: GateView, tenantId: string): GateHolds {
  return { audio: gates.decide(tenantId, { phi: true }), text: gates.decide(tenantId, { phi: false }) };
}

const KINDS: readonly DictationRecord['kind'][] = ['audio', 'text'];
const inPipeline = (s: StoredDictationStatus) => (IN_PIPELINE_STATUSES as readonly string[]).includes(s);

export interface DisplayedStatus {
  status: DictationStatus;
  statusReason?: DictationStatusReason;
  statusMessage?: string;
}

/**
 * The status a caller sees: `deleted` once deleted; `halted` (with the gate's reason) while the
 * next step of a dictation still in the pipeline may not run; otherwise the stored lifecycle, with
 * the failure code and its fixed message when `failed`.
 */
export function displayedStatus(
  d: Pick<DictationRecord, 'status' | 'kind' | 'lifecycle' | 'lifecycleReason'>,
  holds: GateHolds,
): DisplayedStatus {
  if (d.status === 'deleted') return { status: 'deleted' };
  const hold = holds[d.kind];
  if (inPipeline(d.lifecycle) && !hold.allowed) return withReason('halted', hold.reason);
  if (d.lifecycle === 'failed' && d.lifecycleReason !== null) return withReason('failed', d.lifecycleReason);
  return { status: d.lifecycle };
}

function withReason(status: DictationStatus, reason: DictationStatusReason): DisplayedStatus {
  return { status, statusReason: reason, statusMessage: DICTATION_REASON_MESSAGES[reason] };
}

/** The rows that `displayedStatus` shows as `status` under these holds (the list's status filter). */
export function rowFilterFor(status: DictationStatus, holds: GateHolds): DictationRowFilter {
  if (status === 'deleted') return { storage: 'deleted' };
  const held = KINDS.filter((k) => !holds[k].allowed);
  if (status === 'halted') return { storage: 'stored', lifecycle: IN_PIPELINE_STATUSES, kinds: held };
  return { storage: 'stored', lifecycle: [status], kinds: inPipeline(status) ? KINDS.filter((k) => holds[k].allowed) : KINDS };
}
