// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { h, mount } from './dom.js';
import { renderQaReviewPanel } from './qa-review-panel.js';

const PENDING_CODES = new Set(['not_found', 'narrative_not_found', 'narrative_pending', 'conflict']);
const POLL_MS = 1000;
const POLL_LIMIT = 90;

/** @typedef {import('./ui-types.js').ViewContext} ViewContext */
/** @typedef {import('./ui-types.js').Dictation} Dictation */
/** @typedef {import('./ui-types.js').NarrativeDoc} NarrativeDoc */
/** @typedef {import('./ui-types.js').CopyFormat} CopyFormat */
/**
 * Marks the transcript segments a sentence or note rests on.
 * @typedef {(item: { evidence?: string[] }, button: HTMLElement) => void} SelectEvidence
 */
/**
 * One drawn version of the narrative: what the panel's parts read, and where they report errors.
 * @typedef {{
 *   ctx: ViewContext, dictation: Dictation, panel: HTMLElement, title: HTMLElement, path: string, doc: NarrativeDoc, error: HTMLElement
 * }} Review
 */

/**
 * Narrative review of one dictation (`GET …/narrative`, an audited view). Sentences link to the
 * transcript segments they rest on: selecting a sentence highlights its own evidence only (and
 * says which segment numbers it is, for those who do not see the highlight). The owner of the
 * dictation resolves missing-information prompts and
 * edits (PATCH with the version it read: optimistic), then copies the ESO-ready text, which
 * the server refuses while prompts are open, or has it transcribed and drafted again (reprocess:
 * a new version). Others (QA, owner on someone else's) read only.
 * Tolerant reader: fields this screen does not know are ignored.
 */
/** @param {ViewContext} ctx @param {Dictation} dictation @param {HTMLElement} panel @returns {Promise<void>} */
export async function renderNarrativePanel(ctx, dictation, panel) {
  const title = h('h2', { id: 'narrative-h' }, 'Narrative');
  const path = tenantPath(ctx.me, `/dictations/${dictation.dictationId}/narrative`);
  for (let attempt = 0; panel.isConnected; attempt++) {
    try {
      /** @type {NarrativeDoc} */
      const doc = await api('GET', path);
      return draw(ctx, dictation, panel, title, path, doc);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      const pending = PENDING_CODES.has(err.code) && attempt < POLL_LIMIT;
      mount(
        panel,
        title,
        h(
          'p',
          { class: pending ? 'muted' : 'notice', 'data-testid': 'narrative-state' },
          pending ? 'Drafting the narrative…' : describeError(err, 'Narrative review'),
        ),
      );
      if (!pending) return;
      await new Promise((r) => setTimeout(r, POLL_MS));
    }
  }
}

/**
 * Draws one version: header, open prompts, review notes, draft beside its transcript, then the
 * owner's editor, copy and redraft actions.
 * @param {ViewContext} ctx @param {Dictation} dictation @param {HTMLElement} panel @param {HTMLElement} title
 * @param {string} path @param {NarrativeDoc} doc
 */
function draw(ctx, dictation, panel, title, path, doc) {
  const segments = Array.isArray(doc.segments) ? doc.segments : [];
  const missing = Array.isArray(doc.missing) ? doc.missing : [];
  const own = dictation.providerId === ctx.me.user.id;
  const canEdit = own && ctx.can('dictation:review_own');
  const canCopy = own && ctx.can('dictation:copy_narrative');
  const canRedraft = own && ctx.can('dictation:create');
  /** @type {Review} */
  const review = { ctx, dictation, panel, title, path, doc, error: h('p', { class: 'error', role: 'alert' }) };
  const numbers = new Map(segments.map((s, i) => [s.id, i + 1]));
  const select = evidenceSelector(panel, numbers);
  const copyOut = h('div', { 'aria-live': 'polite' });
  const redraftOut = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'redraft-state' });
  const qaOut = h('section', { class: 'card', 'aria-labelledby': 'qa-review-h', 'data-testid': 'qa-review', 'aria-live': 'polite' });

  mount(
    panel,
    title,
    h(
      'p',
      { class: 'muted' },
      `Version ${doc.version}${doc.template ? ` · ${doc.template}` : ''} · ${own ? 'your dictation' : 'read-only'}`,
    ),
    review.error,
    missingPrompts(review, missing, canEdit),
    reviewNotes(doc, select),
    h(
      'div',
      { class: 'grid two' },
      h(
        'div',
        {},
        h('h3', { class: 'eyebrow', 'data-testid': 'draft-label' }, draftLabel(dictation.status)),
        evidenceLegend(),
        draftSections(doc, select, numbers),
      ),
      h(
        'div',
        {},
        h('h3', { class: 'eyebrow', id: 'transcript-h' }, 'Transcript'),
        h(
          'p',
          { class: 'muted small', id: 'evidence-status', 'aria-live': 'polite', 'data-testid': 'evidence-status' },
          'No sentence selected.',
        ),
        segments.length > 0 ? transcript(doc) : h('p', { class: 'muted' }, 'No transcript segments.'),
      ),
    ),
    qaOut,
    canEdit && textEditor(review),
    canCopy && copyActions(review, missing.length, copyOut),
    copyOut,
    canRedraft && redraftActions(review, redraftOut),
    redraftOut,
  );
  void renderQaReviewPanel(ctx, dictation, doc, panel, qaOut);
}

