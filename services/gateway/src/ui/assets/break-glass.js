// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { formValues, h, mount } from './dom.js';

/** @typedef {import('./ui-types.js').ViewContext} ViewContext */
/** @typedef {import('./ui-types.js').BreakGlassGrant} BreakGlassGrant */
/** @typedef {import('./ui-types.js').BreakGlassReport} BreakGlassReport */

/**
 * Emergency ("break-glass") access in the browser. A provider or QA who is refused a dictation may
 * open it for a limited time with a reason; while any grant is open a banner says so on every
 * screen. Owners see a notice of open grants on every screen and the report of all grants (reason,
 * accesses, revoke). The server decides everything; these screens only ask and show.
 */

const READS = ['dictation:review_own', 'qa:review_submitted'];
const time = (/** @type {string} */ iso) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });

let latestAlerts = 0;

/**
 * The banner (own open grants) and, for owners, the notice of everyone's open grants, drawn into
 * `target`. Failures draw nothing: the banner is a reminder, the server enforces the limits.
 * Only the latest screen's answer draws; `target` is aria-busy until it has, then names the
 * screen it was drawn for (`data-drawn-for`), so a reader can tell "no banner" from "not yet".
 * @param {ViewContext} ctx @param {HTMLElement} target
 */
export async function drawBreakGlassAlerts(ctx, target) {
  const mine = ++latestAlerts;
  const screen = location.pathname;
  target.setAttribute('aria-busy', 'true');
  /** @type {import('./ui-types.js').Child[]} */
  const parts = [];
  if (READS.some((p) => ctx.can(p))) {
    /** @type {{ grants: BreakGlassGrant[] } | null} */
    const mine = await api('GET', tenantPath(ctx.me, '/break-glass/mine')).catch(() => null);
    for (const g of mine?.grants ?? [])
      parts.push(
        h(
          'div',
          {
            class: 'banner banner-breakglass',
            role: 'region',
            'aria-label': 'Break-glass access active',
            'data-testid': 'breakglass-banner',
          },
          h('strong', {}, 'Break-glass access active'),
          ` until ${time(g.expiresAt)}: `,
          h('a', { href: `/dictations/${g.dictationId}`, 'data-nav': true }, 'the dictation you opened'),
          '. Every view is recorded with your reason and owners have been notified.',
        ),
      );
  }
  if (ctx.can('tenant:manage')) {
    /** @type {BreakGlassReport | null} */
    const report = await api('GET', tenantPath(ctx.me, '/break-glass?sinceDays=1')).catch(() => null);
    const active = (report?.grants ?? []).filter((g) => g.state === 'active');
    if (active.length > 0)
      parts.push(
        h(
          'div',
          { class: 'banner banner-notice', role: 'region', 'aria-label': 'Break-glass notice', 'data-testid': 'breakglass-notice' },
          h('strong', {}, `${active.length} break-glass ${active.length === 1 ? 'grant is' : 'grants are'} open`),
          ' in your organization. ',
          h('a', { href: '/break-glass', 'data-nav': true }, 'Review the break-glass report'),
        ),
      );
  }
  if (mine !== latestAlerts) return;
  mount(target, ...parts);
  target.dataset.drawnFor = screen;
  target.setAttribute('aria-busy', 'false');
}

/**
 * The emergency-access form shown where a dictation was refused; `onGranted` reopens it.
 * @param {ViewContext} ctx @param {string} dictationId @param {() => void} onGranted
 */
