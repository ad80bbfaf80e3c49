// Audit search (newest first, page by page) with NDJSON and CSV export of the same filters.
import { t } from '../i18n.js';
import { h, table, time } from '../dom.js';
import { get, query } from '../api.js';
import { section, header } from './common.js';

const KINDS = ['', 'CALL', 'PUBLISH', 'DELIVERY', 'REJECT', 'OPS'];
const TEXT_FIELDS = [['consumer', 'col.consumer'], ['provider', 'col.provider'], ['service', 'col.service'],
  ['topic', 'col.topic'], ['subscriber', 'col.subscriber'], ['exchangeId', 'col.exchange'], ['code', 'col.code']];

/** datetime-local value (local time) to an ISO instant, or ''. */
function instant(local) {
  if (!local) return '';
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString();
}

/** An ISO instant as a datetime-local value (local time, minutes), or ''. */
function local(iso) {
  const d = iso ? new Date(iso) : null;
  if (!d || Number.isNaN(d.getTime())) return '';
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function filtersOf(params) {
  const f = { from: params.get('from') || '', to: params.get('to') || '', kind: params.get('kind') || '' };
  TEXT_FIELDS.forEach(([name]) => { f[name] = params.get(name) || ''; });
  return f;
}

function filterForm(filters) {
  const from = h('input', { type: 'datetime-local', name: 'from', id: 'audit-from', value: local(filters.from) });
  const to = h('input', { type: 'datetime-local', name: 'to', id: 'audit-to', value: local(filters.to) });
  const kind = h('select', { name: 'kind', id: 'audit-kind' }, KINDS.map((k) =>
    h('option', { value: k, selected: k === filters.kind }, k || t('audit.any'))));
  const texts = TEXT_FIELDS.map(([name, key]) => h('label', {}, h('span', { 'data-i18n': key }, t(key)),
    h('input', { name, id: `audit-${name}`, value: filters[name] })));
  const form = h('form', { class: 'filters', id: 'audit-filter' },
    h('label', {}, h('span', { 'data-i18n': 'audit.from' }, t('audit.from')), from),
    h('label', {}, h('span', { 'data-i18n': 'audit.to' }, t('audit.to')), to),
    h('label', {}, h('span', { 'data-i18n': 'col.kind' }, t('col.kind')), kind),
    texts,
    h('button', { type: 'submit', 'data-i18n': 'common.search' }, t('common.search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const next = { from: instant(from.value), to: instant(to.value), kind: kind.value };
    TEXT_FIELDS.forEach(([name]) => { next[name] = form.elements[name].value.trim(); });
    window.location.hash = `#/audit${query(next)}`;
  });
  return form;
}

function rows(items) {
  return table([
    ['col.time', (r) => time(r.time)],
    ['col.kind', (r) => r.kind],
    ['col.consumer', (r) => r.consumer],
    ['col.service', (r) => (r.service ? `${r.provider}/${r.service}` : (r.topic ? `${r.provider || ''} ${r.topic}` : r.provider))],
    ['col.subscriber', (r) => r.subscriber],
    ['col.status', (r) => r.status, { class: 'num' }],
    ['col.code', (r) => r.code],
    ['col.duration', (r) => r.durationMs, { class: 'num' }],
    ['col.exchange', (r) => h('code', {}, r.exchangeId || '')],
  ], items, (r) => ({ 'data-audit-id': r.id }));
}

export async function render(ctx) {
  const filters = filtersOf(ctx.params);
  const exports = h('p', { class: 'exports' }, h('span', { 'data-i18n': 'audit.export' }, t('audit.export')), ' ',
    h('a', { id: 'export-ndjson', href: `/ops/v1/audit/export${query({ ...filters, format: 'ndjson' })}`, 'data-i18n': 'audit.exportNdjson' }, t('audit.exportNdjson')),
    ' · ',
    h('a', { id: 'export-csv', href: `/ops/v1/audit/export${query({ ...filters, format: 'csv' })}`, 'data-i18n': 'audit.exportCsv' }, t('audit.exportCsv')));
  const results = h('div', { id: 'audit-results' });
  const more = h('div', {});
  const load = async (before) => {
    const page = await get(`/ops/v1/audit${query({ ...filters, before, limit: 50 })}`);
    results.append(rows(page.items));
    more.replaceChildren(page.next ? h('button', { type: 'button', 'data-i18n': 'common.more',
      onclick: () => load(page.next) }, t('common.more')) : '');
    return results;
  };
  const first = await section(() => load(undefined));
  return h('div', {}, header('audit.title', ctx), filterForm(filters), exports, first, more);
}
