// The login page: fills the form's CSRF field from the session and shows why the visitor is here.
import { t, translate, languageSwitch, onLanguageChange } from './i18n.js';
import { session } from './api.js';
import { notice } from './dom.js';

function showMessage() {
  const params = new URLSearchParams(window.location.search);
  const box = document.getElementById('login-message');
  box.replaceChildren();
  if (params.has('error')) box.append(notice('error', t('login.error')));
  else if (params.has('expired')) box.append(notice('info', t('login.expired')));
  else if (params.has('logout')) box.append(notice('ok', t('login.logout')));
}

async function start() {
  translate();
  languageSwitch();
  showMessage();
  onLanguageChange(showMessage);
  const form = document.getElementById('login-form');
  const s = await session();
  if (s.username) {
    window.location.replace('/console/');
    return;
  }
  const field = document.getElementById('csrf');
  field.name = s.parameter;
  field.value = s.token;
  form.dataset.ready = 'true';
}

start().catch(() => {
  document.getElementById('login-message').replaceChildren(notice('error', t('error.network')));
});
