// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { badge, formValues, h, mount } from './dom.js';

/** @typedef {import('./ui-types.js').AuditEntry} AuditEntry */
/** @typedef {import('./ui-types.js').AuditVerifyStatus} AuditVerifyStatus */
/** @typedef {import('./ui-types.js').AuditCheckpoint} AuditCheckpoint */
/** @typedef {import('./ui-types.js').AuditPeriodReport} AuditPeriodReport */
/** @typedef {import('./ui-types.js').AuditDisclosureReport} AuditDisclosureReport */

/** A datetime-local value (local time, no zone) as ISO 8601 UTC, or '' when empty. @param {string | undefined} v */
const iso = (v) => (v ? new Date(v).toISOString() : '');

/** The filled-in fields as a query string. @param {Record<string, string>} fields */
function queryOf(fields) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) if (v !== '') q.set(k, k === 'from' || k === 'to' ? iso(v) : v.trim());
  return q.toString();
}

/** @param {string} label @param {string} name @param {string} [type] @param {Record<string, unknown>} [extra] */
function field(label, name, type = 'text', extra = {}) {
  const id = `audit-${name}-${Math.random().toString(36).slice(2, 7)}`;
  return h('div', { class: 'field' }, h('label', { for: id }, label), h('input', { id, name, type, ...extra }));
}

/**
 * Catches an API refusal into an alert in `out` (a 401 goes to the router).
 * @param {unknown} err @param {HTMLElement} out @param {string} what
 */
function showError(err, out, what) {
  if (!(err instanceof ApiError) || err.status === 401) throw err;
  mount(out, h('p', { class: 'error', role: 'alert' }, describeError(err, what)));
}

/** Suggestions for the actor and user fields: typing a name offers the person, picking one fills in the id. */
const ACTORS_LIST = 'audit-actors';

/**
 * The audit screen for roles with `audit:view` (QA, admin, owner): the chain's verify verdict and
 * latest signed checkpoint, search by dictation, actor, action and time with display names and
 * client addresses, JSONL/FHIR downloads of what is searched, and the outside auditor's reports
 * (access by user or dictation, accounting of disclosures, signed period PDF).
 * @param {import('./ui-types.js').ViewContext} ctx
 */
export async function renderAudit(ctx) {
  const integrity = h('section', { class: 'card', 'aria-labelledby': 'audit-integrity-h', 'data-testid': 'audit-integrity' });
  const search = h('section', { class: 'card', 'aria-labelledby': 'audit-search-h' });
  const reports = h('section', { class: 'card', 'aria-labelledby': 'audit-reports-h' });
  const actors = h('datalist', { id: ACTORS_LIST, 'data-testid': 'audit-actors' });
  mount(ctx.main, h('h1', {}, 'Audit'), integrity, search, reports, actors);
  drawSearch(ctx, search);
  drawReports(ctx, reports);
  await Promise.all([fillIntegrity(ctx, integrity), fillActors(ctx, actors)]);
}

/** @param {import('./ui-types.js').ViewContext} ctx @param {HTMLElement} list */
async function fillActors(ctx, list) {
  try {
    /** @type {{ actors: { id: string, name: string, role: string }[] }} */
    const { actors } = await api('GET', tenantPath(ctx.me, '/audit/actors'));
    mount(list, ...actors.map((a) => h('option', { value: a.id, label: `${a.name} (${a.role})` })));
  } catch (err) {
    // Without suggestions the fields still take an id.
    if (!(err instanceof ApiError) || err.status === 401) throw err;
  }
}

/** @param {import('./ui-types.js').ViewContext} ctx @param {HTMLElement} out */
async function fillIntegrity(ctx, out) {
  const heading = h('h2', { id: 'audit-integrity-h' }, 'Chain integrity');
  mount(out, heading, h('p', { class: 'muted' }, 'Verifying the hash chain and signed checkpoints…'));
  try {
    /** @type {AuditVerifyStatus} */
    const v = await api('GET', tenantPath(ctx.me, '/audit/verify'));
    /** @type {AuditCheckpoint | null} */
    let cp = null;
    try {
      cp = await api('GET', tenantPath(ctx.me, '/audit/checkpoints/latest'));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
    }
    mount(
      out,
      heading,
      h(
        'p',
        { 'data-testid': 'audit-verdict' },
        badge(v.ok ? 'intact' : 'findings'),
        ` ${v.records} records (last seq ${v.lastSeq}), ${v.anchored} anchored by a signed checkpoint, ${v.unanchored} not yet; `,
        `witness: ${v.witness ?? 'none (database only)'}; verified ${new Date(v.verifiedAt).toLocaleString()}.`,
      ),
      v.verdicts.length === 0
        ? null
        : h(
            'ul',
            { 'data-testid': 'audit-findings' },
            v.verdicts.map((f) => h('li', {}, `${f.kind}${f.seq === undefined ? '' : ` at seq ${f.seq}`}: ${f.detail}`)),
          ),
      cp === null
        ? h('p', { class: 'muted' }, 'No signed checkpoint yet.')
        : h(
            'dl',
            { class: 'facts', 'data-testid': 'audit-checkpoint' },
            h('dt', {}, 'Latest checkpoint'),
            h('dd', {}, `tree size ${cp.treeSize}, issued ${new Date(cp.issuedAt).toLocaleString()}`),
            h('dt', {}, 'Root hash'),
            h('dd', { class: 'mono' }, cp.rootHash),
            h('dt', {}, 'Signing key'),
            h('dd', { class: 'mono' }, cp.keyId),
          ),
    );
  } catch (err) {
    showError(err, out, 'Chain verification');
    out.prepend(heading);
  }
}

