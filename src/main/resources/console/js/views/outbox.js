// Deliveries to the shop and to 1C (GET /api/v1/outbox) with their last error; retry and cancel
// (POST /api/v1/outbox/{id}/retry|cancel).
import { api } from '../api.js';
import { h, replace, stateLabel, table } from '../dom.js';
import { t, time } from '../i18n.js';
import { refreshNow, showProblem } from '../main.js';

let status = 'failed';

async function act(entry, action) {
  if (action === 'cancel' && !confirm(t('out.cancel.confirm', { id: entry.id }))) return;
  try {
    await api.post(`/api/v1/outbox/${entry.id}/${action}`);
    refreshNow();
  } catch (p) {
    showProblem(t('problem.http', { message: p.message }));
  }
}

function row(e) {
  const retry = e.status === 'failed' || e.status === 'pending';
  const cancel = e.status === 'failed' || e.status === 'pending';
  return h('tr', { 'data-entry': e.id, 'data-status': e.status },
    h('td', {}, e.id), h('td', {}, e.type), h('td', { class: 'key' }, e.uniqueKey || ''),
    h('td', {}, stateLabel(e.status, t('state.' + e.status))), h('td', {}, e.attempts),
    h('td', {}, e.status === 'pending' && e.nextAttemptAt ? t('job.next', { time: time(e.nextAttemptAt) }) : time(e.lastAttemptAt)),
    h('td', { class: 'last-error' }, e.lastError || ''),
    h('td', {}, retry ? h('button', { class: 'action', 'data-action': 'retry', onclick: () => act(e, 'retry') }, t('out.retry')) : null,
      cancel ? h('button', { class: 'action', 'data-action': 'cancel', onclick: () => act(e, 'cancel') }, t('out.cancel')) : null));
}

export const outbox = {
  live: true,
  async load(container) {
    const query = status ? '?limit=200&status=' + status : '?limit=200';
    const body = await api.get('/api/v1/outbox' + query);
    const select = h('select', { id: 'outbox-status' },
      ['failed', 'pending', 'processing', 'done', 'cancelled', ''].map((s) =>
        h('option', { value: s, selected: s === status }, s ? t('state.' + s) : t('out.all'))));
    select.addEventListener('change', () => { status = select.value; refreshNow(); });
    replace(container, h('h1', {}, t('out.title')), h('div', { class: 'toolbar' }, select),
      table(['№', t('out.type'), t('out.key'), t('ex.state'), t('out.attempts'), t('ord.when'), t('out.error'), ''],
        (body.entries || []).map(row), t('out.none')));
  },
};
