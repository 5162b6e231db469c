// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { badge, h, mount } from './dom.js';

/** @typedef {import('./ui-types.js').ViewContext} ViewContext */
/** @typedef {import('./ui-types.js').Dictation} Dictation */
/** @typedef {import('./ui-types.js').NarrativeDoc} NarrativeDoc */
/** @typedef {{ kind: 'section', sectionKey: string } | { kind: 'sentence', sectionKey: string, sentence: number }} Anchor */
/**
 * @typedef {{ commentId: string, version: number, anchor: Anchor, severity: string, text: string, createdAt: string,
 *   blocking: boolean }} QaComment
 * @typedef {{ ruleId: string, title: string, severity: string, outcome: 'pass' | 'fail' | 'not_applicable', detail: string,
 *   protocol: { name: string, version: number }, evidence: { sentenceIds: string[], segmentIds: string[] } }} QaCheck
 * @typedef {{ state: string, latestVersion: number, comments: QaComment[], blockingComments: number, checks: QaCheck[],
 *   history: { action: string, version: number, at: string }[] }} QaReview
 */

/** The QA review states in words (the dictation list's filter offers them too). */
export const STATE_LABELS = /** @type {Record<string, string>} */ ({
  not_started: 'Not reviewed',
  in_review: 'In QA review',
  returned: 'Returned for changes',
  resubmitted: 'Resubmitted',
  approved: 'Approved',
});
const OUTCOME_LABELS = /** @type {Record<string, string>} */ ({ pass: 'Pass', fail: 'Fail', not_applicable: 'Not applicable' });
const SEVERITIES = ['info', 'minor', 'major', 'critical'];

/**
 * The QA review of the narrative shown in `panel`: the state, the tenant's protocol checks with
 * their evidence (selecting one marks its transcript segments), and the comments, each also shown
 * inline under the sentence or section it points at. QA comments, returns and approves; the
 * dictation's provider resubmits a returned narrative. Every answer redraws the whole card.
 * @param {ViewContext} ctx @param {Dictation} dictation @param {NarrativeDoc} doc @param {HTMLElement} panel @param {HTMLElement} out
 */
export async function renderQaReviewPanel(ctx, dictation, doc, panel, out) {
  const path = tenantPath(ctx.me, `/dictations/${dictation.dictationId}/review`);
  try {
    draw(ctx, dictation, doc, panel, out, path, await api('GET', path));
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(out, h('h3', {}, 'QA review'), h('p', { class: 'error', role: 'alert' }, describeError(err, 'QA review')));
  }
}

/** `treatment.1` → "Treatment, sentence 2". @param {NarrativeDoc} doc @param {Anchor} a */
function anchorLabel(doc, a) {
  const section = (doc.sections ?? []).find((s) => s.key === a.sectionKey);
  const title = section?.title ?? a.sectionKey;
  return a.kind === 'section' ? title : `${title}, sentence ${a.sentence + 1}`;
}

/**
 * @param {ViewContext} ctx @param {Dictation} dictation @param {NarrativeDoc} doc @param {HTMLElement} panel
 * @param {HTMLElement} out @param {string} path @param {QaReview} r
 */
function draw(ctx, dictation, doc, panel, out, path, r) {
  const error = h('p', { class: 'error', role: 'alert' });
  const isQa = ctx.can('qa:review_submitted');
  const own = dictation.providerId === ctx.me.user.id && ctx.can('dictation:review_own');
  const current = r.latestVersion === doc.version;
  /** @param {string} step @param {unknown} body */
  const act = async (step, body) => {
    try {
      draw(ctx, dictation, doc, panel, out, path, await api('POST', `${path}/${step}`, body));
    } catch (err) {
      if (!(err instanceof ApiError) || err.status === 401) throw err;
      error.textContent = describeError(err, 'QA review');
    }
  };
  inlineComments(panel, r.comments);
  mount(
    out,
    h('h3', { id: 'qa-review-h' }, 'QA review ', h('span', { 'data-testid': 'qa-state' }, badge(STATE_LABELS[r.state] ?? r.state))),
    error,
    checksList(panel, r.checks),
    commentList(doc, r.comments),
    isQa && current && ['not_started', 'in_review', 'resubmitted'].includes(r.state) && commentForm(doc, act),
    isQa &&
      current &&
      h(
        'p',
        { class: 'actions' },
        ['in_review', 'resubmitted'].includes(r.state) &&
          h(
            'button',
            { type: 'button', 'data-testid': 'qa-return', onclick: () => act('return', { version: doc.version }) },
            'Return to provider',
          ),
        ['not_started', 'in_review', 'resubmitted'].includes(r.state) &&
          h('button', { type: 'button', 'data-testid': 'qa-approve', onclick: () => act('approve', { version: doc.version }) }, 'Approve'),
      ),
    own &&
      current &&
      r.state === 'returned' &&
      h(
        'p',
        { class: 'actions' },
        h(
          'button',
          { type: 'button', 'data-testid': 'qa-resubmit', onclick: () => act('resubmit', { version: doc.version }) },
          'Resubmit to QA',
        ),
        r.blockingComments > 0 && h('span', { class: 'muted' }, ' Edit the narrative first: a major or critical comment stands.'),
      ),
  );
}

