// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { badge, h, mount } from './dom.js';
import { ownerControls } from './owner-controls.js';

/**
 * The readiness screen of seed 000 from `GET …/readiness` (statuses and coded evidence only; no
 * AWS identifiers exist in that JSON): headline and blockers, "n/8 ready", PHI mode, the gate
 * cards, required environment, tenant controls, Auth / RBAC readiness with the roles, security
 * controls, protected data classes, the audit event types, required AWS resources and server-side
 * boundaries. Every word but the roles and audit event types (the contracts vocabulary) comes from
 * that JSON, with each line's live state. Owner actions appear only with the permissions that allow them.
 */
/** @param {import('./ui-types.js').ViewContext} ctx */
export async function renderReadiness(ctx) {
  /** @type {import('./ui-types.js').ReadinessView} */
  let view;
  try {
    view = await api('GET', tenantPath(ctx.me, '/readiness'));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(ctx.main, h('h1', {}, 'HealthScribe PHI Readiness'), h('p', { class: 'notice' }, describeError(err, 'The readiness screen')));
    return;
  }
  mount(
    ctx.main,
    h('p', { class: 'eyebrow' }, 'MedicDraft Security'),
    h('h1', {}, 'HealthScribe PHI Readiness'),
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'tenant-h' },
      h('h2', { id: 'tenant-h', class: 'eyebrow' }, 'Active Tenant'),
      h('p', { class: 'tenant-name' }, view.tenant.displayName),
      h('p', { class: view.phiMode === 'enabled' ? 'ok' : 'warn' }, view.headline),
      view.blockers.length > 0 &&
        h(
          'ul',
          { class: 'blockers' },
          view.blockers.map((b) => h('li', {}, b)),
        ),
    ),
    ownerControls(ctx, view, () => renderReadiness(ctx)),
    h(
      'section',
      { 'aria-labelledby': 'gates-h' },
      h('p', { class: 'eyebrow' }, 'AWS Readiness Checklist'),
      h('h2', { id: 'gates-h' }, 'Security gates before PHI'),
      h(
        'p',
        {},
        'These controls must be complete before real audio, transcripts, reports, QA findings, screenshots, or patient ' +
          'identifiers are allowed into MedicDraft.',
      ),
      h(
        'p',
        { class: 'summary' },
        h('strong', { 'data-testid': 'ready-count' }, `${view.readyCount}/${view.gateCount} ready`),
        h('span', { 'data-testid': 'phi-mode' }, `PHI mode: ${view.phiModeLabel}`),
        view.halted && h('span', { class: 'badge badge-blocked' }, 'pipeline halted'),
      ),
      h('div', { class: 'grid' }, view.gates.map(gateCard)),
    ),
    h(
      'section',
      { 'aria-labelledby': 'env-h' },
      h('h2', { id: 'env-h' }, 'AWS HealthScribe Requirements'),
      h(
        'ul',
        { class: 'plain grid' },
        view.requiredEnv.map((v) =>
          h(
            'li',
            { class: 'card small' },
            h('code', {}, v.name),
            ' ',
            badge(v.configured ? 'configured' : 'missing'),
            h('p', { class: 'muted' }, v.requirement),
            h('p', {}, v.description),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'controls-h' },
      h('h2', { id: 'controls-h' }, 'Required Tenant Controls'),
      h(
        'div',
        { class: 'grid' },
        view.controls.map((c) =>
          h(
            'article',
            { class: 'card small' },
            h('p', { class: 'eyebrow' }, c.category),
            h('h3', {}, c.title),
            badge(c.status),
            h('p', {}, c.requirement),
            h('p', { class: 'muted' }, `Enforcement: ${c.enforcement}`),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'roles-h' },
      h('h2', { id: 'roles-h' }, view.authReadiness.title),
      h('p', { class: lineClass(view.authReadiness.summary) }, view.authReadiness.summary.text),
      checkedList(view.authReadiness.items, 'Auth readiness'),
      h(
        'div',
        { class: 'grid' },
        ctx.vocabulary.roles.map((r) =>
          h(
            'article',
            { class: 'card small' },
            h('h3', {}, r.title),
            h('p', {}, r.description),
            h(
              'ul',
              { class: 'chips', 'aria-label': `${r.title} permissions` },
              r.permissions.map((p) => h('li', {}, h('code', {}, p))),
            ),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'security-controls-h' },
      h('h2', { id: 'security-controls-h' }, view.securityControls.title),
      h(
        'div',
        { class: 'grid' },
        view.securityControls.items.map((c) =>
          h(
            'article',
            { class: `card small gate-${c.status}`, 'data-security-control': c.id },
            h('p', { class: 'eyebrow' }, c.category),
            h('h3', {}, c.title),
            badge(c.status),
            h('p', {}, c.requirement),
            h('p', { class: 'muted' }, c.implementation),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'data-classes-h' },
      h('h2', { id: 'data-classes-h' }, view.dataClasses.title),
      h(
        'dl',
        { class: 'pairs', 'data-testid': 'data-classes' },
        view.dataClasses.items.map((d) => [h('dt', {}, d.title), h('dd', {}, d.examples)]),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'audit-h' },
      h('h2', { id: 'audit-h' }, 'Audit Events'),
      h(
        'dl',
        { class: 'events' },
        ctx.vocabulary.auditEventTypes.map((e) => [h('dt', {}, h('code', {}, e.type)), h('dd', {}, e.description)]),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'resources-h' },
      h('h2', { id: 'resources-h' }, view.resources.title),
      h(
        'div',
        { class: 'grid' },
        view.resources.items.map((r) =>
          h(
            'article',
            { class: `card small gate-${r.status}`, 'data-resource': r.id },
            h('p', { class: 'eyebrow' }, r.provider),
            h('h3', {}, r.title),
            badge(r.status),
            h('p', {}, r.purpose),
            checkedList(r.checklist, `${r.title} checklist`),
          ),
        ),
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'boundaries-h' },
      h('h2', { id: 'boundaries-h' }, view.boundaries.title),
      h(
        'div',
        { class: 'grid' },
        view.boundaries.items.map((b) =>
          h(
            'article',
            { class: `card small gate-${b.status}`, 'data-boundary': b.id },
            h('h3', {}, b.title),
            badge(b.status),
            h('h4', {}, 'Allowed'),
            checkedList(b.allowed, `${b.title}: allowed`),
            h('h4', {}, 'Blocked'),
            checkedList(b.blocked, `${b.title}: blocked`),
            b.notes &&
              b.notes.length > 0 && [
                h('h4', {}, 'In this deployment'),
                h(
                  'ul',
                  {},
                  b.notes.map((n) => h('li', {}, n)),
                ),
              ],
          ),
        ),
      ),
      h('p', { class: 'closing' }, view.closingStatement),
    ),
  );
}

/** @param {import('./ui-types.js').CheckedLine} line */
function lineClass(line) {
  return line.state === 'passed' ? 'ok' : line.state === 'failed' ? 'warn' : 'unchecked';
}

/**
 * A list whose every line says whether the system checked it, and with which evidence line.
 * @param {import('./ui-types.js').CheckedLine[]} lines @param {string} label
 */
function checkedList(lines, label) {
  return h(
    'ul',
    { class: 'checks', 'aria-label': label },
    lines.map((l) =>
      h(
        'li',
        { class: lineClass(l), 'data-check': l.state },
        l.text,
        ' ',
        h('span', { class: 'muted check-state' }, `(${l.stateLabel}${l.evidence === undefined ? '' : ` — ${l.evidence}`})`),
      ),
    ),
  );
}

/** @param {import('./ui-types.js').Gate} g */
function gateCard(g) {
  return h(
    'article',
    { class: `card gate gate-${g.status}`, 'data-gate': g.id, 'aria-labelledby': `gate-${g.id}` },
    h('div', { class: 'gate-head' }, h('h3', { id: `gate-${g.id}` }, g.title), badge(g.status)),
    h('p', {}, g.summary),
    h('h4', {}, 'Evidence'),
    h(
      'ul',
      {},
      g.evidence.map((e) => h('li', { class: e.ok ? 'ok' : 'warn' }, e.text)),
    ),
    h('h4', {}, 'Next action'),
    h('p', {}, g.nextAction),
  );
}
