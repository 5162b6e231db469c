// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { h, mount } from './dom.js';

const PENDING_CODES = new Set(['not_found', 'narrative_not_found', 'narrative_pending', 'conflict']);
const POLL_MS = 1000;
const POLL_LIMIT = 90;

/**
 * Narrative review of one dictation (`GET …/narrative`, an audited view). Sentences link to the
 * transcript segments they rest on: every cited segment is highlighted, and selecting a sentence
 * marks its own evidence. The owner of the dictation resolves missing-information prompts and
 * edits (PATCH with the version it read: optimistic), then copies the ESO-ready text, which
 * the server refuses while prompts are open, or has it transcribed and drafted again (reprocess:
 * a new version). Others (QA, owner on someone else's) read only.
 * Tolerant reader: fields this screen does not know are ignored.
 */
export async function renderNarrativePanel(ctx, dictation, panel) {
  const title = h('h2', { id: 'narrative-h' }, 'Narrative');
  const path = tenantPath(ctx.me, `/dictations/${dictation.dictationId}/narrative`);
  for (let attempt = 0; panel.isConnected; attempt++) {
    try {
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

function draw(ctx, dictation, panel, title, path, doc) {
  const sections = Array.isArray(doc.sections) ? doc.sections : [];
  const segments = Array.isArray(doc.segments) ? doc.segments : [];
  const missing = Array.isArray(doc.missing) ? doc.missing : [];
  const own = dictation.providerId === ctx.me.user.id;
  const canEdit = own && ctx.can('dictation:review_own');
  const canCopy = own && ctx.can('dictation:copy_narrative');
  const canRedraft = own && ctx.can('dictation:create');
  const cited = new Set(sections.flatMap((s) => s.sentences ?? []).flatMap((x) => x.evidence ?? []));
  const error = h('p', { class: 'error', role: 'alert' });
  const reload = async () => renderNarrativePanel(ctx, dictation, panel);

  const transcript = h(
    'ol',
    { class: 'transcript', 'aria-label': 'Transcript segments' },
    segments.map((s) => h('li', { id: `seg-${s.id}`, 'data-segment': s.id }, cited.has(s.id) ? h('mark', {}, s.text) : s.text)),
  );

  const select = (sentence, button) => {
    for (const el of panel.querySelectorAll('.active')) el.classList.remove('active');
    for (const el of panel.querySelectorAll('[aria-pressed="true"]')) el.setAttribute('aria-pressed', 'false');
    button.setAttribute('aria-pressed', 'true');
    const ids = sentence.evidence ?? [];
    for (const id of ids) panel.querySelector(`#seg-${CSS.escape(id)}`)?.classList.add('active');
    if (ids.length > 0) panel.querySelector(`#seg-${CSS.escape(ids[0])}`)?.scrollIntoView({ block: 'nearest' });
  };
  const narrative = h(
    'div',
    { class: 'sections' },
    sections
      .filter((s) => (s.sentences ?? []).length > 0)
      .map((s) =>
        h(
          'section',
          {},
          h('h3', {}, s.title),
          h(
            'p',
            {},
            (s.sentences ?? []).map((x) => {
              const button = h(
                'button',
                {
                  type: 'button',
                  class: `sentence ${x.source === 'provider' ? 'provider' : ''}`,
                  'aria-pressed': 'false',
                  title:
                    x.source === 'provider'
                      ? 'Added by the provider (no transcript evidence)'
                      : `Evidence: ${(x.evidence ?? []).length} segment(s)`,
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

  // What the provider should check about how the draft was made (a spoken correction applied).
  // The note says what happened, not the values; selecting it marks the sentences it is about.
  const notes = Array.isArray(doc.reviewNotes) ? doc.reviewNotes : [];
  const reviewNotes =
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
    );

  const prompts =
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
            await change({ baseVersion: doc.version, resolutions: { [m.element]: statement } });
          });
          return h('li', {}, form);
        }),
      ),
    );

  async function change(body) {
    mount(error);
    try {
      const next = await api('PATCH', path, body);
      ctx.flash(`Saved as version ${next.version}.`);
      draw(ctx, dictation, panel, title, path, next);
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      if (err.status === 409 && err.code !== 'element_not_open') {
        ctx.flash('The narrative changed meanwhile; showing the current version.', 'error');
        return reload();
      }
      mount(error, describeError(err, 'The change'));
    }
  }

  const editor =
    canEdit &&
    h(
      'details',
      { class: 'card' },
      h('summary', {}, 'Edit the narrative text'),
      (() => {
        const form = h(
          'form',
          {},
          h('label', { for: 'narrative-text' }, 'Narrative text (one paragraph per section, "TITLE: …")'),
          h('textarea', { id: 'narrative-text', name: 'text', rows: '10', value: doc.text ?? '' }),
          h('button', { type: 'submit' }, 'Save as new version'),
        );
        form.addEventListener('submit', async (ev) => {
          ev.preventDefault();
          await change({ baseVersion: doc.version, text: /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea')).value });
        });
        return form;
      })(),
    );

  const copyOut = h('div', { 'aria-live': 'polite' });
  const copy =
    canCopy &&
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        { type: 'button', disabled: missing.length > 0 || doc.copyable === false, 'aria-describedby': 'copy-note', onclick: doCopy },
        'Copy ESO-ready text',
      ),
      h(
        'span',
        { id: 'copy-note', class: 'muted' },
        missing.length > 0 ? 'Resolve the missing information first.' : 'Plain text for the ESO narrative field; the copy is audited.',
      ),
    );

  async function doCopy() {
    mount(error);
    try {
      const res = await api('POST', `${path}/copy`, { version: doc.version });
      const area = h('textarea', {
        readonly: true,
        rows: '8',
        'aria-label': 'ESO-ready narrative',
        'data-testid': 'eso-text',
        value: res.text,
      });
      mount(copyOut, area);
      try {
        await navigator.clipboard.writeText(res.text);
        ctx.flash(`Copied version ${res.version} to the clipboard.`);
      } catch {
        /** @type {HTMLTextAreaElement} */ (area).select();
        ctx.flash(`Version ${res.version} is selected below: press Ctrl+C to copy.`);
      }
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      mount(error, describeError(err, 'Copy'));
    }
  }

  const redraftOut = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'redraft-state' });
  const redraft =
    canRedraft &&
    h(
      'div',
      { class: 'actions' },
      h('button', { type: 'button', onclick: doRedraft }, 'Transcribe and draft again'),
      h('span', { class: 'muted' }, 'A new version follows; earlier versions and your edits to them are kept.'),
    );

  /** Asks for another attempt, then reads until a version newer than this one exists (each read is an audited view). */
  async function doRedraft() {
    mount(error);
    try {
      const res = await api('POST', tenantPath(ctx.me, `/dictations/${dictation.dictationId}/reprocess`));
      mount(redraftOut, `Attempt ${res.attempt} started: drafting again…`);
      for (let i = 0; i < POLL_LIMIT / 2 && panel.isConnected; i++) {
        await new Promise((r) => setTimeout(r, 2 * POLL_MS));
        const next = await api('GET', path).catch(() => undefined);
        if (next !== undefined && next.version > doc.version) return draw(ctx, dictation, panel, title, path, next);
      }
      mount(redraftOut, 'The new draft is taking longer than expected; reopen the dictation later.');
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      mount(error, describeError(err, 'Draft again'));
    }
  }

  mount(
    panel,
    title,
    h(
      'p',
      { class: 'muted' },
      `Version ${doc.version}${doc.template ? ` · ${doc.template}` : ''} · ${own ? 'your dictation' : 'read-only'}`,
    ),
    error,
    prompts,
    reviewNotes,
    h(
      'div',
      { class: 'grid two' },
      h('div', {}, h('h3', { class: 'eyebrow' }, 'Draft'), narrative),
      h(
        'div',
        {},
        h('h3', { class: 'eyebrow' }, 'Transcript (evidence highlighted)'),
        segments.length > 0 ? transcript : h('p', { class: 'muted' }, 'No transcript segments.'),
      ),
    ),
    editor,
    copy,
    copyOut,
    redraft,
    redraftOut,
  );
}
