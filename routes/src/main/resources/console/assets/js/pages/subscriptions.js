// Subscriptions with their counters, suspend/resume for operators and a link to their dead letters.
import { t } from '../i18n.js';
import { h, table, number } from '../dom.js';
import { get } from '../api.js';
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
  return h('div', {}, header('subs.title', ctx), actionMessage(), list);
}
