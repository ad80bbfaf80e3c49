// The console shell: session, navigation (hash routes), language switch, and the current page.
import { t, translate, languageSwitch, onLanguageChange } from './i18n.js';
import { session, logout, get } from './api.js';
import { h, notice } from './dom.js';
import * as dashboard from './pages/dashboard.js';
import * as services from './pages/services.js';
import * as subscriptions from './pages/subscriptions.js';
import * as deadLetters from './pages/dead-letters.js';
import * as audit from './pages/audit.js';
import * as catalog from './pages/catalog.js';
import * as maintenance from './pages/maintenance.js';

// [route, text key, module, operator only]
const PAGES = [
  ['dashboard', 'nav.dashboard', dashboard, true],
  ['services', 'nav.services', services, true],
  ['subscriptions', 'nav.subscriptions', subscriptions, true],
  ['dead-letters', 'nav.deadLetters', deadLetters, true],
  ['audit', 'nav.audit', audit, false],
  ['catalog', 'nav.catalog', catalog, true],
  ['maintenance', 'nav.maintenance', maintenance, true],
];

let context = null;
let timer = null;
// Counts page changes: a render that finishes after the operator moved to another page is dropped, so a slow
// page can never overwrite the one now shown (nor restart its own auto-refresh).
let shown = 0;

function visiblePages() {
  return PAGES.filter(([, , , operatorOnly]) => context.operator || !operatorOnly);
}

function currentRoute() {
  const [path, search] = window.location.hash.replace(/^#\/?/, '').split('?');
  const pages = visiblePages();
  const page = pages.find(([route]) => route === path) || pages[0];
  return { page, params: new URLSearchParams(search || '') };
}

function renderNav(active) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...visiblePages().map(([route, key]) =>
    h('a', { href: `#/${route}`, id: `nav-${route}`, 'data-i18n': key, class: route === active ? 'active' : null,
      'aria-current': route === active ? 'page' : null }, t(key))));
}

/** Shows a banner on every page while the node is in maintenance. */
async function renderBanner() {
  const banner = document.getElementById('banner');
  if (!context.operator) return;
  try {
    const m = await get('/ops/v1/maintenance');
    banner.replaceChildren(m && m.enabled ? notice('info', t('dash.maintenanceOn')) : '');
  } catch (e) {
    banner.replaceChildren();
  }
}

async function show() {
  clearInterval(timer);
  const generation = ++shown;
  const { page, params } = currentRoute();
  const [route, , module] = page;
  renderNav(route);
  const main = document.getElementById('page');
  main.dataset.page = route;
  main.replaceChildren(h('p', { class: 'loading' }, t('common.loading')));
  const refresh = async () => {
    try {
      const [content] = await Promise.all([module.render({ ...context, params, refresh }), renderBanner()]);
      if (generation !== shown) return;
      main.replaceChildren(content);
      main.dataset.loaded = String(Date.now());
    } catch (e) {
      if (generation !== shown) return;
      main.replaceChildren(notice('error', e.message || t('error.network')));
    }
  };
  await refresh();
  if (generation === shown && module.AUTO_REFRESH_MS) timer = setInterval(refresh, module.AUTO_REFRESH_MS);
}

async function start() {
  translate();
  languageSwitch();
  const s = await session();
  if (!s.username) {
    window.location.replace('/console/login');
    return;
  }
  context = { username: s.username, roles: s.roles, operator: s.roles.includes('operator') };
  document.getElementById('user').textContent = s.username;
  document.getElementById('logout').addEventListener('click', logout);
  if (!context.operator) {
    const note = notice('info', t('role.auditor'));
    note.dataset.i18n = 'role.auditor';
    document.getElementById('banner').replaceChildren(note);
  }
  window.addEventListener('hashchange', show);
  onLanguageChange(show);
  await show();
}

start().catch((e) => {
  document.getElementById('page').replaceChildren(notice('error', e.message || t('error.network')));
});
