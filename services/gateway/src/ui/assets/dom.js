// @ts-check
/**
 * DOM building from elements and text nodes only (no HTML parsing): every string is a text node, so nothing the API returns
 * (narrative text, transcript segments, error messages) can ever become markup or script.
 */

/** @typedef {import('./ui-types.js').Child} Child */

/**
 * @param {string} tag
 * @param {Record<string, unknown>} [attrs] `on<event>` keys add listeners; `class`, booleans and strings set attributes.
 * @param {...Child} children
 * @returns {HTMLElement}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), /** @type {EventListener} */ (value));
    else if (key === 'class') el.className = String(value);
    else if (key === 'value' && 'value' in el) /** @type {HTMLInputElement} */ (el).value = String(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

/** @param {Element} el @param {Child[]} children */
function append(el, children) {
  for (const child of children) {
    if (Array.isArray(child)) append(el, child);
    else if (child !== null && child !== undefined && child !== false) el.append(child instanceof Node ? child : String(child));
  }
}

/** Replaces the content of `target`. @param {Element} target @param {...Child} children */
export function mount(target, ...children) {
  target.replaceChildren();
  append(target, children);
}

/** A status badge: the word is always written out, colour only repeats it. @param {string} status */
export function badge(status) {
  return h('span', { class: `badge badge-${status.replace(/[^a-z_-]/g, '')}` }, status);
}

/** Reads a form's named fields as strings. @param {HTMLFormElement} form */
export function formValues(form) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const [k, v] of new FormData(form).entries()) if (typeof v === 'string') out[k] = v;
  return out;
}
