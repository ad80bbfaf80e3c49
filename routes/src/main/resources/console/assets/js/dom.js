// Small DOM helpers. Text always goes through textContent: nothing from the hub is parsed as HTML.
import { t, language } from './i18n.js';

/** Creates an element: h('td', {class: 'n'}, 'text', child, ...). Attributes starting with "on" are listeners. */
export function h(tag, attributes = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(el.dataset, value);
    else el.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** A heading with its text key. */
export function title(key) {
  return h('h2', { 'data-i18n': key }, t(key));
}

/**
 * A table: columns are [textKey, value(row) -> text or Node, {class}]; rowAttributes(row) adds attributes to
 * each row (e.g. data-id for tests and links).
 */
export function table(columns, rows, rowAttributes = () => ({})) {
  if (!rows || rows.length === 0) {
    return h('p', { class: 'empty', 'data-i18n': 'common.none' }, t('common.none'));
  }
  const head = h('tr', {}, columns.map(([key, , options = {}]) =>
    h('th', { 'data-i18n': key, class: options.class }, t(key))));
  const body = rows.map((row) => h('tr', rowAttributes(row), columns.map(([, value, options = {}]) => {
    const content = value(row);
    return h('td', { class: options.class }, content === null || content === undefined ? '' : content);
  })));
  return h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, head), h('tbody', {}, body)));
}

/** A message box: kind is "error", "info" or "ok". */
export function notice(kind, text) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** A button with a text key. */
export function button(key, onclick, attributes = {}) {
  return h('button', { type: 'button', 'data-i18n': key, onclick, ...attributes }, t(key));
}

/** Local date-time text of an ISO instant. */
export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(locale());
}

export function number(value, digits = 0) {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return Number(value).toLocaleString(locale(), { maximumFractionDigits: digits });
}

/** The number and date locale of the chosen language. */
export function locale() {
  return language() === 'vi' ? 'vi-VN' : 'en-GB';
}
