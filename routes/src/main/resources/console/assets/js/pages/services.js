// Services with their state and circuit, suspend/resume for operators.
import { h, table } from '../dom.js';
import { get } from '../api.js';
import { section, badge, header, actionButton, actionMessage } from './common.js';

function path(s, action) {
  return `/ops/v1/services/${encodeURIComponent(s.provider)}/${encodeURIComponent(s.service)}:${action}`;
}

export async function render(ctx) {
  const list = await section(async () => table([
    ['col.provider', (s) => h('span', { title: s.providerName || '' }, s.provider)],
    ['col.service', (s) => s.service],
    ['col.version', (s) => s.version, { class: 'num' }],
    ['col.connector', (s) => s.connectorType],
    ['common.state', (s) => badge(s.state)],
    ['col.circuit', (s) => badge(s.circuit)],
    ['common.actions', (s) => (!ctx.operator ? '' : s.state === 'SUSPENDED'
      ? actionButton('action.resume', path(s, 'resume'), ctx, `${s.provider}/${s.service}`)
      : actionButton('action.suspend', path(s, 'suspend'), ctx, `${s.provider}/${s.service}`))],
  ], await get('/ops/v1/services'), (s) => ({ 'data-service': `${s.provider}/${s.service}` })));
  return h('div', {}, header('services.title', ctx), actionMessage(), list);
}
