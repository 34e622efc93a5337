// Orders the bridge keeps for 1C: waiting, handed over, confirmed, pushed; and the status changes 1C sent back
// with their result (GET /api/v1/orders/handover).
import { api } from '../api.js';
import { h, replace, stateLabel, table } from '../dom.js';
import { t, time } from '../i18n.js';

function changes(order) {
  return (order.statusChanges || []).map((c) => h('div', { class: 'change', 'data-result': c.result },
    time(c.receivedAt), ': ', c.statusId != null ? t('ord.status', { id: c.statusId }) : '', c.comment ? ' «' + c.comment + '»' : '',
    ' — ', stateLabel(c.result, t('state.' + c.result)), c.lastError ? ' (' + c.lastError + ')' : ''));
}

export const orders = {
  live: true,
  async load(container) {
    const body = await api.get('/api/v1/orders/handover?limit=200');
    const rows = (body.orders || []).map((o) => h('tr', { 'data-order': o.id },
      h('td', {}, o.number || o.id), h('td', {}, time(o.date)), h('td', {}, stateLabel(o.state, t('ord.state.' + o.state))),
      h('td', {}, time(o.at)), h('td', {}, changes(o))));
    replace(container, h('h1', {}, t('ord.title')),
      table([t('ord.order'), t('ex.started'), t('ord.state'), t('ord.when'), t('ord.changes')], rows, t('ord.none')));
  },
};
