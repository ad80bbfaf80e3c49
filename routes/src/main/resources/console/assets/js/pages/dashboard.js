// Dashboard: node health, traffic per service over the last 15 minutes, backlog per subscription.
import { t } from '../i18n.js';
import { h, table, number } from '../dom.js';
import { get, query } from '../api.js';
import { section, badge, header } from './common.js';

export const AUTO_REFRESH_MS = 10000;
const WINDOW_MINUTES = 15;

async function health() {
  // Health answers 503 with its JSON body when the node is down: read it either way.
  const response = await fetch('/actuator/health', { credentials: 'same-origin', cache: 'no-store' });
  const body = await response.json();
  const components = Object.entries(body.components || {}).map(([name, c]) => ({ name, status: c.status }));
  return h('div', {},
    h('p', { id: 'node-health' }, badge(body.status)),
    h('ul', { class: 'chips' }, components.map((c) =>
      h('li', { 'data-component': c.name }, c.name, ' ', badge(c.status)))));
}

async function traffic() {
  const to = new Date();
  const from = new Date(to.getTime() - WINDOW_MINUTES * 60000);
  const stats = await get(`/ops/v1/stats${query({ from: from.toISOString(), to: to.toISOString() })}`);
  const rows = (stats.services || []).map((s) => {
    const requests = (s.success || 0) + (s.failure || 0);
    return { ...s, requests, rate: requests / WINDOW_MINUTES, errorRate: requests ? (100 * (s.failure || 0)) / requests : 0 };
  });
  return table([
    ['col.service', (s) => `${s.provider}/${s.service}`],
    ['col.requests', (s) => number(s.requests), { class: 'num requests' }],
    ['col.success', (s) => number(s.success), { class: 'num success' }],
    ['col.failure', (s) => number(s.failure), { class: 'num failure' }],
    ['col.rate', (s) => number(s.rate, 1), { class: 'num' }],
    ['col.errorRate', (s) => `${number(s.errorRate, 1)} %`, { class: 'num' }],
    ['col.p95', (s) => number(s.p95Ms), { class: 'num' }],
  ], rows, (s) => ({ 'data-service': `${s.provider}/${s.service}` }));
}

async function backlog() {
  const subscriptions = await get('/ops/v1/subscriptions');
  return table([
    ['col.subscription', (s) => h('a', { href: `#/dead-letters?subscriber=${encodeURIComponent(s.subscriber)}&topic=${encodeURIComponent(s.topic)}` }, s.id)],
    ['common.state', (s) => badge(s.state)],
    ['col.backlog', (s) => number(s.backlog), { class: 'num backlog' }],
    ['col.inFlight', (s) => number(s.inFlight), { class: 'num' }],
    ['col.deadLetters', (s) => number(s.deadLetters), { class: 'num dead' }],
    ['col.oldest', (s) => number(s.oldestMessageAgeSeconds), { class: 'num' }],
  ], subscriptions, (s) => ({ 'data-subscription': s.id }));
}

export async function render(ctx) {
  const [healthPart, trafficPart, backlogPart] = await Promise.all([section(health), section(traffic), section(backlog)]);
  return h('div', {},
    header('nav.dashboard', ctx),
    h('section', { id: 'health' }, h('h3', { 'data-i18n': 'dash.health' }, t('dash.health')), healthPart),
    h('section', { id: 'traffic' }, h('h3', { 'data-i18n': 'dash.traffic' }, t('dash.traffic')), trafficPart),
    h('section', { id: 'backlog' }, h('h3', { 'data-i18n': 'dash.backlog' }, t('dash.backlog')), backlogPart));
}
