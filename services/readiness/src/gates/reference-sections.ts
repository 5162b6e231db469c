import {
  AUTH_RBAC_READINESS,
  AWS_RESOURCES,
  AWS_RESOURCES_TITLE,
  CHECK_STATE_LABELS,
  GATE_IDS,
  PROTECTED_DATA_CLASSES,
  PROTECTED_DATA_CLASSES_TITLE,
  READINESS_CLOSING_STATEMENT,
  renderEvidence,
  SECURITY_CONTROLS,
  SECURITY_CONTROLS_TITLE,
  SERVER_BOUNDARIES,
  SERVER_BOUNDARIES_TITLE,
  type CheckedLine,
  type CheckState,
  type EvidenceItem,
  type GateStatus,
  type ReadinessView,
  type StatusSource,
  type TenantGateState,
} from '@medicdraft/contracts';

type ReferenceSections = Pick<
  ReadinessView,
  'authReadiness' | 'securityControls' | 'dataClasses' | 'resources' | 'boundaries' | 'closingStatement'
>;
type LiveLine = ReadinessView['authReadiness']['summary'];

/**
 * The reference sections of the screen (contracts' `readiness-screen.ts`) with the tenant's live
 * state. Everything is read from the gate state the readiness engine evaluated from its probes and
 * settings, so the screen never says more than that state: a line whose evidence the state does not
 * carry is `not_checked`.
 */
export function buildReferenceSections(state: TenantGateState): ReferenceSections {
  const evidence = new Map<string, EvidenceItem>();
  for (const gate of GATE_IDS) for (const item of state.gates[gate].evidence) evidence.set(item.code, item);

  const line = (l: CheckedLine): LiveLine => {
    const found = l.checkedBy === undefined ? undefined : evidence.get(l.checkedBy);
    const st: CheckState = found === undefined ? 'not_checked' : found.ok ? 'passed' : 'failed';
    return {
      text: st === 'passed' && l.passedText !== undefined ? l.passedText : l.text,
      state: st,
      stateLabel: CHECK_STATE_LABELS[st],
      ...(found === undefined ? {} : { evidence: renderEvidence(found) }),
    };
  };
  const status = (source: StatusSource): GateStatus => {
    if ('fixed' in source) return source.fixed;
    if ('control' in source) return state.controls[source.control];
    const s = state.gates[source.gate].status;
    return s === 'blocked' && source.blockedAs !== undefined ? source.blockedAs : s;
  };

  return {
    authReadiness: {
      title: AUTH_RBAC_READINESS.title,
      summary: line(AUTH_RBAC_READINESS.summary),
      items: AUTH_RBAC_READINESS.items.map(line),
    },
    securityControls: {
      title: SECURITY_CONTROLS_TITLE,
      items: SECURITY_CONTROLS.map((c) => ({
        id: c.id,
        category: c.category,
        title: c.title,
        status: status(c.status),
        requirement: c.requirement,
        implementation: c.implementation,
      })),
    },
    dataClasses: { title: PROTECTED_DATA_CLASSES_TITLE, items: PROTECTED_DATA_CLASSES.map((d) => ({ ...d })) },
    resources: {
      title: AWS_RESOURCES_TITLE,
      items: AWS_RESOURCES.map((r) => ({
        id: r.id,
        provider: r.provider,
        title: r.title,
        status: status(r.status),
        purpose: r.purpose,
        checklist: r.checklist.map(line),
      })),
    },
    boundaries: {
      title: SERVER_BOUNDARIES_TITLE,
      items: SERVER_BOUNDARIES.map((b) => ({
        id: b.id,
        title: b.title,
        status: status(b.status),
        allowed: b.allowed.map(line),
        blocked: b.blocked.map(line),
        ...(b.notes === undefined ? {} : { notes: [...b.notes] }),
      })),
    },
    closingStatement: READINESS_CLOSING_STATEMENT,
  };
}
