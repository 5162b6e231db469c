// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { h, mount } from './dom.js';
import { fillList } from './dictation-views.js';

/** @typedef {import('./ui-types.js').EditDistanceReport} EditDistanceReport */
/** @typedef {import('./ui-types.js').EditDistanceStats} EditDistanceStats */

/**
 * QA (and owners): every dictation of the tenant, read-only (the API lists all of them for `qa:review_submitted`), and how much
 * providers edit drafts before copying them — the distribution of the first-draft-to-copy edit distance.
 * @param {import('./ui-types.js').ViewContext} ctx
 */
export async function renderQa(ctx) {
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  const distances = h('section', { class: 'card', 'aria-labelledby': 'edit-distance-h', 'data-testid': 'edit-distance' });
  mount(
    ctx.main,
    h('h1', {}, 'QA review'),
    distances,
    h('p', { class: 'muted' }, "All of the organization's dictations; narratives open read-only."),
    list,
  );
  await Promise.all([fillDistances(ctx, distances), fillList(ctx, list)]);
}

const fmt = (/** @type {number | null} */ n) => (n === null ? '–' : n.toFixed(2));

/** One histogram as a row of counts per bucket: `0` then `≤0.1` … `≤1`. @param {EditDistanceStats} s */
const histogramText = (s) => s.histogram.map((b) => `${b.le === 0 ? '0' : `≤${b.le}`}: ${b.count}`).join('  ');

/**
 * A table of groups with count, mean, p50, p90 and the histogram.
 * @param {string} caption @param {string} heading @param {{ label: string, stats: EditDistanceStats }[]} rows @param {string} testid
 */
function statsTable(caption, heading, rows, testid) {
  return h(
    'table',
    { 'data-testid': testid },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...[heading, 'Copied', 'Mean', 'p50', 'p90', 'Histogram'].map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...rows.map(({ label, stats }) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, label),
          h('td', {}, String(stats.count)),
          h('td', {}, fmt(stats.mean)),
          h('td', {}, fmt(stats.p50)),
          h('td', {}, fmt(stats.p90)),
          h('td', { class: 'muted' }, histogramText(stats)),
        ),
      ),
    ),
  );
}

/** Loads and draws the edit-distance report. @param {import('./ui-types.js').ViewContext} ctx @param {HTMLElement} out */
async function fillDistances(ctx, out) {
  const heading = h('h2', { id: 'edit-distance-h' }, 'How much drafts are edited before copying');
  const note = h(
    'p',
    { class: 'muted' },
    'Normalised edit distance between the first draft and the copied narrative (0 = copied as drafted, 1 = rewritten), ' +
      'one value per copied narrative, last 90 days.',
  );
  try {
    /** @type {EditDistanceReport} */
    const r = await api('GET', tenantPath(ctx.me, '/narrative-metrics/edit-distance'));
    if (r.overall.count === 0) {
      mount(out, heading, note, h('p', { class: 'muted', 'data-testid': 'edit-distance-empty' }, 'No narrative copied yet.'));
      return;
    }
    mount(
      out,
      heading,
      note,
      statsTable('All copied narratives', 'Scope', [{ label: 'All', stats: r.overall }], 'edit-distance-overall'),
      statsTable(
        'By template',
        'Template',
        r.byTemplate.map((g) => ({ label: `${g.template} v${g.templateVersion}`, stats: g })),
        'edit-distance-template',
      ),
      statsTable(
        'By engine and drafter',
        'Engine / drafter',
        r.byDrafter.map((g) => ({
          label: `${g.engine} ${g.engineVersion} · ${g.drafter}${g.promptVersion === null ? '' : ` (${g.promptVersion})`}`,
          stats: g,
        })),
        'edit-distance-drafter',
      ),
      statsTable(
        'By provider',
        'Provider',
        r.byProvider.map((g) => ({ label: g.providerEmail ?? g.providerId, stats: g })),
        'edit-distance-provider',
      ),
    );
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(out, heading, h('p', { class: 'error', role: 'alert' }, describeError(err, 'Edit distance report')));
  }
}
