// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { formValues, h, mount } from './dom.js';

/** @typedef {import('./ui-types.js').TenantUser} TenantUser */

/**
 * Users of the tenant for owners and admins (`admin:manage_users`): invite (an enrolment link is
 * mailed to the address; nobody here ever sees it), change a role, reset the password and TOTP key
 * (a new enrolment link), deactivate or re-enable, and when each user last signed in. Which rows
 * offer actions follows the role ceiling — a role manages a user only if it holds every permission
 * of that user's role, before and after — as a convenience: the API refuses anything else (403).
 * @param {import('./ui-types.js').ViewContext} ctx
 */
export async function renderUsers(ctx) {
  const roles = ctx.vocabulary.roles;
  /** The role ceiling, as the server decides it. @param {string} role */
  const manages = (role) =>
    ctx.can('admin:manage_users') && (roles.find((r) => r.id === role)?.permissions ?? ['?']).every((p) => ctx.can(p));
  const assignable = roles.filter((r) => manages(r.id));
  const status = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'users-status' });
  const error = h('p', { class: 'error', role: 'alert', 'data-testid': 'users-error' });
  const table = h('div', { 'data-testid': 'users-table' }, h('p', { class: 'muted' }, 'Loading…'));

  const invite = h(
    'form',
    { class: 'card', 'aria-labelledby': 'invite-h', 'data-testid': 'invite-form' },
    h('h2', { id: 'invite-h' }, 'Invite a user'),
    h(
      'div',
      { class: 'grid two' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'invite-name' }, 'Name as others see it (optional)'),
        h('input', { id: 'invite-name', name: 'displayName', type: 'text', maxlength: '120', autocomplete: 'off' }),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'invite-email' }, 'E-mail address'),
        h('input', { id: 'invite-email', name: 'email', type: 'email', required: true, autocomplete: 'off' }),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'invite-role' }, 'Role'),
        h(
          'select',
          { id: 'invite-role', name: 'role' },
          assignable.map((r) => h('option', { value: r.id }, r.title)),
        ),
      ),
    ),
    h('p', { class: 'muted' }, 'An enrolment link goes to this address; the user sets their own password (and TOTP for admin and owner).'),
    h('button', { type: 'submit' }, 'Send invitation'),
  );
  invite.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(/** @type {HTMLFormElement} */ (invite));
    await act(async () => {
      const displayName = (v.displayName ?? '').trim();
      /** @type {{ user: TenantUser, enrolment: { delivered: boolean, expiresAt: string } }} */
      const sent = await api('POST', tenantPath(ctx.me, '/users'), {
        email: (v.email ?? '').trim(),
        role: v.role,
        ...(displayName === '' ? {} : { displayName }),
      });
      /** @type {HTMLFormElement} */ (invite).reset();
      return linkSentText(`Invited ${sent.user.email} as ${sent.user.role}`, sent.enrolment);
    }, 'The invitation');
  });

  /** Runs a change, then reloads the table and says what happened. @param {() => Promise<string>} fn @param {string} what */
  async function act(fn, what) {
    mount(error);
    try {
      const said = await fn();
      mount(status, said);
      await load();
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      mount(error, describeError(err, what));
    }
  }

  /** @param {TenantUser} u */
  function row(u) {
    const self = u.id === ctx.me.user.id;
    const mine = manages(u.role);
    // Each accessible name starts with the button's visible words, then says whose row it is.
    const label = (/** @type {string} */ visible) => `${visible}: ${u.email}`;
    /** @type {import('./ui-types.js').Child[]} */
    const actions = [];
    if (mine && !self) {
      const select = h(
        'select',
        { 'aria-label': label('New role'), 'data-testid': 'role-select' },
        assignable.map((r) => h('option', { value: r.id, selected: r.id === u.role }, r.title)),
      );
      actions.push(
        select,
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': label('Change role'),
            onclick: () =>
              act(async () => {
                const role = /** @type {HTMLSelectElement} */ (select).value;
                /** @type {TenantUser} */
                const changed = await api('PATCH', tenantPath(ctx.me, `/users/${u.id}`), { role });
                return `${changed.email} is now ${changed.role}; their sessions ended.`;
              }, 'The role change'),
          },
          'Change role',
        ),
      );
    }
    if (mine)
      actions.push(
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': label('Reset password & TOTP'),
            onclick: () =>
              act(async () => {
                /** @type {{ user: TenantUser, enrolment: { delivered: boolean, expiresAt: string } }} */
                const sent = await api('POST', tenantPath(ctx.me, `/users/${u.id}/reset`));
                return linkSentText(`Reset ${sent.user.email}: password and TOTP key forgotten, sessions ended`, sent.enrolment);
              }, 'The reset'),
          },
          'Reset password & TOTP',
        ),
      );
    if (mine && !self)
      actions.push(
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            'aria-label': label(u.disabled ? 'Re-enable' : 'Deactivate'),
            onclick: () =>
              act(
                async () => {
                  /** @type {TenantUser} */
                  const changed = await api('POST', tenantPath(ctx.me, `/users/${u.id}/${u.disabled ? 'reactivate' : 'deactivate'}`));
                  return changed.disabled
                    ? `${changed.email} is deactivated; their sessions and links ended.`
                    : `${changed.email} is active again.`;
                },
                u.disabled ? 'Re-enabling' : 'Deactivation',
              ),
          },
          u.disabled ? 'Re-enable' : 'Deactivate',
        ),
      );
    if (!mine) actions.push(h('span', { class: 'muted' }, 'Managed by the owner'));
    else if (self) actions.push(h('span', { class: 'muted' }, '(you)'));
    const state = u.disabled ? 'deactivated' : !u.enrolled ? 'invited' : 'active';
    return h(
      'tr',
      { 'data-email': u.email },
      h('th', { scope: 'row' }, u.email),
      h('td', { 'data-testid': 'user-name' }, u.displayName ?? '—'),
      h('td', { 'data-testid': 'user-role' }, u.role),
      h('td', { 'data-testid': 'user-state' }, state),
      h('td', {}, u.mfaEnrolled ? 'yes' : 'no'),
      h('td', { 'data-testid': 'user-last-sign-in' }, u.lastSignInAt === null ? 'never' : new Date(u.lastSignInAt).toLocaleString()),
      h('td', {}, h('div', { class: 'actions' }, actions)),
    );
  }

  async function load() {
    /** @type {TenantUser[]} */
    const users = await api('GET', tenantPath(ctx.me, '/users'));
    mount(
      table,
      h(
        'table',
        {},
        h('caption', {}, `${users.length} user${users.length === 1 ? '' : 's'}`),
        h(
          'thead',
          {},
          h('tr', {}, ...['E-mail', 'Name', 'Role', 'State', 'TOTP', 'Last sign-in', 'Actions'].map((t) => h('th', { scope: 'col' }, t))),
        ),
        h('tbody', {}, users.map(row)),
      ),
    );
  }

  const ceiling =
    assignable.length === roles.length
      ? null
      : h(
          'p',
          { class: 'notice', 'data-testid': 'ceiling-note' },
          `Your role manages ${assignable.map((r) => r.title).join(', ') || 'no one'} only: ` +
            'a user whose role holds a permission yours lacks is managed by the owner.',
        );
  mount(ctx.main, h('h1', {}, 'Users'), ceiling, assignable.length > 0 ? invite : null, status, error, table);
  try {
    await load();
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(table, h('p', { class: 'error', role: 'alert' }, describeError(err, 'The user list')));
  }
}

/** @param {string} done @param {{ delivered: boolean, expiresAt: string }} enrolment */
function linkSentText(done, enrolment) {
  const until = new Date(enrolment.expiresAt).toLocaleString();
  return enrolment.delivered
    ? `${done}; an enrolment link was sent to their address (valid until ${until}).`
    : `${done}; the mail could not be sent — reset the user to send a new link.`;
}
