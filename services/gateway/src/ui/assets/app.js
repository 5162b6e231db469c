// @ts-check
/**
 * Entry module: finds the session (`GET /v1/me`), draws the navigation the role's permissions
 * allow, and routes paths to views (history API; the server answers every UI path with the same
 * shell). Navigation hiding is convenience only: every view's data comes from the API, which
 * enforces role, tenant and ownership itself.
 */
import vocabulary from '../vocabulary.js';
import { api, ApiError, setCsrfToken } from './api.js';
import { h, mount } from './dom.js';
import { renderAdmin } from './admin-view.js';
import { drawBreakGlassAlerts, renderBreakGlassReport } from './break-glass.js';
import { renderAudit } from './audit-view.js';
import { renderDictationDetail, renderDictations } from './dictation-views.js';
import { renderEnrol } from './enrol-view.js';
import { renderLogin } from './login-view.js';
import { renderQa } from './qa-view.js';
import { renderReadiness } from './readiness-view.js';
import { renderUsage } from './usage-view.js';
import { renderUsers } from './users-view.js';

/** @typedef {import('./ui-types.js').Me} Me */
/**
 * Public screens get no session; the others are reached only signed in.
 * @typedef {{ path: RegExp, public: true, view: (ctx: import('./ui-types.js').PublicContext) => Promise<void> }
 *   | { path: RegExp, public?: false, view: (ctx: import('./ui-types.js').ViewContext) => Promise<void> }} Route
 */

/** @type {{ me: Me | null }} */
const state = { me: null };

/** @type {Route[]} */
const ROUTES = [
  { path: /^\/login$/, view: renderLogin, public: true },
  { path: /^\/enrol$/, view: renderEnrol, public: true },
  { path: /^\/readiness$/, view: renderReadiness },
  { path: /^\/dictations$/, view: renderDictations },
  { path: /^\/dictations\/([0-9a-f-]{36})$/, view: renderDictationDetail },
  { path: /^\/qa$/, view: renderQa },
  { path: /^\/admin$/, view: renderAdmin },
  { path: /^\/break-glass$/, view: renderBreakGlassReport },
  { path: /^\/audit$/, view: renderAudit },
  { path: /^\/users$/, view: renderUsers },
  { path: /^\/usage$/, view: renderUsage },
];

/** @param {string} permission */
const can = (permission) => state.me !== null && state.me.permissions.includes(permission);

/** Where a role starts: its main task. */
function landing() {
  if (can('security:view_readiness')) return '/readiness';
  if (can('dictation:create')) return '/dictations';
  if (can('qa:review_submitted')) return '/qa';
  return '/login';
}

/** @param {string} text @param {'info' | 'error'} [kind] */
function flash(text, kind = 'info') {
  const el = document.getElementById('flash');
  if (el) mount(el, text === '' ? null : h('p', { class: `flash flash-${kind}` }, text));
}

/** Where the break-glass banner and the owners' notice go: just above the screen, on every screen. */
function alertsArea() {
  const existing = document.getElementById('alerts');
  if (existing) return existing;
  const el = h('div', { id: 'alerts' });
  document.getElementById('main')?.before(el);
  return el;
}

/** @param {string} to */
function navigate(to, replace = false) {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  void route(true);
}