/** @param {import('./ui-types.js').ViewContext} ctx @param {HTMLElement} out */
function drawSearch(ctx, out) {
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'audit-results' });
  const downloads = h('p', { class: 'actions' });
  /** @param {string} query */
  const setDownloads = (query) =>
    mount(
      downloads,
      h('a', { href: `${tenantPath(ctx.me, '/audit/export')}?${query}${query ? '&' : ''}format=jsonl`, download: '' }, 'Download JSONL'),
      ' ',
      h(
        'a',
        { href: `${tenantPath(ctx.me, '/audit/export')}?${query}${query ? '&' : ''}format=fhir`, download: '' },
        'Download FHIR Bundle',
      ),
    );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', 'aria-label': 'Search audit records' },
      field('Dictation id', 'dictationId', 'text', { placeholder: 'uuid', pattern: '[0-9a-fA-F-]{36}' }),
      field('Actor (pick a person, or type a user id or service)', 'actorId', 'text', { list: ACTORS_LIST }),
      field('Action (event types, comma-separated)', 'type', 'text', { placeholder: 'narrative.viewed,narrative.copied' }),
      field('From', 'from', 'datetime-local'),
      field('To', 'to', 'datetime-local'),
      h('button', { type: 'submit' }, 'Search'),
    )
  );
  // Only the latest search draws: an earlier answer arriving late must not replace it.
  let latest = 0;
  /** @param {string} query @param {number} after */
  const load = async (query, after) => {
    const mine = ++latest;
    try {
      const page = await api('GET', `${tenantPath(ctx.me, '/audit/search')}?${query}${query ? '&' : ''}limit=50&after=${after}`);
      if (mine !== latest) return;
      mount(results, recordsTable(page.records, query === '' ? 'Latest audit records' : 'Matching audit records'));
      if (page.nextAfter !== undefined)
        results.append(h('button', { type: 'button', class: 'secondary', onclick: () => void load(query, page.nextAfter) }, 'Next page'));
    } catch (err) {
      if (mine === latest) showError(err, results, 'Audit search');
    }
  };
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const query = queryOf(formValues(form));
    setDownloads(query);
    void load(query, 0);
  });
  setDownloads('');
  mount(out, h('h2', { id: 'audit-search-h' }, 'Search'), form, downloads, results);
  void load('', 0);
}

/** @param {AuditEntry[]} records @param {string} caption */
function recordsTable(records, caption) {
  if (records.length === 0) return h('p', { class: 'muted' }, 'No matching record.');
  return h(
    'table',
    { 'data-testid': 'audit-table' },
    h('caption', {}, caption),
    h(
      'thead',
      {},
      h('tr', {}, ...['Seq', 'When', 'Action', 'Actor', 'Address', 'Outcome', 'Resources'].map((t) => h('th', { scope: 'col' }, t))),
    ),
    h(
      'tbody',
      {},
      ...records.map((r) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, String(r.seq)),
          h('td', {}, new Date(r.occurredAt).toLocaleString()),
          h('td', {}, r.type),
          h('td', {}, r.actorName ?? r.actor.id, r.actor.role ? h('span', { class: 'muted' }, ` (${r.actor.role})`) : null),
          h('td', { class: 'mono' }, r.sourceAddress ?? '–'),
          h('td', {}, r.outcomeDetail && r.outcomeDetail !== r.outcome ? `${r.outcome}: ${r.outcomeDetail}` : r.outcome),
          h(
            'td',
            { class: 'mono' },
            Object.entries(r.resourceIds)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ') || '–',
          ),
        ),
      ),
    ),
  );
}

/** @param {{ userId?: string, dictationId?: string, incident?: string }} s */
function accessSubject(s) {
  if (s.userId) return `user ${s.userId}`;
  if (s.incident) return `incident ${s.incident}`;
  return `dictation ${s.dictationId}`;
}