/**
 * The transcript segments, each with its number written out (the numbers sentences refer to); none
 * is highlighted until a sentence is selected. @param {NarrativeDoc} doc
 */
function transcript(doc) {
  const segments = Array.isArray(doc.segments) ? doc.segments : [];
  return h(
    'ol',
    { class: 'transcript', 'aria-labelledby': 'transcript-h' },
    segments.map((s, i) =>
      h(
        'li',
        { id: `seg-${s.id}`, 'data-segment': s.id },
        h('span', { class: 'seg-no', 'aria-hidden': 'true' }, String(i + 1)),
        ' ',
        s.text,
      ),
    ),
  );
}

/** What the draft's markers mean: selection, the highlight, provider-added sentences. */
function evidenceLegend() {
  return h(
    'p',
    { class: 'legend muted small', 'data-testid': 'evidence-legend' },
    'Select a sentence to highlight the transcript segments it rests on (numbered at the left of the transcript). ',
    h('span', { class: 'sentence provider legend-sample' }, 'Dotted underline'),
    ': added by the provider, no transcript evidence.',
  );
}

/** "segments 2, 5" for the ids of some segments. @param {string[]} ids @param {Map<string, number>} numbers */
function segmentNumbers(ids, numbers) {
  const list = ids.map((id) => numbers.get(id)).filter((n) => n !== undefined);
  return list.length === 1 ? `segment ${list[0]}` : `segments ${list.join(', ')}`;
}

/**
 * Selecting a sentence or note presses its button and highlights (and scrolls to) its evidence
 * only, and says in words which segments those are.
 * @param {HTMLElement} panel @param {Map<string, number>} numbers @returns {SelectEvidence}
 */
function evidenceSelector(panel, numbers) {
  return (item, button) => {
    for (const el of panel.querySelectorAll('.transcript .active')) {
      el.classList.remove('active');
      el.removeAttribute('aria-current');
    }
    for (const el of panel.querySelectorAll('[aria-pressed="true"]')) el.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-pressed', 'true');
    const ids = (item.evidence ?? []).filter((id) => numbers.has(id));
    for (const id of ids) {
      const li = panel.querySelector(`#seg-${CSS.escape(id)}`);
      li?.classList.add('active');
      li?.setAttribute('aria-current', 'true');
    }
    const status = panel.querySelector('#evidence-status');
    if (status)
      status.textContent =
        ids.length > 0 ? `Highlighted: transcript ${segmentNumbers(ids, numbers)}.` : 'No transcript evidence for this selection.';
    const [first] = ids;
    if (first !== undefined) panel.querySelector(`#seg-${CSS.escape(first)}`)?.scrollIntoView({ block: 'nearest' });
  };
}

/**
 * The draft, section by section, each sentence a button that shows its evidence.
 * @param {NarrativeDoc} doc @param {SelectEvidence} select @param {Map<string, number>} numbers
 */
function draftSections(doc, select, numbers) {
  const sections = Array.isArray(doc.sections) ? doc.sections : [];
  return h(
    'div',
    { class: 'sections' },
    sections
      .filter((s) => (s.sentences ?? []).length > 0)
      .map((s) =>
        h(
          'section',
          { 'data-section-key': s.key },
          h('h3', {}, s.title),
          h(
            'p',
            {},
            (s.sentences ?? []).map((x, i) => {
              const button = h(
                'button',
                {
                  type: 'button',
                  'data-sentence-id': `${s.key}.${i}`,
                  class: `sentence ${x.source === 'provider' ? 'provider' : ''}`,
                  'aria-pressed': 'false',
                  title:
                    x.source === 'provider'
                      ? 'Added by the provider (no transcript evidence)'
                      : `Evidence: transcript ${segmentNumbers(x.evidence ?? [], numbers)}`,
                },
                x.text,
              );
              button.addEventListener('click', () => select(x, button));
              return [button, ' '];
            }),
          ),
        ),
      ),
  );
}

/**
 * What the provider should check about how the draft was made (a spoken correction applied).
 * The note says what happened, not the values; selecting it marks the sentences it is about.
 * @param {NarrativeDoc} doc @param {SelectEvidence} select
 */
