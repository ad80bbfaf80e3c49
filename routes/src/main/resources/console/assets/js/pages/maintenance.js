// Maintenance mode: shows the node's state and switches it.
import { t } from '../i18n.js';
import { h, time } from '../dom.js';
import { get } from '../api.js';
import { section, header, actionButton, actionMessage, badge } from './common.js';

export async function render(ctx) {
  const state = await section(async () => {
    const m = await get('/ops/v1/maintenance');
    const text = m.enabled ? t('maint.on') : t('maint.off');
    return h('div', { id: 'maintenance-state', dataset: { enabled: String(!!m.enabled) } },
      h('p', {}, badge(m.enabled ? 'MAINTENANCE' : 'SERVING'), ' ', text,
        m.enabled && m.since ? ` ${t('maint.since')} ${time(m.since)}` : '',
        m.enabled && m.by ? ` ${t('maint.by')} ${m.by}` : ''),
      actionButton(m.enabled ? 'maint.disable' : 'maint.enable', '/ops/v1/maintenance', ctx,
        m.enabled ? t('maint.disable') : t('maint.enable'), { body: { enabled: !m.enabled },
          attributes: { id: 'maintenance-toggle' } }));
  });
  return h('div', {}, header('maint.title', ctx), h('p', { class: 'help', 'data-i18n': 'maint.help' }, t('maint.help')),
    actionMessage(), state);
}