function drawChrome() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!nav || !who) return;
  const links = [
    can('security:view_readiness') && ['/readiness', 'Readiness'],
    (can('dictation:create') || can('dictation:review_own')) && ['/dictations', 'Dictations'],
    can('qa:review_submitted') && ['/qa', 'QA review'],
    (can('admin:manage_templates') || can('admin:manage_protocols')) && ['/admin', 'References'],
    can('tenant:manage') && ['/break-glass', 'Break-glass'],
    can('audit:view') && ['/audit', 'Audit'],
    can('admin:manage_users') && ['/users', 'Users'],
    can('tenant:manage') && ['/usage', 'Usage'],
  ].filter(Boolean);
  mount(
    nav,
    h(
      'ul',
      {},
      links.map((l) => {
        const [href, label] = /** @type {[string, string]} */ (l);
        return h('li', {}, h('a', { href, 'data-nav': true, 'aria-current': location.pathname.startsWith(href) ? 'page' : false }, label));
      }),
    ),
  );
  if (state.me === null) {
    mount(who);
    return;
  }
  mount(
    who,
    h('span', { class: 'who-text' }, `${state.me.user.email ?? 'signed in'} · ${state.me.user.role} · ${state.me.user.tenantId}`),
    h('button', { type: 'button', class: 'link', onclick: signOut }, 'Sign out'),
  );
}

async function signOut() {
  try {
    await api('POST', '/v1/auth/logout');
  } catch {
    // The session may already be gone; signing out locally is what matters here.
  }
  state.me = null;
  setCsrfToken('');
  flash('Signed out.');
  navigate('/login');
}

/** @param {Me} me */
function signedIn(me) {
  state.me = me;
  setCsrfToken(me.csrfToken);
}

/**
 * Screens still loading, the abandoned ones included, on <body data-views-pending>: "0" means no
 * view, current or stale, can still draw (a signal for tests and for anyone watching the page).
 */
let viewsPending = 0;
/** @param {number} step */
function pendingViews(step) {
  viewsPending += step;
  document.body.dataset.viewsPending = String(viewsPending);
}

/** Counts routings, so a routing the user has since moved on from knows it is stale. */
let routings = 0;

async function route(moved = false) {
  const mine = ++routings;
  const main = /** @type {HTMLElement} */ (document.getElementById('main'));
  const path = location.pathname;
  if (path === '/') return navigate(state.me === null ? '/login' : landing(), true);
  const match = ROUTES.map((r) => ({ r, m: r.path.exec(path) })).find((x) => x.m !== null);
  if (match === undefined) {
    mount(main, h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '/', 'data-nav': true }, 'Home')));
    return;
  }
  const me = state.me;
  if (!match.r.public && me === null) return navigate(`/login?next=${encodeURIComponent(path)}`, true);
  drawChrome();
  // Each screen draws into an element of its own: a view whose data arrives after the user moved on
  // draws into an element no longer on the page, never over the screen shown now.
  const screen = h('div', { class: 'screen' });
  mount(main, screen);
  const ctx = {
    main: screen,
    vocabulary,
    params: match.m?.slice(1) ?? [],
    navigate,
    flash,
    can,
    landing,
    signedIn,
    refreshChrome: drawChrome,
  };
  if (me === null) mount(alertsArea());
  else void drawBreakGlassAlerts({ ...ctx, me }, alertsArea());
  pendingViews(+1);
  try {
    if (match.r.public) await match.r.view(ctx);
    else if (me !== null) await match.r.view({ ...ctx, me });
  } catch (err) {
    if (mine !== routings) return;
    if (err instanceof ApiError && err.status === 401) {
      state.me = null;
      flash('Your session has ended; sign in again.', 'error');
      return navigate(`/login?next=${encodeURIComponent(path)}`, true);
    }
    mount(screen, h('h1', {}, 'Something went wrong'), h('p', { class: 'error' }, err instanceof Error ? err.message : String(err)));
  } finally {
    pendingViews(-1);
  }
  if (moved && mine === routings) main.focus();
}

document.addEventListener('click', (ev) => {
  const a = ev.target instanceof Element ? ev.target.closest('a[data-nav]') : null;
  if (a === null || !(a instanceof HTMLAnchorElement) || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
  ev.preventDefault();
  flash('');
  navigate(a.pathname + a.search);
});
window.addEventListener('popstate', () => void route(true));

try {
  signedIn(await api('GET', '/v1/me'));
} catch (err) {
  if (!(err instanceof ApiError) || err.status !== 401) flash('The server did not answer; showing the sign-in screen.', 'error');
}
await route();
