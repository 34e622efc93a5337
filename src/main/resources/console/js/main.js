// The console's shell: login, navigation (#/view/param), language, and the refresh loop of live views.
import { api, whenUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { lang, setLang, t } from './i18n.js';
import { dashboard } from './views/dashboard.js';
import { exchanges } from './views/exchanges.js';
import { errors } from './views/errors.js';
import { outbox } from './views/outbox.js';
import { orders } from './views/orders.js';
import { upload } from './views/upload.js';
import { settings } from './views/settings.js';

const VIEWS = { dashboard, exchanges, errors, outbox, orders, upload, settings };
const REFRESH_MS = 2000;
const view = () => document.getElementById('view');
let timer = null;
let generation = 0;

function translateStatic() {
  document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
  document.getElementById('lang-ru').classList.toggle('current', lang() === 'ru');
  document.getElementById('lang-en').classList.toggle('current', lang() === 'en');
  document.title = 'OCBridge — ' + t('title');
}

export function showProblem(message) {
  const el = document.getElementById('problem');
  el.textContent = message;
  el.hidden = !message;
}

function loggedIn(operator) {
  document.getElementById('nav').hidden = false;
  document.getElementById('logout').hidden = false;
  document.getElementById('operator').textContent = operator;
  route();
}

function showLogin(message) {
  clearTimeout(timer);
  generation++;
  document.getElementById('nav').hidden = true;
  document.getElementById('logout').hidden = true;
  document.getElementById('operator').textContent = '';
  const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'login-pass', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { id: 'login-error', class: 'error', role: 'alert' }, message || '');
  const form = h('form', { id: 'login-form', class: 'login' },
    h('h1', {}, t('login.title')),
    h('label', {}, t('login.user'), h('br'), user),
    h('label', {}, t('login.pass'), h('br'), pass),
    h('button', { id: 'login-submit', type: 'submit', class: 'action' }, t('login.submit')), error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const who = await api.post('/console/session', { username: user.value, password: pass.value });
      loggedIn(who.operator);
    } catch (p) {
      error.textContent = p.code === 'wrong_credentials' ? t('login.wrong_credentials')
        : p.code === 'too_many_requests' ? t('login.too_many_requests', { seconds: p.details.retryAfterSeconds })
          : t('login.failed', { message: p.message });
      pass.value = '';
    }
  });
  replace(view(), form);
  user.focus();
}

async function route() {
  clearTimeout(timer);
  const mine = ++generation;
  const [name, ...params] = (location.hash.replace(/^#\/?/, '') || 'dashboard').split('/');
  const current = VIEWS[name] ? name : 'dashboard';
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('active', a.dataset.view === current));
  const container = view();
  container.dataset.view = current;
  const page = VIEWS[current];
  const tick = async (first) => {
    if (mine !== generation) return;
    try {
      await page.load(container, params.map(decodeURIComponent), first);
      showProblem('');
    } catch (p) {
      if (p.status === 401) return; // the login takes over
      if (first) replace(container, h('p', { class: 'error', id: 'view-problem' }, p.message));
      showProblem(p.status === 0 ? t('problem.network') : t('problem.http', { message: p.message }));
    }
    if (page.live && mine === generation) timer = setTimeout(() => tick(false), REFRESH_MS);
  };
  await tick(true);
}

/** Views call this after an action so the page shows its effect at once. */
export function refreshNow() { route(); }

window.addEventListener('hashchange', route);
document.addEventListener('DOMContentLoaded', async () => {
  setLang(lang());
  translateStatic();
  for (const code of ['ru', 'en']) {
    document.getElementById('lang-' + code).addEventListener('click', () => {
      setLang(code);
      translateStatic();
      if (document.getElementById('nav').hidden) showLogin(); else route();
    });
  }
  document.getElementById('logout').addEventListener('click', async () => {
    await api.del('/console/session').catch(() => null);
    showLogin();
  });
  whenUnauthorized(() => showLogin(t('problem.session')));
  try {
    const who = await api.get('/console/session');
    loggedIn(who.operator);
  } catch (p) {
    showLogin();
  }
});
