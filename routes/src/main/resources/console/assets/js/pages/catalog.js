// Catalog view: participants, groups, services and topics with who may use them, subscriptions.
import { t } from '../i18n.js';
import { h, table, time, notice } from '../dom.js';
import { get } from '../api.js';
import { header, section } from './common.js';

function allowed(entry) {
  if (entry.anyone) return h('em', { 'data-i18n': 'catalog.everyone' }, t('catalog.everyone'));
  return (entry.allowed || []).join(', ');
}

function part(key, id, content) {
  return h('section', { id }, h('h3', { 'data-i18n': key }, t(key)), content);
}

/** When and from where the catalog in force was loaded, and the last change that was refused. */
async function status() {
  const s = await get('/ops/v1/catalog/status');
  const lines = [h('p', {}, `${t('catalog.loadedAt')} ${time(s.loadedAt)} (${s.source}), ${t('catalog.reloads')}: ${s.reloads}`)];
  if (s.lastError) {
    lines.push(notice('error', `${t('catalog.lastError')} ${time(s.lastError.at)}: ${s.lastError.message}`));
    lines.push(table([['col.file', (p) => p.file], ['col.field', (p) => p.field], ['col.reason', (p) => p.reason]],
      s.lastError.problems || []));
  }
  return h('div', { id: 'catalog-status' }, lines);
}

export async function render(ctx) {
  const [c, loaded] = await Promise.all([get('/ops/v1/catalog'), section(status)]);
  const names = Object.fromEntries(c.participants.map((p) => [p.code, p.name]));
  const groups = Object.entries(c.groups || {}).map(([name, members]) => ({ name, members }));
  return h('div', {}, header('catalog.title', ctx), loaded,
    part('catalog.participants', 'catalog-participants', table([
      ['col.code.agency', (p) => p.code],
      ['col.name', (p) => p.name],
      ['col.clients', (p) => (p.clients || []).join(', ')],
      ['col.file', (p) => p.sourceFile],
    ], c.participants, (p) => ({ 'data-participant': p.code }))),
    part('catalog.services', 'catalog-services', table([
      ['col.service', (s) => `${s.provider}/${s.service}`],
      ['col.name', (s) => s.name],
      ['col.provider', (s) => s.providerName],
      ['col.connector', (s) => s.connectorType],
      ['col.personalData', (s) => (s.personalData ? t('catalog.yes') : '')],
      ['col.allowed', (s) => h('span', { title: (s.allowed || []).map((code) => `${code} ${names[code] || ''}`).join('\n') }, allowed(s))],
    ], c.services, (s) => ({ 'data-service': `${s.provider}/${s.service}` }))),
    part('catalog.topics', 'catalog-topics', table([
      ['col.topic', (tp) => `${tp.publisher}/${tp.topic}`],
      ['col.provider', (tp) => tp.publisherName],
      ['col.personalData', (tp) => (tp.personalData ? t('catalog.yes') : '')],
      ['col.allowedSub', (tp) => allowed(tp)],
    ], c.topics)),
    part('catalog.subscriptions', 'catalog-subscriptions', table([
      ['col.subscriber', (s) => `${s.subscriber} ${s.subscriberName || ''}`],
      ['col.topic', (s) => s.topic],
      ['col.connector', (s) => s.connectorType],
      ['col.attempts', (s) => s.maxAttempts, { class: 'num' }],
    ], c.subscriptions)),
    part('catalog.groups', 'catalog-groups', table([
      ['col.group', (g) => g.name],
      ['col.members', (g) => g.members.join(', ')],
    ], groups)));
}