function reviewNotes(doc, select) {
  const notes = Array.isArray(doc.reviewNotes) ? doc.reviewNotes : [];
  return (
    notes.length > 0 &&
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'notes-h', 'data-testid': 'review-notes' },
      h('h3', { id: 'notes-h' }, `Check before copying (${notes.length})`),
      h(
        'ul',
        { class: 'plain' },
        notes.map((n) => {
          const button = h(
            'button',
            { type: 'button', class: 'sentence', 'aria-pressed': 'false', title: 'Show the sentences this note is about' },
            n.note,
          );
          button.addEventListener('click', () => select(n, button));
          return h('li', {}, button);
        }),
      ),
    )
  );
}

/**
 * The open missing-information prompts; the owner resolves each with a statement.
 * @param {Review} review @param {NonNullable<NarrativeDoc['missing']>} missing @param {boolean} canEdit
 */
function missingPrompts(review, missing, canEdit) {
  return (
    missing.length > 0 &&
    h(
      'section',
      { class: 'card warn-box', 'aria-labelledby': 'missing-h' },
      h('h3', { id: 'missing-h' }, `Missing information (${missing.length})`),
      h(
        'ul',
        { class: 'plain' },
        missing.map((m) => {
          const inputId = `resolve-${m.element}`;
          const form = h(
            'form',
            { class: 'resolve', 'data-element': m.element },
            h('label', { for: inputId }, m.prompt),
            canEdit && h('input', { id: inputId, name: 'statement', required: true, maxlength: '2000' }),
            canEdit && h('button', { type: 'submit' }, 'Resolve'),
          );
          form.addEventListener('submit', async (ev) => {
            ev.preventDefault();
            const statement = /** @type {HTMLInputElement} */ (form.querySelector('input')).value;
            await change(review, { baseVersion: review.doc.version, resolutions: { [m.element]: statement } });
          });
          return h('li', {}, form);
        }),
      ),
    )
  );
}

/**
 * Saves an edit or resolution as a new version (optimistic: against the version shown) and draws
 * it; a version saved meanwhile is shown instead.
 * @param {Review} review @param {Record<string, unknown>} body
 */
async function change(review, body) {
  const { ctx, dictation, panel, title, path } = review;
  mount(review.error);
  try {
    /** @type {NarrativeDoc} */
    const next = await api('PATCH', path, body);
    ctx.flash(`Saved as version ${next.version}.`);
    draw(ctx, dictation, panel, title, path, next);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    if (err.status === 409 && err.code !== 'element_not_open') {
      ctx.flash('The narrative changed meanwhile; showing the current version.', 'error');
      return renderNarrativePanel(ctx, dictation, panel);
    }
    mount(review.error, describeError(err, 'The change'));
  }
}

/** The owner's free-text editor of the whole narrative. @param {Review} review */
function textEditor(review) {
  const form = h(
    'form',
    {},
    h('label', { for: 'narrative-text' }, 'Narrative text (one paragraph per section, "TITLE: …")'),
    h('textarea', { id: 'narrative-text', name: 'text', rows: '10', value: review.doc.text ?? '' }),
    h('button', { type: 'submit' }, 'Save as new version'),
  );
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    await change(review, {
      baseVersion: review.doc.version,
      text: /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea')).value,
    });
  });
  return h('details', { class: 'card' }, h('summary', {}, 'Edit the narrative text'), form);
}

/**
 * The copy formats: the narrative itself (ESO text, or the same text as the NEMSIS eNarrative.01 XML element; refused while
 * prompts are open) and the MIST hospital hand-off read from the dictation's facts (open prompts do not hold it back).
 * @type {{ format: CopyFormat, label: string, testid: string, narrative: boolean, note: string }[]}
 */
const COPY_FORMATS = [
  { format: 'eso_plain_text', label: 'Copy ESO-ready text', testid: 'eso-text', narrative: true, note: 'ESO narrative field' },
  { format: 'nemsis_enarrative_xml', label: 'Copy NEMSIS XML', testid: 'nemsis-text', narrative: true, note: 'NEMSIS eNarrative.01' },
  { format: 'mist_handoff_text', label: 'Copy MIST hand-off', testid: 'mist-text', narrative: false, note: 'hospital hand-off' },
];

/**
 * The copy buttons (the narrative ones refused while prompts are open) and their note.
 * @param {Review} review @param {number} open @param {HTMLElement} out
 */
