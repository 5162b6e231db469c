// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { formValues, h, mount } from './dom.js';
import { breakGlassForm } from './break-glass.js';
import { renderNarrativePanel } from './narrative-review.js';
import { STATE_LABELS as REVIEW_STATE_LABELS } from './qa-review-panel.js';
import { renderRecorder } from './recorder-view.js';

/**
 * The optional ePCR incident number field of an intake form; only its keyed hash is kept.
 * @param {string} id
 */
function incidentField(id) {
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, 'ePCR incident number (optional)'),
    h('input', { id, name: 'incidentNumber', type: 'text', maxlength: '40', pattern: '[A-Za-z0-9_\\/\\-]{1,40}', autocomplete: 'off' }),
  );
}

/**
 * The provider's dictation screen: a new synthetic text dictation (always allowed in the
 * sandbox), an audio upload (the server accepts it only while PHI mode is enabled: 423
 * otherwise), and the provider's own dictations.
 */
/** @param {import('./ui-types.js').ViewContext} ctx */
export async function renderDictations(ctx) {
  const error = h('p', { class: 'error', role: 'alert' });
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const canCreate = ctx.can('dictation:create');

  const textForm =
    canCreate &&
    h(
      'form',
      { class: 'card', 'aria-labelledby': 'new-h' },
      h('h2', { id: 'new-h' }, 'New synthetic dictation'),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'dictation-text' }, 'Dictation text'),
        h('textarea', {
          id: 'dictation-text',
          name: 'text',
          rows: '8',
          required: true,
          maxlength: '200000',
          'aria-describedby': 'dictation-hint',
        }),
      ),
      h(
        'p',
        { id: 'dictation-hint', class: 'muted' },
        'Post-call dictation as you would speak it: dispatch, response, arrival, assessment, treatment, transport.',
      ),
      h(
        'div',
        { class: 'field inline' },
        h('input', { type: 'checkbox', id: 'dictation-synthetic', name: 'synthetic', required: true }),
        h('label', { for: 'dictation-synthetic' }, 'This text is synthetic: it contains no real patient information.'),
      ),
      incidentField('dictation-incident'),
      h('button', { type: 'submit' }, 'Submit dictation'),
    );
  if (textForm) {
    textForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const v = formValues(/** @type {HTMLFormElement} */ (textForm));
      const incident = (v.incidentNumber ?? '').trim();
      await submit(() =>
        api('POST', tenantPath(ctx.me, '/dictations'), {
          text: v.text,
          synthetic: true,
          ...(incident ? { incidentNumber: incident } : {}),
        }),
      );
    });
  }

  const audioForm =
    canCreate &&
    h(
      'form',
      { class: 'card', 'aria-labelledby': 'audio-h' },
      h('h2', { id: 'audio-h' }, 'Upload dictation audio'),
      h(
        'p',
        { id: 'audio-hint', class: 'muted' },
        'Accepted only while PHI mode is enabled for your organization (wav, flac, mp3, mp4, ogg, webm).',
      ),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'dictation-audio' }, 'Audio file'),
        h('input', {
          type: 'file',
          id: 'dictation-audio',
          name: 'audio',
          accept: 'audio/*,.wav,.flac,.mp3,.mp4,.ogg,.webm',
          required: true,
          'aria-describedby': 'audio-hint',
        }),
      ),
      incidentField('audio-incident'),
      h('button', { type: 'submit' }, 'Upload audio'),
    );
  if (audioForm) {
    audioForm.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const file = /** @type {HTMLInputElement} */ (audioForm.querySelector('#dictation-audio')).files?.[0];
      if (!file) return;
      const body = new FormData();
      body.append('audio', file, file.name);
      const incident = formValues(/** @type {HTMLFormElement} */ (audioForm)).incidentNumber?.trim() ?? '';
      await submit(() => api('POST', tenantPath(ctx.me, '/dictations'), body, incident ? { 'x-incident-number': incident } : {}));
    });
  }

  /** @param {() => Promise<import('./ui-types.js').Dictation>} call */
  async function submit(call) {
    mount(error);
    try {
      const d = await call();
      ctx.flash(
        d.deduplicated
          ? 'You sent this already: it is the dictation shown below, and it is not transcribed a second time.'
          : 'Dictation received; drafting the narrative.',
      );
      ctx.navigate(`/dictations/${d.dictationId}`);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      mount(error, describeError(err, 'The dictation'));
    }
  }

  // Owners see PHI mode on the readiness screen; say it here too when the role may read it.
  if (audioForm && ctx.can('security:view_readiness')) {
    /** @type {import('./ui-types.js').ReadinessView | null} */
    const view = await api('GET', tenantPath(ctx.me, '/readiness')).catch(() => null);
    if (view && view.phiMode !== 'enabled') {
      /** @type {HTMLButtonElement} */ (audioForm.querySelector('button')).disabled = true;
      mount(
        /** @type {HTMLElement} */ (audioForm.querySelector('#audio-hint')),
        `PHI mode: ${view.phiModeLabel}. Audio upload opens when PHI mode is enabled.`,
      );
    }
  }

  const recorder = canCreate ? await renderRecorder(ctx, () => void fillList(ctx, list)) : null;
  mount(
    ctx.main,
    h('h1', {}, 'Dictations'),
    error,
    recorder,
    h('div', { class: 'grid two' }, textForm, audioForm),
    h('section', { 'aria-labelledby': 'mine-h' }, h('h2', { id: 'mine-h' }, canCreate ? 'My dictations' : 'Dictations'), list),
  );
  await fillList(ctx, list);
}

