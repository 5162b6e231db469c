import {
  GATE_IDS,
  GATES,
  PHI_MODE_LABELS,
  REQUIRED_ENV_VARS,
  renderEvidence,
  TENANT_CONTROL_IDS,
  TENANT_CONTROLS,
  type EvidenceItem,
  type GateId,
  type ReadinessView,
  type TenantGateState,
} from '@medicdraft/contracts';
import { readyCount } from './evaluate-gates.js';
import { buildReferenceSections } from './reference-sections.js';

/** The readiness screen of one tenant (contracts' `ReadinessViewSchema`): what the gateway serves and renders. */
export type { ReadinessView };

const BLOCKED_HEADLINE =
  'PHI processing is blocked. This demo remains blocked until BAAs, tenant-isolated storage, KMS, audit logging, and ' +
  'required AWS HealthScribe settings are complete.';
const ENABLED_HEADLINE = 'PHI processing is enabled. Every PHI readiness gate and tenant control is ready.';
const HALTED_HEADLINE = 'The pipeline is halted: PHI processing is paused until audit logging recovers.';

/** Gate summaries that depend on the outcome (the seed shows the blocked wording). */
const READY_SUMMARY: Partial<Record<GateId, string>> = {
  baa: 'BAA evidence is recorded. The BAA gate is satisfied.',
  phi_mode: 'PHI mode is enabled. Real PHI may be processed for this tenant.',
};

function hasLine(state: TenantGateState, gate: GateId, code: EvidenceItem['code'], ok: boolean): boolean {
  return state.gates[gate].evidence.some((e) => e.code === code && e.ok === ok);
}

export function buildReadinessView(state: TenantGateState, displayName: string): ReadinessView {
  const blockers: string[] = [];
  if (state.gates.baa.status !== 'ready') blockers.push('BAA gate is still active for this tenant.');
  if (hasLine(state, 'database', 'tenant_phi_storage_enabled', false)) blockers.push('Tenant PHI storage is disabled.');
  if (hasLine(state, 's3_storage', 'tenant_recording_storage', false)) blockers.push('Tenant-isolated recording storage is not enabled.');
  if (hasLine(state, 's3_storage', 'tenant_report_storage', false)) blockers.push('Tenant-isolated report storage is not enabled.');
  for (const name of state.missingEnv) blockers.push(`Missing environment: ${name}`);

  return {
    tenant: { id: state.tenantId, displayName },
    version: state.version,
    issuedAt: state.issuedAt,
    halted: state.halted,
    haltReasons: state.haltReasons,
    phiMode: state.phiMode,
    phiModeLabel: PHI_MODE_LABELS[state.phiMode],
    readyCount: readyCount(state.gates),
    gateCount: GATE_IDS.length,
    headline: state.halted ? HALTED_HEADLINE : state.phiMode === 'enabled' ? ENABLED_HEADLINE : BLOCKED_HEADLINE,
    blockers,
    gates: GATE_IDS.map((id) => {
      const entry = state.gates[id];
      return {
        id,
        title: GATES[id].title,
        summary: entry.status === 'ready' ? (READY_SUMMARY[id] ?? GATES[id].summary) : GATES[id].summary,
        status: entry.status,
        evidence: entry.evidence.map((e) => ({ ...e, text: renderEvidence(e) })),
        nextAction: GATES[id].nextAction,
      };
    }),
    requiredEnv: REQUIRED_ENV_VARS.map((v) => ({ ...v, configured: !state.missingEnv.includes(v.name) })),
    controls: TENANT_CONTROL_IDS.map((id) => {
      const c = TENANT_CONTROLS[id];
      return {
        id,
        title: c.title,
        category: c.category,
        status: state.controls[id],
        requirement: c.requirement,
        enforcement: c.enforcement,
      };
    }),
    ...buildReferenceSections(state),
  };
}

/**
 * Plain-text rendering of the screen's readiness part in the seed's layout (paragraphs separated
 * by blank lines), from the title down to the tenant controls. Used by tests against the seed
 * and handy for a terminal; the gateway renders HTML from the same view.
 */
export function renderReadinessText(view: ReadinessView): string {
  const blocks: string[] = ['MedicDraft Security', 'HealthScribe PHI Readiness', 'Active Tenant', view.tenant.displayName, view.headline];
  if (view.blockers.length > 0) blocks.push(view.blockers.join('\n'));
  blocks.push(
    'AWS Readiness Checklist',
    'Security gates before PHI',
    'These controls must be complete before real audio, transcripts, reports, QA findings, screenshots, or patient ' +
      'identifiers are allowed into MedicDraft.',
    `${view.readyCount}/${view.gateCount} ready\nPHI mode: ${view.phiModeLabel}`,
  );
  for (const g of view.gates) {
    blocks.push(
      g.title,
      g.summary,
      [g.status, 'Evidence', ...g.evidence.map((e) => `  • - ${e.text}`), 'Next action'].join('\n'),
      g.nextAction,
    );
  }
  blocks.push('AWS HealthScribe Requirements');
  for (const v of view.requiredEnv) blocks.push(`${v.name}\n${v.requirement}`, v.description);
  blocks.push('Required Tenant Controls');
  for (const c of view.controls) blocks.push(c.category, c.title, c.status, c.requirement, `Enforcement: ${c.enforcement}`);
  return blocks.join('\n\n');
}