function copyActions(review, open, out) {
  const limit = review.doc.copyLimit;
  const over = limit !== undefined && limit.chars > limit.maxChars;
  const narrativeBlocked = open > 0 || review.doc.copyable === false || over;
  return h(
    'div',
    { class: 'actions' },
    ...COPY_FORMATS.map((f) =>
      h(
        'button',
        {
          type: 'button',
          'data-format': f.format,
          disabled: f.narrative ? narrativeBlocked : review.doc.handoff === null,
          'aria-describedby': limit === undefined ? 'copy-note' : 'copy-note copy-counter',
          onclick: () => copyText(review, out, f),
        },
        f.label,
      ),
    ),
    limit !== undefined && copyCounter(limit),
    h(
      'span',
      { id: 'copy-note', class: 'muted' },
      open > 0
        ? 'Resolve the missing information before copying the narrative; the MIST hand-off can be copied now.'
        : 'Plain text for the ESO narrative field, the NEMSIS eNarrative.01 element, or the MIST hand-off; every copy is audited.',
    ),
  );
}

/**
 * Characters left in the ePCR narrative field for the ESO text of this version (the server refuses,
 * never truncates, a longer copy). @param {{ chars: number, maxChars: number }} limit
 */
function copyCounter(limit) {
  const left = limit.maxChars - limit.chars;
  return h(
    'span',
    { id: 'copy-counter', class: left < 0 ? 'counter error' : 'counter', 'data-testid': 'copy-counter' },
    left < 0
      ? `${-left} characters over the ePCR narrative limit of ${limit.maxChars}: shorten the narrative before copying.`
      : `${left} of ${limit.maxChars} characters left in the ePCR narrative field.`,
  );
}

/** Once copied to ESO the text is no longer a draft. @param {string} status */
function draftLabel(status) {
  return status === 'copied' ? 'Copied to ESO' : 'Draft';
}

/**
 * Fetches a copy in one format (audited), shows it and puts it on the clipboard.
 * @param {Review} review @param {HTMLElement} out @param {(typeof COPY_FORMATS)[number]} f
 */
async function copyText(review, out, f) {
  const { ctx } = review;
  mount(review.error);
  try {
    /** @type {{ text: string, version: number }} */
    const res = await api('POST', `${review.path}/copy`, { version: review.doc.version, format: f.format });
    const area = h('textarea', {
      readonly: true,
      rows: '8',
      'aria-label': `Copy for the ${f.note}`,
      'data-testid': f.testid,
      value: res.text,
    });
    mount(out, area);
    // Only a narrative format goes into the ePCR; a MIST hand-off leaves the draft a draft.
    if (f.narrative) {
      review.panel.querySelector('[data-testid=draft-label]')?.replaceChildren(draftLabel('copied'));
      review.panel.dispatchEvent(new CustomEvent('narrative-copied', { bubbles: true }));
    }
    try {
      await navigator.clipboard.writeText(res.text);
      ctx.flash(`Copied version ${res.version} (${f.note}) to the clipboard.`);
    } catch {
      /** @type {HTMLTextAreaElement} */ (area).select();
      ctx.flash(`Version ${res.version} (${f.note}) is selected below: press Ctrl+C to copy.`);
    }
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(review.error, describeError(err, 'Copy'));
  }
}

/** The "draft again" button. @param {Review} review @param {HTMLElement} out */
function redraftActions(review, out) {
  return h(
    'div',
    { class: 'actions' },
    h('button', { type: 'button', onclick: () => redraft(review, out) }, 'Transcribe and draft again'),
    h('span', { class: 'muted' }, 'A new version follows; earlier versions and your edits to them are kept.'),
  );
}

/**
 * Asks for another attempt, then reads until a version newer than this one exists (each read is an audited view)
 * or the dictation says the attempt failed: its status restarts at received for the new attempt, so `failed`
 * here is this attempt's, shown with the fixed reason the server chose.
 * @param {Review} review @param {HTMLElement} out
 */
async function redraft(review, out) {
  const { ctx, dictation, panel, title, path, doc } = review;
  mount(review.error);
  try {
    /** @type {{ attempt: number }} */
    const res = await api('POST', tenantPath(ctx.me, `/dictations/${dictation.dictationId}/reprocess`));
    mount(out, `Attempt ${res.attempt} started: drafting again…`);
    for (let i = 0; i < POLL_LIMIT / 2 && panel.isConnected; i++) {
      await new Promise((r) => setTimeout(r, 2 * POLL_MS));
      /** @type {import('./ui-types.js').Dictation | undefined} */
      const now = await api('GET', tenantPath(ctx.me, `/dictations/${dictation.dictationId}`)).catch(() => undefined);
      if (now?.status === 'failed') return mount(out, `Attempt ${res.attempt} failed: ${now.statusMessage ?? 'no reason given'}`);
      /** @type {NarrativeDoc | undefined} */
      const next = await api('GET', path).catch(() => undefined);
      if (next !== undefined && next.version > doc.version) return draw(ctx, dictation, panel, title, path, next);
    }
    mount(out, 'The new draft is taking longer than expected; reopen the dictation later.');
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(review.error, describeError(err, 'Draft again'));
  }
}
