// Dead letters: filter, inspect, replay, discard (one or every matching).
import { t } from '../i18n.js';
import { h, table, time, button, notice } from '../dom.js';
import { get, query } from '../api.js';
import { section, badge, header, actionButton, actionMessage } from './common.js';

function filterForm(params) {
  const subscriber = h('input', { name: 'subscriber', id: 'dl-subscriber', value: params.get('subscriber') || '' });
  const topic = h('input', { name: 'topic', id: 'dl-topic', value: params.get('topic') || '' });
  const form = h('form', { class: 'filters', id: 'dl-filter' },
    h('label', {}, h('span', { 'data-i18n': 'col.subscriber' }, t('col.subscriber')), subscriber),
    h('label', {}, h('span', { 'data-i18n': 'col.topic' }, t('col.topic')), topic),
    h('button', { type: 'submit', 'data-i18n': 'common.search' }, t('common.search')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    window.location.hash = `#/dead-letters${query({ subscriber: subscriber.value.trim(), topic: topic.value.trim() })}`;
  });
  return form;
}

async function inspect(messageId) {
  const box = document.getElementById('dl-detail');
  try {
    const d = await get(`/ops/v1/dead-letters/${encodeURIComponent(messageId)}`);
    const props = Object.entries(d.properties || {}).map(([name, value]) => ({ name, value }));
    box.replaceChildren(h('section', { class: 'detail', id: 'dl-inspection', dataset: { message: messageId } },
      h('h3', { 'data-i18n': 'dl.inspect' }, t('dl.inspect')),
      h('p', {}, h('code', {}, messageId)),
      h('h4', { 'data-i18n': 'dl.properties' }, t('dl.properties')),
      table([['col.name', (p) => p.name], ['col.value', (p) => String(p.value)]], props),
      h('h4', { 'data-i18n': 'dl.body' }, t('dl.body')),
      h('pre', { class: 'body' }, d.body ?? ''),
      button('common.close', () => box.replaceChildren())));
  } catch (e) {
    box.replaceChildren(notice('error', e.message));
  }
}

export async function render(ctx) {
  const filters = { subscriber: ctx.params.get('subscriber') || '', topic: ctx.params.get('topic') || '' };
  const list = await section(async () => table([
    ['col.message', (d) => h('code', {}, d.messageId)],
    ['col.subscriber', (d) => d.subscriber],
    ['col.topic', (d) => d.topic],
    ['col.attempts', (d) => d.attempts, { class: 'num' }],
    ['col.lastError', (d) => d.lastError],
    ['col.updated', (d) => time(d.updatedAt)],
    ['common.state', (d) => badge(d.state)],
    ['common.actions', (d) => h('span', { class: 'actions' },
      button('action.inspect', () => inspect(d.messageId), { class: 'action action-inspect' }),
      ctx.operator ? actionButton('action.replay', `/ops/v1/dead-letters/${encodeURIComponent(d.messageId)}:replay`, ctx,
        d.messageId, { done: () => t('dl.replayed') }) : '',
      ctx.operator ? actionButton('action.discard', `/ops/v1/dead-letters/${encodeURIComponent(d.messageId)}:discard`, ctx,
        d.messageId, { done: () => t('dl.discarded') }) : '')],
  ], await get(`/ops/v1/dead-letters${query(filters)}`), (d) => ({ 'data-message': d.messageId })));
  const bulk = ctx.operator ? actionButton('action.replayAll', `/ops/v1/dead-letters:replay${query(filters)}`, ctx,
    t('action.replayAll'), { done: (r) => t('dl.bulk', { n: r.replayed, f: (r.failed || []).length }),
      attributes: { id: 'dl-replay-all' } }) : '';
  return h('div', {}, header('dl.title', ctx), filterForm(ctx.params), actionMessage(),
    h('div', { class: 'bulk' }, bulk), list, h('div', { id: 'dl-detail' }));
}
