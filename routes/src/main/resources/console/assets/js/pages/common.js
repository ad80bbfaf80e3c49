// Pieces shared by several pages.
import { t } from '../i18n.js';
import { h, notice, button, locale } from '../dom.js';
import { post } from '../api.js';

/** Runs a page section's loader; a 404 (endpoint not on this hub version) or error becomes a message. */
export async function section(load) {
  try {
    return await load();
  } catch (e) {
    if (e.status === 404 && !e.code) return notice('info', t('common.unavailable'));
    if (e.status === 404 && e.code === 'NOT_FOUND' && /No static resource|no handler/i.test(e.message)) {
      return notice('info', t('common.unavailable'));
    }
    return notice('error', e.message);
  }
}

/** A state badge (ACTIVE, SUSPENDED, DEAD, UP, DOWN, ...). */
export function badge(state) {
  if (state === null || state === undefined) return '';
  return h('span', { class: `badge state-${String(state).toLowerCase()}` }, state);
}

/**
 * An action button that asks for confirmation, posts, then shows the outcome in the page's message box and
 * refreshes the page.
 */
export function actionButton(key, path, ctx, confirmText, options = {}) {
  return button(key, async () => {
    if (confirmText && !window.confirm(t('common.confirm') + confirmText)) return;
    const box = document.getElementById('action-message');
    try {
      const result = await post(path, options.body);
      const message = options.done ? options.done(result) : t('common.done');
      await ctx.refresh();
      document.getElementById('action-message')?.replaceChildren(notice('ok', message));
    } catch (e) {
      (document.getElementById('action-message') || box)?.replaceChildren(notice('error', e.message));
    }
  }, { class: `action action-${key.split('.').pop()}`, ...(options.attributes || {}) });
}

/** The message box of a page's actions. */
export function actionMessage() {
  return h('div', { id: 'action-message' });
}

/** A header line with a title key, a refresh button and the update time. */
export function header(titleKey, ctx) {
  return h('div', { class: 'page-head' },
    h('h2', { 'data-i18n': titleKey }, t(titleKey)),
    button('common.refresh', () => ctx.refresh(), { class: 'refresh' }),
    h('span', { class: 'updated' }, `${t('common.updated')} ${new Date().toLocaleTimeString(locale())}`));
}
