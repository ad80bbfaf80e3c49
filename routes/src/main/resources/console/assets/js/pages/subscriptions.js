// Subscriptions with their counters, suspend/resume for operators and a link to their dead letters; below them
// the subscriptions removed from the catalog whose messages the broker still keeps, with discard for operators.
import { t } from '../i18n.js';
import { h, table, number } from '../dom.js';
import { get, query } from '../api.js';
import { section, badge, header, actionButton, actionMessage } from './common.js';

// The id (subscriber>publisher/topic) holds a '/': it stays a path separator (an encoded %2F is refused).
function path(s, action) {
  return `/ops/v1/subscriptions/${s.id.split('/').map(encodeURIComponent).join('/')}:${action}`;
}

export async function render(ctx) {
  const list = await section(async () => table([
    ['col.subscriber', (s) => s.subscriber],
    ['col.topic', (s) => s.topic],
    ['common.state', (s) => badge(s.state)],
    ['col.backlog', (s) => number(s.backlog), { class: 'num backlog' }],
    ['col.inFlight', (s) => number(s.inFlight), { class: 'num' }],
    ['col.delivered', (s) => number(s.delivered), { class: 'num' }],
    ['col.retried', (s) => number(s.retried), { class: 'num' }],
    ['col.deadLetters', (s) => (s.deadLetters
      ? h('a', { href: `#/dead-letters?subscriber=${encodeURIComponent(s.subscriber)}&topic=${encodeURIComponent(s.topic)}`,
        title: t('subs.showDead') }, number(s.deadLetters))
      : number(s.deadLetters)), { class: 'num dead' }],
    ['col.oldest', (s) => number(s.oldestMessageAgeSeconds), { class: 'num' }],
    ['common.actions', (s) => (!ctx.operator ? '' : s.state === 'SUSPENDED'
      ? actionButton('action.resume', path(s, 'resume'), ctx, s.id)
      : actionButton('action.suspend', path(s, 'suspend'), ctx, s.id))],
  ], await get('/ops/v1/subscriptions'), (s) => ({ 'data-subscription': s.id })));
  return h('div', {}, header('subs.title', ctx), actionMessage(), list, await retired(ctx));
}

/** Subscriptions no longer in the catalog with deliveries still open (GET /ops/v1/retired-subscriptions). */
async function retired(ctx) {
  const list = await section(async () => table([
    ['col.subscriber', (r) => r.subscriber],
    ['col.topic', (r) => r.topic],
    ['col.pending', (r) => number(r.pending), { class: 'num' }],
    ['col.retried', (r) => number(r.retrying), { class: 'num' }],
    ['col.deadLetters', (r) => number(r.dead), { class: 'num' }],
    ['col.queue', (r) => h('code', {}, r.queue)],
    ['common.actions', (r) => (!ctx.operator ? ''
      : actionButton('action.discard', `/ops/v1/retired-subscriptions:discard${query({ subscriber: r.subscriber, topic: r.topic })}`,
        ctx, `${r.subscriber} > ${r.topic}`, { done: (d) => t('subs.retiredDiscarded',
          { q: d.fromQueue, d: d.fromDeadLetters, m: d.deliveriesMarked }) }))],
  ], await get('/ops/v1/retired-subscriptions'), (r) => ({ 'data-retired': `${r.subscriber}>${r.topic}` })));
  return h('section', { id: 'retired-subscriptions' },
    h('h3', { 'data-i18n': 'subs.retiredTitle' }, t('subs.retiredTitle')),
    h('p', { class: 'hint', 'data-i18n': 'subs.retiredHint' }, t('subs.retiredHint')), list);
}