/**
 * Each check: outcome, title, why, and a button marking the sentences and segments of its evidence.
 * @param {HTMLElement} panel @param {QaCheck[]} checks
 */
function checksList(panel, checks) {
  if (checks.length === 0) return h('p', { class: 'muted', 'data-testid': 'qa-checks-none' }, 'No QA protocol checks adopted.');
  return h(
    'ul',
    { class: 'plain', 'aria-label': 'Protocol checks', 'data-testid': 'qa-checks' },
    checks.map((c) => {
      const evidence = c.evidence.sentenceIds.length > 0 ? `Evidence: ${c.evidence.sentenceIds.join(', ')}` : 'No evidence';
      const show = h('button', { type: 'button', class: 'sentence', 'aria-pressed': 'false' }, evidence);
      show.addEventListener('click', () => {
        for (const el of panel.querySelectorAll('.active')) el.classList.remove('active');
        for (const id of c.evidence.segmentIds) panel.querySelector(`#seg-${CSS.escape(id)}`)?.classList.add('active');
        for (const id of c.evidence.sentenceIds) panel.querySelector(`[data-sentence-id="${CSS.escape(id)}"]`)?.classList.add('active');
      });
      return h(
        'li',
        { 'data-testid': `qa-check-${c.ruleId}`, 'data-outcome': c.outcome },
        h('strong', {}, `${OUTCOME_LABELS[c.outcome] ?? c.outcome}: `),
        `${c.title} (${c.severity}) — ${c.detail}. `,
        show,
      );
    }),
  );
}

/** @param {NarrativeDoc} doc @param {QaComment[]} comments */
function commentList(doc, comments) {
  return h(
    'section',
    { 'aria-label': 'QA comments' },
    h('h4', {}, `Comments (${comments.length})`),
    comments.length === 0
      ? h('p', { class: 'muted' }, 'No comments.')
      : h(
          'ul',
          { class: 'plain', 'data-testid': 'qa-comments' },
          comments.map((c) =>
            h(
              'li',
              { class: c.blocking ? 'error' : '' },
              h('strong', {}, `${c.severity}${c.blocking ? ' (blocking)' : ''}`),
              ` · ${anchorLabel(doc, c.anchor)} · version ${c.version}: `,
              c.text,
            ),
          ),
        ),
  );
}

/**
 * Puts each comment under the sentence (or at the end of the section) it points at, removing any
 * drawn before, so the provider reads the comments where the change is needed.
 * @param {HTMLElement} panel @param {QaComment[]} comments
 */
function inlineComments(panel, comments) {
  for (const el of panel.querySelectorAll('.qa-inline')) el.remove();
  for (const c of comments) {
    const note = h('span', { class: 'qa-inline notice', 'data-testid': 'qa-inline-comment' }, `QA (${c.severity}): ${c.text}`);
    const target =
      c.anchor.kind === 'sentence'
        ? panel.querySelector(`[data-sentence-id="${CSS.escape(`${c.anchor.sectionKey}.${c.anchor.sentence}`)}"]`)
        : panel.querySelector(`[data-section-key="${CSS.escape(c.anchor.sectionKey)}"] p`);
    if (target === null) continue;
    if (c.anchor.kind === 'sentence') target.after(' ', note);
    else target.append(' ', note);
  }
}

/**
 * Anchor (a section or one of its sentences), severity and text.
 * @param {NarrativeDoc} doc @param {(step: string, body: unknown) => Promise<void>} act
 */
function commentForm(doc, act) {
  const anchors = (doc.sections ?? []).flatMap((s) => [
    { value: JSON.stringify({ kind: 'section', sectionKey: s.key }), label: `${s.title} (whole section)` },
    ...(s.sentences ?? []).map((x, i) => ({
      value: JSON.stringify({ kind: 'sentence', sectionKey: s.key, sentence: i }),
      label: `${s.title}, sentence ${i + 1}: ${x.text.slice(0, 60)}`,
    })),
  ]);
  const anchor = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'qa-anchor', name: 'anchor' },
      anchors.map((a) => h('option', { value: a.value }, a.label)),
    )
  );
  const severity = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'qa-severity', name: 'severity' },
      SEVERITIES.map((s) => h('option', { value: s }, s)),
    )
  );
  const text = /** @type {HTMLTextAreaElement} */ (
    h('textarea', { id: 'qa-comment', name: 'text', rows: 2, required: true, maxlength: 4000 })
  );
  const form = h(
    'form',
    { 'data-testid': 'qa-comment-form' },
    h('label', { for: 'qa-anchor' }, 'Comment on'),
    anchor,
    h('label', { for: 'qa-severity' }, 'Severity'),
    severity,
    h('label', { for: 'qa-comment' }, 'Comment'),
    text,
    h('button', { type: 'submit' }, 'Add comment'),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void act('comments', { version: doc.version, anchor: JSON.parse(anchor.value), severity: severity.value, text: text.value });
  });
  return form;
}