/**
 * The dictations the session may see (providers: their own), a page at a time, as a table with
 * links, narrowed by a status filter and a QA review-state filter (the server filters: `?status=`, `?reviewState=`).
 */
/** @param {import('./ui-types.js').ViewContext} ctx @param {HTMLElement} target */
export async function fillList(ctx, target) {
  const results = h('div', { 'aria-live': 'polite', 'data-testid': 'list-results' });
  // Only the latest filter's answer may be shown: a slower answer to an earlier choice is abandoned.
  /** @type {AbortController | undefined} */
  let pending;
  const refresh = () => {
    pending?.abort();
    pending = new AbortController();
    void showPage(ctx, results, filter.value, review.value, pending.signal);
  };
  const filter = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'status-filter', 'data-testid': 'status-filter', onchange: refresh },
      h('option', { value: '' }, 'all'),
      ctx.vocabulary.dictationStatuses.map((s) => h('option', { value: s.id }, s.label)),
    )
  );
  const review = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'review-filter', 'data-testid': 'review-filter', onchange: refresh },
      h('option', { value: '' }, 'all'),
      Object.entries(REVIEW_STATE_LABELS).map(([id, label]) => h('option', { value: id }, label)),
    )
  );
  mount(
    target,
    h(
      'p',
      { class: 'filters' },
      h('label', { for: 'status-filter' }, 'Status '),
      filter,
      ' ',
      h('label', { for: 'review-filter' }, 'QA review '),
      review,
    ),
    results,
  );
  pending = new AbortController();
  await showPage(ctx, results, '', '', pending.signal);
}

/**
 * Fills `target` with the first page for the filters; while it loads, `target` is `aria-busy`, and
 * once shown it carries the filters it shows (`data-status`, `data-review-state`).
 * @param {import('./ui-types.js').ViewContext} ctx @param {HTMLElement} target @param {string} status
 * @param {string} reviewState @param {AbortSignal} signal
 */