export function breakGlassForm(ctx, dictationId, onGranted) {
  if (!READS.some((p) => ctx.can(p))) return null;
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card warn-box', 'aria-labelledby': 'bg-h', 'data-testid': 'breakglass-form' },
    h('h2', { id: 'bg-h' }, 'Emergency access (break-glass)'),
    h(
      'p',
      { id: 'bg-hint' },
      'Only in an emergency: open this dictation read-only for a limited time. Your reason is recorded with every view, ' +
        'owners are notified at once, and they can end the access.',
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'bg-reason' }, 'Reason (required, at least 10 characters)'),
      h('textarea', {
        id: 'bg-reason',
        name: 'reason',
        rows: '3',
        required: true,
        minlength: '10',
        maxlength: '500',
        'aria-describedby': 'bg-hint',
      }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'bg-minutes' }, 'Minutes of access (1–240)'),
      h('input', { id: 'bg-minutes', name: 'minutes', type: 'number', min: '1', max: '240', value: '60', required: true }),
    ),
    error,
    h('button', { type: 'submit' }, 'Open with break-glass'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(/** @type {HTMLFormElement} */ (form));
    mount(error);
    try {
      /** @type {BreakGlassGrant} */
      const grant = await api('POST', tenantPath(ctx.me, `/dictations/${dictationId}/break-glass`), {
        reason: v.reason,
        minutes: Number(v.minutes),
      });
      ctx.flash(`Break-glass access open until ${time(grant.expiresAt)}; owners have been notified.`);
      onGranted();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      mount(error, describeError(err, 'Break-glass access'));
    }
  });
  return form;
}

/** Owners: every grant of the last 30 days with who, why, until when, each access, and revoke. @param {ViewContext} ctx */
export async function renderBreakGlassReport(ctx) {
  const body = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  mount(
    ctx.main,
    h('h1', {}, 'Break-glass report'),
    h('p', { class: 'muted' }, 'Emergency access to dictations outside a user’s normal scope in the last 30 days, newest first.'),
    body,
  );
  /** @type {BreakGlassReport} */
  let report;
  try {
    report = await api('GET', tenantPath(ctx.me, '/break-glass?sinceDays=30'));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    return mount(body, h('p', { class: 'notice' }, describeError(err, 'The break-glass report')));
  }
  if (report.grants.length === 0)
    return mount(body, h('p', { class: 'muted', 'data-testid': 'breakglass-empty' }, 'No break-glass access.'));
  mount(
    body,
    h(
      'table',
      { 'data-testid': 'breakglass-report' },
      h('caption', {}, `${report.grants.length} grant(s)`),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ['Opened', 'User', 'Dictation', 'Reason', 'Until', 'State', 'Accesses', ''].map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        report.grants.map((g) =>
          h(
            'tr',
            { 'data-grant': g.grantId },
            h('td', {}, new Date(g.createdAt).toLocaleString()),
            h('td', {}, g.userName ?? 'a former user'),
            h('td', {}, h('a', { href: `/dictations/${g.dictationId}`, 'data-nav': true }, 'Open the dictation')),
            h('td', { class: 'reason' }, g.reason),
            h('td', {}, `${time(g.expiresAt)} (${g.minutes} min)`),
            h('td', {}, h('span', { class: `badge badge-bg-${g.state}`, 'data-testid': 'grant-state' }, g.state)),
            h(
              'td',
              {},
              g.accesses.length === 0
                ? 'none'
                : h(
                    'ul',
                    { class: 'plain small' },
                    g.accesses.map((a) => h('li', {}, `${time(a.accessedAt)} ${a.routeCode}`)),
                  ),
            ),
            h(
              'td',
              {},
              g.state === 'active' &&
                h(
                  'button',
                  { type: 'button', onclick: () => revoke(ctx, g.grantId) },
                  'Revoke',
                  h('span', { class: 'visually-hidden' }, ` grant of ${g.userName ?? 'a former user'}`),
                ),
            ),
          ),
        ),
      ),
    ),
  );
}

/** @param {ViewContext} ctx @param {string} grantId */
async function revoke(ctx, grantId) {
  try {
    await api('POST', tenantPath(ctx.me, `/break-glass/${grantId}/revoke`));
    ctx.flash('Break-glass access revoked.');
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    ctx.flash(describeError(err, 'Revoke'), 'error');
  }
  ctx.navigate('/break-glass', true);
}
