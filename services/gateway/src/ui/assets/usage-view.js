// @ts-check
import { api, ApiError, describeError, tenantPath } from './api.js';
import { h, mount } from './dom.js';

/** @typedef {import('./ui-types.js').UsageMonth} UsageMonth */

/** Bytes in the largest unit that keeps a number ≥ 1 (binary units, one decimal). @param {number} n */
export function formatBytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return i === 0 ? `${n} B` : `${v.toFixed(1)} ${units[i]}`;
}

/** The stored data classes, as the rows name them. */
const DATA_CLASSES = /** @type {const} */ ([
  ['audio_recording', 'audio recordings'],
  ['dictation_text', 'dictation text'],
  ['transcript', 'transcripts'],
  ['clinical_document', 'clinical documents'],
  ['narrative', 'narratives'],
]);

/** Per data class: what is stored at the month's end, then what the month wrote and deleted. */
const STORAGE_ROWS = DATA_CLASSES.flatMap(([key, name]) => [
  /** @type {const} */ ([`Stored: ${name}`, (/** @type {UsageMonth} */ m) => formatBytes(m.storage[key].stored)]),
  /** @type {const} */ ([
    `Written / deleted: ${name}`,
    (/** @type {UsageMonth} */ m) => `+${formatBytes(m.storage[key].written)} / −${formatBytes(m.storage[key].deleted)}`,
  ]),
]);

/** One row per measure, one column per month: what the AWS bill is reconciled against. */
const MEASURES = /** @type {const} */ ([
  ['Dictations', (/** @type {UsageMonth} */ m) => `${m.dictations.total} (${m.dictations.audio} audio, ${m.dictations.text} text)`],
  ['HealthScribe jobs', (/** @type {UsageMonth} */ m) => String(m.healthscribe.jobs)],
  [
    'Audio minutes sent to HealthScribe',
    (/** @type {UsageMonth} */ m) => {
      const unknown = m.healthscribe.jobsWithoutDuration;
      return `${(m.healthscribe.audioSeconds / 60).toFixed(1)}${unknown > 0 ? ` + ${unknown} job(s) of unknown length` : ''}`;
    },
  ],
  ['Sandbox (synthetic) jobs', (/** @type {UsageMonth} */ m) => String(m.syntheticJobs)],
  [
    'Re-processing',
    (/** @type {UsageMonth} */ m) => `${m.reprocessing.retranscriptions} re-transcribed, ${m.reprocessing.redrafts} re-drafted`,
  ],
  ...STORAGE_ROWS,
  ['Model (LLM) drafts', (/** @type {UsageMonth} */ m) => `${m.llmDrafts.requested} requested, ${m.llmDrafts.used} used`],
]);

/**
 * Usage per month for the owner (`tenant:manage`): counts and bytes derived by the audit service
 * from the tenant's events — no names, no dictations, no text.
 * @param {import('./ui-types.js').ViewContext} ctx
 */
export async function renderUsage(ctx) {
  const out = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  mount(
    ctx.main,
    h('h1', {}, 'Usage'),
    h(
      'p',
      { class: 'muted' },
      'Per calendar month (UTC), counted from the audit log: what AWS bills for. A recording re-sent by the same provider ' +
        'within the intake window is answered with the stored dictation and counted once. Stored: the bytes held at the ' +
        "month's end (all earlier months included); written / deleted: the bytes the month added and removed.",
    ),
    out,
  );
  try {
    /** @type {{ months: UsageMonth[] }} */
    const report = await api('GET', tenantPath(ctx.me, '/usage?months=6'));
    const months = [...report.months].reverse();
    mount(
      out,
      h(
        'table',
        { 'data-testid': 'usage-table' },
        h('caption', {}, 'The last six months, newest first'),
        h(
          'thead',
          {},
          h('tr', {}, h('th', { scope: 'col' }, 'Measure'), ...months.map((m) => h('th', { scope: 'col', class: 'num' }, m.month))),
        ),
        h(
          'tbody',
          {},
          ...MEASURES.map(([label, cell]) =>
            h('tr', {}, h('th', { scope: 'row' }, label), ...months.map((m) => h('td', { class: 'num', 'data-month': m.month }, cell(m)))),
          ),
        ),
      ),
    );
  } catch (err) {
    if (!(err instanceof ApiError) || err.status === 401) throw err;
    mount(out, h('p', { class: 'error', role: 'alert' }, describeError(err, 'The usage report')));
  }
}
