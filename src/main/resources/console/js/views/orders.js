// Orders the bridge keeps for 1C: waiting, handed over, confirmed, pushed; and the status changes 1C sent back
// with their result (GET /api/v1/orders/handover).
import { api } from '../api.js';
import { h, replace, stateLabel, table } from '../dom.js';
import { t, time } from '../i18n.js';

function changes(order) {
  const list = order.statusChanges || order.changes || [];
  return list.map((c) => h('div', { class: 'change' }, time(c.at || c.createdAt), ': ', c.status ?? c.statusId ?? '',
    ' — ', c.result || c.state || '', c.error ? ' (' + c.error + ')' : ''));
}

export const orders = {
  live: true,
  async load(container) {
    const body = await api.get('/api/v1/orders/handover?limit=200');
    const rows = (body.orders || body.handovers || []).map((o) => h('tr', { 'data-order': o.id },
      h('td', {}, o.number || o.id), h('td', {}, time(o.date)), h('td', {}, stateLabel(o.state, o.state)),
      h('td', {}, time(o.at || o.updatedAt)), h('td', {}, changes(o))));
    replace(container, h('h1', {}, t('ord.title')),
      table([t('ord.order'), t('ex.started'), t('ord.state'), t('ord.when'), t('ord.changes')], rows, t('ord.none')));
  },
};
