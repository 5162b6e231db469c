// @ts-check
import { api, ApiError, tenantPath } from './api.js';
import { formValues, h, mount } from './dom.js';

/** @type {[name: string, label: string][]} */
const FLAGS = [
  ['baaExecuted', 'BAA executed with AWS and every ePHI vendor'],
  ['phiStorageEnabled', 'Tenant PHI storage enabled'],
  ['recordingStorageEnabled', 'Tenant-isolated recording storage enabled'],
  ['reportStorageEnabled', 'Tenant-isolated report storage enabled'],
  ['mfaRequired', 'MFA required'],
];
/** @type {[name: string, label: string][]} */
const REFS = [
  ['baaEvidenceRef', 'BAA evidence reference (vault path or envelope id, never the document)'],
  ['dataUseContractRef', 'Department data-use contract reference'],
  ['modelProfileId', 'Tenant model profile id'],
  ['retrievalIndexId', 'Tenant retrieval index id'],
];
const RETENTION = ['audio_recordings', 'transcripts', 'narratives_reports', 'reference_material', 'ai_artifacts'];

/**
 * Owner actions on the readiness screen: the PHI mode switch (`security:manage_phi_gates`) and
 * the tenant settings form and the de-identified export (`tenant:manage`). Nothing is drawn for a role without them. The
 * settings form sends only what the owner changed (the API takes a partial update); the server
 * refuses enabling PHI mode while any other gate is not ready (409 gates_not_ready).
 */
/**
 * @param {import('./ui-types.js').ViewContext} ctx
 * @param {import('./ui-types.js').ReadinessView} view
 * @param {() => Promise<void>} reload
 */
export function ownerControls(ctx, view, reload) {
  const canPhi = ctx.can('security:manage_phi_gates');
  const canSettings = ctx.can('tenant:manage');
  if (!canPhi && !canSettings) return null;
  const out = h('p', { class: 'error', role: 'alert' });
  /** @param {unknown} err */
  const report = (err) => mount(out, err instanceof ApiError ? `${err.message} (${err.code})` : String(err));

  const phi =
    canPhi &&
    h(
      'div',
      { class: 'actions' },
      h('span', {}, `PHI mode is ${view.phiMode}.`),
      view.phiMode === 'enabled'
        ? h('button', { type: 'button', onclick: () => setMode('disabled') }, 'Disable PHI mode')
        : h('button', { type: 'button', onclick: () => setMode('enabled'), 'aria-describedby': 'phi-note' }, 'Enable PHI mode'),
      view.phiMode !== 'enabled' &&
        h('span', { id: 'phi-note', class: 'muted' }, 'Allowed only while the other seven gates and every tenant control are ready.'),
    );

  /** @param {'enabled' | 'disabled'} mode */
  async function setMode(mode) {
    try {
      await api('PUT', tenantPath(ctx.me, '/phi-mode'), { mode });
      ctx.flash(`PHI mode ${mode}.`);
      await reload();
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) throw err;
      report(err);
    }
  }

  /** @param {string} name @param {string} label */
  const choice = (name, label) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `s-${name}` }, label),
      h(
        'select',
        { id: `s-${name}`, name },
        h('option', { value: '' }, 'unchanged'),
        h('option', { value: 'true' }, 'yes'),
        h('option', { value: 'false' }, 'no'),
      ),
    );
  /** @param {string} name @param {string} label */
  const text = (name, label) =>
    h(
      'div',
      { class: 'field' },
      h('label', { for: `s-${name}` }, label),
      h('input', { id: `s-${name}`, name, placeholder: 'unchanged; "-" clears' }),
    );
  const form =
    canSettings &&
    h(
      'form',
      { class: 'settings' },
      FLAGS.map(([n, l]) => choice(n, l)),
      REFS.map(([n, l]) => text(n, l)),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Retention windows (days)'),
        RETENTION.map((c) =>
          h(
            'div',
            { class: 'field inline' },
            h('label', { for: `r-${c}` }, c.replace(/_/g, ' ')),
            h('input', { id: `r-${c}`, name: `retention.${c}`, type: 'number', min: '1', max: '36500' }),
          ),
        ),
      ),
      h(
        'div',
        { class: 'field inline' },
        h('label', { for: 's-pendingRecordingMaxAgeHours' }, 'Longest an unsent recording waits, encrypted, in a browser (hours)'),
        h('input', { id: 's-pendingRecordingMaxAgeHours', name: 'pendingRecordingMaxAgeHours', type: 'number', min: '1', max: '168' }),
      ),
      h('button', { type: 'submit' }, 'Save settings'),
    );
  if (form) {
    form.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const v = formValues(/** @type {HTMLFormElement} */ (form));
      /** @type {Record<string, unknown>} */
      const patch = {};
      for (const [n] of FLAGS) if (v[n]) patch[n] = v[n] === 'true';
      for (const [n] of REFS) if (v[n]) patch[n] = v[n] === '-' ? null : v[n]?.trim();
      const retention = Object.fromEntries(RETENTION.filter((c) => v[`retention.${c}`]).map((c) => [c, Number(v[`retention.${c}`])]));
      if (Object.keys(retention).length > 0) patch.retentionPolicy = retention;
      if (v.pendingRecordingMaxAgeHours) patch.pendingRecordingMaxAgeHours = Number(v.pendingRecordingMaxAgeHours);
      if (Object.keys(patch).length === 0) return report('Nothing changed.');
      try {
        await api('PUT', tenantPath(ctx.me, '/settings'), patch);
        ctx.flash('Settings saved; readiness re-evaluated.');
        await reload();
      } catch (err) {
        if (err instanceof ApiError && err.status === 401) throw err;
        report(err);
      }
    });
  }
  return h(
    'section',
    { class: 'card owner', 'aria-labelledby': 'owner-h' },
    h('h2', { id: 'owner-h' }, 'Owner actions'),
    phi,
    form && h('details', {}, h('summary', {}, 'Tenant settings (readiness inputs)'), form),
    canSettings &&
      h(
        'p',
        {},
        // A plain download: the browser sends the session cookie; the export is audited before it starts.
        h('a', { href: tenantPath(ctx.me, '/exports/deidentified-narratives'), download: '' }, 'Download de-identified narratives'),
        h('span', { class: 'muted' }, ' (HIPAA Safe Harbor: names, places, dates but the year, ages over 89, numbers removed)'),
      ),
    out,
  );
}
