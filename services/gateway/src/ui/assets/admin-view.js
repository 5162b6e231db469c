// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { formValues, h, mount } from './dom.js';

/**
 * Reference editor: templates, protocols and rules are versioned JSON documents; loading shows
 * the latest version, saving stores a new immutable version (`PUT`), audited as
 * `admin.reference.updated`. Which kinds a role may touch is the server's decision (protocols
 * need `admin:manage_protocols`, templates and rules `admin:manage_templates`).
 */
/** @param {import('./ui-types.js').ViewContext} ctx */
export async function renderAdmin(ctx) {
  const kinds = ctx.vocabulary.referenceKinds;
  const meta = h('p', { class: 'muted', 'aria-live': 'polite' }, 'Choose a kind and a name, then load it.');
  const error = h('p', { class: 'error', role: 'alert' });
  const form = h(
    'form',
    { class: 'card' },
    h(
      'div',
      { class: 'grid two' },
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'ref-kind' }, 'Kind'),
        h(
          'select',
          { id: 'ref-kind', name: 'kind' },
          kinds.map((k) => h('option', { value: k }, k)),
        ),
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'ref-name' }, 'Name'),
        h('input', { id: 'ref-name', name: 'name', required: true, value: 'draatt', 'aria-describedby': 'ref-name-hint' }),
      ),
    ),
    h('p', { id: 'ref-name-hint', class: 'muted' }, 'Lower-case letters, digits, dot, dash, underscore.'),
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: load }, 'Load latest')),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'ref-content' }, 'Content (JSON object)'),
      h('textarea', { id: 'ref-content', name: 'content', rows: '16', spellcheck: 'false', class: 'mono', value: '{}' }),
    ),
    meta,
    error,
    h('button', { type: 'submit' }, 'Save new version'),
  );
  const values = () => formValues(/** @type {HTMLFormElement} */ (form));
  const content = () => /** @type {HTMLTextAreaElement} */ (form.querySelector('#ref-content'));
  /** @param {Record<string, string>} v */
  const at = (v) => tenantPath(ctx.me, `/references/${encodeURIComponent(v.kind ?? '')}/${encodeURIComponent((v.name ?? '').trim())}`);
  /** @param {import('./ui-types.js').Reference} ref */
  const describe = (ref) =>
    mount(
      meta,
      `${ref.kind} "${ref.name}" version ${ref.version}, saved ${new Date(ref.createdAt).toLocaleString()} · ` +
        `sha256 ${ref.sha256.slice(0, 12)}…`,
    );

  async function load() {
    mount(error);
    const v = values();
    try {
      /** @type {import('./ui-types.js').Reference} */
      const ref = await api('GET', at(v));
      content().value = JSON.stringify(ref.content, null, 2);
      describe(ref);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      if (err.status === 404) mount(meta, `No ${v.kind} "${v.name}" yet: saving creates version 1.`);
      else mount(error, describeError(err, `The ${v.kind}`));
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    mount(error);
    let parsed;
    try {
      parsed = JSON.parse(content().value);
    } catch (err) {
      return mount(error, `The content is not valid JSON: ${err instanceof Error ? err.message : err}`);
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return mount(error, 'The content must be a JSON object.');
    try {
      /** @type {import('./ui-types.js').Reference} */
      const ref = await api('PUT', at(values()), { content: parsed });
      describe(ref);
      ctx.flash(`Saved ${ref.kind} "${ref.name}" version ${ref.version}.`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      mount(error, describeError(err, 'Saving'));
    }
  });
  mount(ctx.main, h('h1', {}, 'Templates, protocols and rules'), form);
}