/** @param {import('./ui-types.js').ViewContext} ctx @param {HTMLElement} out */
function drawReports(ctx, out) {
  const accessOut = h('div', { 'aria-live': 'polite', 'data-testid': 'audit-access-report' });
  const accessForm = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', 'aria-label': 'Access report' },
      field('User (pick a person, or type a user id)', 'userId', 'text', { list: ACTORS_LIST }),
      field('or dictation id', 'dictationId', 'text', { placeholder: 'uuid' }),
      field('or ePCR incident number', 'incident', 'text', { maxlength: '40', pattern: '[A-Za-z0-9_\\/\\-]{1,40}', autocomplete: 'off' }),
      h('button', { type: 'submit' }, 'Access report'),
    )
  );
  // Only the latest report draws; the region is aria-busy until it has, then names its subject (data-subject).
  let latestAccess = 0;
  accessForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const mine = ++latestAccess;
    accessOut.setAttribute('aria-busy', 'true');
    try {
      const r = await api('GET', `${tenantPath(ctx.me, '/audit/reports/access')}?${queryOf(formValues(accessForm))}`);
      if (mine !== latestAccess) return;
      mount(accessOut, recordsTable(r.records, `Access by ${accessSubject(r.subject)}`));
      accessOut.dataset.subject = accessSubject(r.subject);
    } catch (err) {
      if (mine !== latestAccess) return;
      showError(err, accessOut, 'Access report');
      delete accessOut.dataset.subject;
    }
    accessOut.setAttribute('aria-busy', 'false');
  });

  const disclosuresOut = h('div', { 'aria-live': 'polite', 'data-testid': 'audit-disclosures' });
  const disclosuresButton = h('button', { type: 'button', class: 'secondary' }, 'Accounting of disclosures');
  disclosuresButton.addEventListener('click', async () => {
    try {
      /** @type {AuditDisclosureReport} */
      const r = await api('GET', tenantPath(ctx.me, '/audit/reports/disclosures'));
      mount(
        disclosuresOut,
        h('p', {}, `${r.entries.length} copies or exports recorded; ${r.accountable} accountable under HIPAA §164.528.`),
        h('p', { class: 'muted' }, r.note),
        r.entries.length === 0
          ? null
          : h(
              'table',
              {},
              h('caption', {}, 'Ways narrative content left MedicDraft'),
              h(
                'thead',
                {},
                h('tr', {}, ...['When', 'What', 'Who', 'Recipient', 'Basis', 'Accountable'].map((t) => h('th', { scope: 'col' }, t))),
              ),
              h(
                'tbody',
                {},
                ...r.entries.map((e) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, new Date(e.occurredAt).toLocaleString()),
                    h('td', {}, e.type),
                    h('td', {}, e.actorName ?? e.actorId),
                    h('td', {}, e.recipient),
                    h('td', {}, e.basis),
                    h('td', {}, e.accountable ? 'yes' : 'no'),
                  ),
                ),
              ),
            ),
      );
    } catch (err) {
      showError(err, disclosuresOut, 'Accounting of disclosures');
    }
  });

  const periodOut = h('div', { 'aria-live': 'polite', 'data-testid': 'audit-period-report' });
  const periodForm = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'filters', 'aria-label': 'Signed period report' },
      field('From', 'from', 'datetime-local', { required: true }),
      field('To', 'to', 'datetime-local', { required: true }),
      h('button', { type: 'submit' }, 'Signed period report (PDF)'),
    )
  );
  periodForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    mount(periodOut, h('p', { class: 'muted' }, 'Verifying and signing…'));
    try {
      /** @type {AuditPeriodReport} */
      const r = await api('GET', `${tenantPath(ctx.me, '/audit/reports/period')}?${queryOf(formValues(periodForm))}`);
      const bytes = Uint8Array.from(atob(r.pdfBase64), (c) => c.charCodeAt(0));
      const signature = Uint8Array.from(atob(r.signatureBase64), (c) => c.charCodeAt(0));
      /** @param {BlobPart} part @param {string} type */
      const link = (part, type) => URL.createObjectURL(new Blob([part], { type }));
      mount(
        periodOut,
        h('p', {}, `Signed by ${r.keyId}; SHA-256 `, h('span', { class: 'mono' }, r.sha256)),
        h(
          'p',
          { class: 'actions' },
          h('a', { href: link(bytes, 'application/pdf'), download: r.fileName }, 'Download report (PDF)'),
          ' ',
          h('a', { href: link(signature, 'application/octet-stream'), download: `${r.fileName}.sig` }, 'Download signature'),
          ' ',
          h('a', { href: link(r.publicKeyPem, 'application/x-pem-file'), download: `${r.keyId}.pem` }, 'Download public key'),
        ),
      );
    } catch (err) {
      showError(err, periodOut, 'Period report');
    }
  });

  mount(
    out,
    h('h2', { id: 'audit-reports-h' }, 'Reports for auditors'),
    h('h3', {}, 'Access report'),
    accessForm,
    accessOut,
    h('h3', {}, 'Accounting of disclosures'),
    h('p', {}, disclosuresButton),
    disclosuresOut,
    h('h3', {}, 'Signed period report'),
    periodForm,
    periodOut,
  );
}