async function showPage(ctx, target, status, reviewState, signal) {
  target.setAttribute('aria-busy', 'true');
  const body = h('tbody');
  const more = h('div', { class: 'actions' });
  let first = true;
  const query =
    `/dictations?limit=50${status ? `&status=${encodeURIComponent(status)}` : ''}` +
    `${reviewState ? `&reviewState=${encodeURIComponent(reviewState)}` : ''}`;
  /** @param {string | undefined} cursor @returns {Promise<void>} */
  const load = async (cursor) => {
    /** @type {import('./ui-types.js').DictationPage | import('./ui-types.js').Dictation[]} */
    let page;
    try {
      page = await api(
        'GET',
        tenantPath(ctx.me, `${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
        undefined,
        {},
        signal,
      );
    } catch (err) {
      if (signal.aborted) return;
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      if (first) mount(target, h('p', { class: 'notice', 'data-testid': 'list-state' }, describeError(err, 'The dictation list')));
      else mount(more, h('p', { class: 'error' }, describeError(err, 'The next page')));
      return;
    }
    if (signal.aborted) return;
    const rows = Array.isArray(page) ? page : (page.dictations ?? []);
    if (first && rows.length === 0)
      return mount(
        target,
        h(
          'p',
          { class: 'muted', 'data-testid': 'list-state' },
          status || reviewState ? 'No dictations with this status.' : 'No dictations yet.',
        ),
      );
    if (first) {
      mount(
        target,
        h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Received', 'Kind', 'Synthetic', 'Status', 'Provider', ''].map((c) => h('th', { scope: 'col' }, c)),
            ),
          ),
          body,
        ),
        more,
      );
      first = false;
    }
    for (const d of rows) {
      body.append(
        h(
          'tr',
          { 'data-dictation': d.dictationId },
          h('td', {}, new Date(d.createdAt).toLocaleString()),
          h('td', {}, d.kind),
          h('td', {}, d.synthetic ? 'yes' : 'no'),
          h('td', {}, statusBadge(ctx, d.status), d.statusMessage && h('p', { class: 'muted small' }, d.statusMessage)),
          h('td', {}, d.providerId === ctx.me.user.id ? 'me' : (d.providerName ?? 'a former user')),
          h('td', {}, h('a', { href: `/dictations/${d.dictationId}`, 'data-nav': true }, 'Open')),
        ),
      );
    }
    const next = Array.isArray(page) ? undefined : page.nextCursor;
    mount(more, next ? h('button', { type: 'button', onclick: () => load(next) }, 'Load more') : null);
  };
  await load(undefined);
  if (signal.aborted) return;
  target.dataset.status = status;
  target.dataset.reviewState = reviewState;
  target.setAttribute('aria-busy', 'false');
}

/**
 * A dictation status in words ("needs information"); the class carries the code for colour.
 * @param {import('./ui-types.js').ViewContext} ctx @param {string} status
 */
function statusBadge(ctx, status) {
  const label = ctx.vocabulary.dictationStatuses.find((s) => s.id === status)?.label ?? status;
  return h('span', { class: `badge status-${status.replace(/[^a-z_]/g, '')}`, 'data-status': status }, label);
}

/**
 * Sets or corrects the dictation's ePCR incident number (its provider, or an owner), with the
 * reason the server requires. The number is never shown back: only its keyed hash is kept, so the
 * form says what was done, not what the number is.
 * @param {import('./ui-types.js').ViewContext} ctx
 * @param {import('./ui-types.js').Dictation} d
 */
function incidentCorrectionForm(ctx, d) {
  const status = h('p', { role: 'status', 'data-testid': 'incident-correction-status' });
  const form = h(
    'form',
    { class: 'card', 'aria-labelledby': 'incident-h', 'data-testid': 'incident-correction' },
    h('h2', { id: 'incident-h' }, 'ePCR incident number'),
    h(
      'p',
      { class: 'muted' },
      'Set or correct the incident number this dictation belongs to. Access reports follow the new number; ' +
        "the old number's report shows the correction.",
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'incident-correction-number' }, 'Incident number'),
      h('input', {
        id: 'incident-correction-number',
        name: 'incidentNumber',
        type: 'text',
        maxlength: '40',
        pattern: '[A-Za-z0-9_\\/\\-]{1,40}',
        autocomplete: 'off',
        required: true,
      }),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'incident-correction-reason' }, 'Reason for the change'),
      h('input', { id: 'incident-correction-reason', name: 'reason', type: 'text', maxlength: '500', autocomplete: 'off', required: true }),
    ),
    h('button', { type: 'submit' }, 'Save incident number'),
    status,
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const v = formValues(/** @type {HTMLFormElement} */ (form));
    try {
      await api('PUT', tenantPath(ctx.me, `/dictations/${d.dictationId}/incident`), {
        incidentNumber: (v.incidentNumber ?? '').trim(),
        reason: (v.reason ?? '').trim(),
      });
      /** @type {HTMLFormElement} */ (form).reset();
      status.className = 'notice';
      status.textContent = 'Incident number saved. Access reports now follow the new number.';
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      status.className = 'error';
      status.textContent = describeError(err, 'the incident number');
    }
  });
  return form;
}

/** One dictation: its status, then the narrative review panel. */
/** @param {import('./ui-types.js').ViewContext} ctx */
export async function renderDictationDetail(ctx) {
  const [id] = ctx.params;
  /** @type {import('./ui-types.js').Dictation} */
  let d;
  try {
    d = await api('GET', tenantPath(ctx.me, `/dictations/${id}`));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(
      ctx.main,
      h('h1', {}, 'Dictation'),
      h('p', { class: 'notice', 'data-testid': 'dictation-error' }, describeError(err, 'this dictation')),
      // Someone else's dictation answers 404 like a missing one; in an emergency it may be opened with break-glass.
      err.status === 404 && id !== undefined && breakGlassForm(ctx, id, () => ctx.navigate(`/dictations/${id}`, true)),
    );
    return;
  }
  const panel = h(
    'section',
    { 'aria-labelledby': 'narrative-h', class: 'narrative' },
    h('h2', { id: 'narrative-h' }, 'Narrative'),
    h('p', { class: 'muted' }, 'Loading…'),
  );
  mount(
    ctx.main,
    h('h1', {}, 'Dictation'),
    h(
      'dl',
      { class: 'facts card' },
      h('dt', {}, 'Status'),
      h('dd', { 'data-testid': 'dictation-status' }, statusBadge(ctx, d.status)),
      d.statusMessage && [h('dt', {}, 'Why'), h('dd', { 'data-testid': 'dictation-status-reason' }, d.statusMessage)],
      h('dt', {}, 'Provider'),
      h('dd', {}, d.providerId === ctx.me.user.id ? 'me' : (d.providerName ?? 'a former user')),
      h('dt', {}, 'Kind'),
      h('dd', {}, `${d.kind} (${d.format})`),
      h('dt', {}, 'Synthetic'),
      h('dd', {}, d.synthetic ? 'yes' : 'no'),
      h('dt', {}, 'Received'),
      h('dd', {}, new Date(d.createdAt).toLocaleString()),
      h('dt', {}, 'Size'),
      h('dd', {}, `${d.sizeBytes} bytes`),
    ),
    (d.providerId === ctx.me.user.id || ctx.me.user.role === 'owner') && d.status !== 'deleted' && incidentCorrectionForm(ctx, d),
    panel,
  );
  // A copy made in the review panel is durable (audited) before the text is shown: the status says so at once.
  panel.addEventListener('narrative-copied', () => {
    ctx.main.querySelector('[data-testid=dictation-status]')?.replaceChildren(statusBadge(ctx, 'copied'));
  });
  await renderNarrativePanel(ctx, d, panel);
}
