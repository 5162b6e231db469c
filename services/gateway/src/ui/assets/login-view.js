// @ts-check
import { api, ApiError } from './api.js';
import { formValues, h, mount } from './dom.js';

const TENANT_KEY = 'medicdraft.tenant';

/**
 * Sign-in: tenant, e-mail, password and a TOTP code (required for admin and owner; the server
 * decides). The tenant is remembered in localStorage (an id, not a secret); the embedded demo
 * pre-fills it from the shell. A one-time password (the printed demo sign-ins) is answered
 * `password_change_required`: the form then asks for the user's own password and sends both.
 */
/** @param {import('./ui-types.js').PublicContext} ctx */
export async function renderLogin(ctx) {
  const preset =
    localStorage.getItem(TENANT_KEY) ?? document.querySelector('meta[name="md-default-tenant"]')?.getAttribute('content') ?? '';
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' });
  /** @param {string} name @param {string} label @param {Record<string, unknown>} attrs */
  const field = (name, label, attrs) =>
    h('div', { class: 'field' }, h('label', { for: `login-${name}` }, label), h('input', { id: `login-${name}`, name, ...attrs }));
  const newPassword = h(
    'div',
    { class: 'field', id: 'login-new-password-field', hidden: true },
    h('label', { for: 'login-new-password' }, 'Choose your own password (at least 12 characters)'),
    h('input', {
      id: 'login-new-password',
      name: 'newPassword',
      type: 'password',
      autocomplete: 'new-password',
      minlength: '12',
      maxlength: '1024',
    }),
  );
  const form = h(
    'form',
    { class: 'card narrow', novalidate: false, 'aria-describedby': 'login-error' },
    field('tenant', 'Organization (tenant id)', { required: true, autocomplete: 'organization', value: preset }),
    field('email', 'E-mail', { type: 'email', required: true, autocomplete: 'username' }),
    field('password', 'Password', { type: 'password', required: true, autocomplete: 'current-password' }),
    field('totp', 'Authenticator code (admin and owner)', {
      inputmode: 'numeric',
      autocomplete: 'one-time-code',
      pattern: '[0-9]{6}',
      maxlength: '6',
    }),
    newPassword,
    error,
    h('button', { type: 'submit' }, 'Sign in'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(/** @type {HTMLFormElement} */ (form));
    mount(error);
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
    button.disabled = true;
    try {
      const me = await api('POST', '/v1/auth/login', {
        tenant: (v.tenant ?? '').trim(),
        email: (v.email ?? '').trim(),
        password: v.password,
        ...(v.totp ? { totp: v.totp.trim() } : {}),
        ...(v.newPassword ? { newPassword: v.newPassword } : {}),
      });
      localStorage.setItem(TENANT_KEY, (v.tenant ?? '').trim());
      ctx.signedIn(me);
      ctx.flash('');
      const next = new URLSearchParams(location.search).get('next');
      ctx.navigate(next !== null && next.startsWith('/') && !next.startsWith('//') ? next : ctx.landing(), true);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'network_error';
      mount(
        error,
        code === 'mfa_required'
          ? 'This account needs the 6-digit code from its authenticator app.'
          : code === 'too_many_attempts'
            ? 'Too many failed attempts; try again later.'
            : code === 'totp_reused'
              ? 'That code was already used. Wait for the next code from your authenticator app, then sign in.'
              : code === 'password_change_required'
                ? 'This password works only once. Choose your own password below and sign in again.'
                : code === 'invalid_request' && v.newPassword
                  ? 'Choose a password of at least 12 characters that differs from the one-time password.'
                  : 'Sign-in failed: check the organization, e-mail, password and code.',
      );
      if (code === 'mfa_required') /** @type {HTMLInputElement} */ (form.querySelector('#login-totp')).focus();
      if (code === 'password_change_required') {
        newPassword.hidden = false;
        /** @type {HTMLInputElement} */ (form.querySelector('#login-new-password')).focus();
      }
    } finally {
      button.disabled = false;
    }
  });
  mount(
    ctx.main,
    h('h1', {}, 'Sign in to MedicDraft'),
    h('p', { class: 'muted' }, 'Synthetic data only while PHI mode is disabled.'),
    form,
  );
}
