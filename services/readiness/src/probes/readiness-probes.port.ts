import type { ProbeResults } from '../gates/gate-inputs.js';

/**
 * The live evidence behind the gates (docs/architecture.md, "Gates"): buckets, KMS key, RLS,
 * data-access role, audit log group, HealthScribe. One round checks everything once. Contract for
 * implementers: `run` never rejects — every failure becomes a ProbeOutcome with a reason
 * (`unreachable`, `access_denied`, …); a check whose variable is unset reports `not_configured`;
 * every remote call is bounded by a timeout so a hung endpoint cannot stall the broadcaster; probes
 * only read (Describe/Get/List), they never create or change resources.
 */
export interface ReadinessProbes {
  run(): Promise<ProbeResults>;
}
