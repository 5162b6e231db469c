// @ts-check
import { h, mount } from './dom.js';
import { fillList } from './dictation-views.js';

/** QA: every dictation of the tenant, read-only (the API lists all of them for `qa:review_submitted`). */
/** @param {import('./ui-types.js').ViewContext} ctx */
export async function renderQa(ctx) {
  const list = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, 'Loading…'));
  mount(
    ctx.main,
    h('h1', {}, 'QA review'),
    h('p', { class: 'muted' }, "All of the organization's dictations; narratives open read-only."),
    list,
  );
  await fillList(ctx, list);
}
