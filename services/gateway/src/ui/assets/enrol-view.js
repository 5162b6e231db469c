// @ts-check
import { api, ApiError } from './api.js';
import { formValues, h, mount } from './dom.js';

/**
 * The enrolment link (`/enrol#tenant=…&token=…`): the token is in the fragment, which the browser
 * never sends to a server or in a Referer. Opening it shows the account; roles with a second
 * factor get their TOTP key to add to an authenticator app and prove with a first code. The user
 * chooses the password here; nobody else ever knew one.
 */
/** @param {import('./ui-types.js').PublicContext} ctx */
export async function renderEnrol(ctx) {
  const params = new URLSearchParams(location.hash.slice(1));
  const tenant = params.get('tenant') ?? '';
  const token = params.get('token') ?? '';
  const error = h('p', { id: 'enrol-error', class: 'error', role: 'alert' });
  /** @type {import('./ui-types.js').Enrolment} */
  let info;
  try {
    info = await api('POST', '/v1/auth/enrolment', { tenant, token });
  } catch (err) {
    mount(
      ctx.main,
      h('h1', {}, 'Set up your account'),
      h(
        'p',
        { class: 'error', role: 'alert' },
        err instanceof ApiError && err.code === 'invalid_enrolment'
          ? 'This link is invalid, already used or expired. Ask your administrator to send a new one.'
          : 'The link could not be opened; try again.',
      ),
    );
    return;
  }
  /** @param {string} name @param {string} label @param {Record<string, unknown>} attrs */
  const field = (name, label, attrs) =>
    h('div', { class: 'field' }, h('label', { for: `enrol-${name}` }, label), h('input', { id: `enrol-${name}`, name, ...attrs }));
  const form = h(
    'form',
    { class: 'card narrow', 'aria-describedby': 'enrol-error' },
    h(
      'p',
      {},
      `Account: ${info.email} (${info.role}) in ${info.tenantId}. The link works once, until ${new Date(info.expiresAt).toLocaleString()}.`,
    ),
    field('password', 'Choose a password (at least 12 characters)', {
      type: 'password',
      required: true,
      minlength: '12',
      maxlength: '1024',
      autocomplete: 'new-password',
    }),
    info.totpRequired &&
      h(
        'div',
        { class: 'field' },
        h('p', {}, 'Your role needs an authenticator app. Add this key (or the otpauth link) to it, then type its current code:'),
        h('code', { id: 'enrol-totp-key' }, info.totpSecret),
        h('p', { class: 'muted' }, h('code', {}, info.totpUri)),
      ),
    info.totpRequired &&
      field('totp', 'Authenticator code', {
        inputmode: 'numeric',
        autocomplete: 'one-time-code',
        pattern: '[0-9]{6}',
        maxlength: '6',
        required: true,
      }),
    error,
    h('button', { type: 'submit' }, 'Set password and sign in'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(/** @type {HTMLFormElement} */ (form));
    mount(error);
    try {
      const me = await api('POST', '/v1/auth/enrolment/complete', {
        tenant,
        token,
        password: v.password,
        ...(v.totp ? { totp: v.totp.trim() } : {}),
      });
      history.replaceState(null, '', '/enrol');
      ctx.signedIn(me);
      ctx.navigate(ctx.landing(), true);
    } catch (err) {
      const code = err instanceof ApiError ? err.code : 'network_error';
      mount(
        error,
        code === 'mfa_required'
          ? 'The authenticator code did not match; type the current code.'
          : code === 'invalid_request'
            ? 'Choose a password of at least 12 characters.'
            : code === 'invalid_enrolment'
              ? 'This link is no longer valid. Ask your administrator to send a new one.'
              : 'Enrolment failed; try again.',
      );
    }
  });
  mount(ctx.main, h('h1', {}, 'Set up your MedicDraft account'), form);
}
