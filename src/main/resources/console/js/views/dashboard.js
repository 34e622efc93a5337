// What needs a person first, then the shop, breakers, 1C contact, order poll, outbox and imports
// (GET /api/v1/status).
import { api } from '../api.js';
import { h, progress, replace, stateLabel } from '../dom.js';
import { duration, has, lang, t, time } from '../i18n.js';

function attentionText(item) {
  const key = 'attention.' + item.code;
  // the service's own sentence is Russian; in English, or for a code the page knows, the page's text
  if (lang() === 'ru' && item.message) return item.message;
  if (has(key)) return t(key, { ...item.params, since: item.since ? t('dash.since', { time: time(item.since) }) : '' });
  return item.message || item.code;
}

function card(id, title, ...body) {
  return h('section', { class: 'card', id }, h('h2', {}, title), ...body);
}

function shopCard(shop) {
  if (!shop.configured) return card('shop', t('dash.shop'), h('p', { class: 'muted' }, t('dash.shop.off')));
  const up = shop.reachable;
  return card('shop', t('dash.shop'),
    h('p', { id: 'shop-state', 'data-state': up ? 'up' : 'down', class: up ? 'state-up' : 'state-down' },
      up ? t('dash.shop.up') : t('dash.shop.down'), ' ', shop.since ? t('dash.since', { time: time(shop.since) }) : ''),
    !up && shop.reason ? h('p', { id: 'shop-reason' }, shop.reason) : null,
    h('p', { class: 'muted' }, t('dash.lastOk', { time: time(shop.lastOkAt) })));
}

function breakersCard(breakers) {
  return card('breakers', t('dash.breakers'), h('ul', {}, breakers.map((b) => h('li', { 'data-breaker': b.name },
    b.name, ': ', stateLabel(b.state, t('state.' + b.state)), b.since ? ' ' + t('dash.since', { time: time(b.since) }) : ''))));
}

function contactCard(oneC) {
  const last = (oneC && oneC.lastContact) || {};
  return card('onec', t('dash.onec'), h('ul', {}, ['catalog', 'sale', 'stock', 'orders'].map((k) =>
    h('li', {}, t('dash.contact.' + k), ': ', time(last[k])))));
}

function ordersCard(o) {
  if (!o || !o.enabled) return card('poll', t('dash.orders'), h('p', { class: 'muted' }, t('dash.orders.off')));
  return card('poll', t('dash.orders'), o.lastPollOk !== false
    ? h('p', {}, t('dash.orders.ok', { time: time(o.lastPollAt) }))
    : h('p', { class: 'state-down' }, t('dash.orders.bad', { time: time(o.lastPollAt), error: o.lastPollError || '' })));
}

function importsCard(imports) {
  const running = imports && imports.running;
  return card('imports', t('dash.imports'),
    running
      ? h('p', { id: 'running-import', 'data-job': running.job },
        h('a', { href: '#/exchanges/' + running.exchange }, running.file), ' ', progress(running.progress))
      : h('p', { class: 'muted', id: 'running-import-none' }, t('dash.imports.none')),
    h('p', {}, t('dash.imports.line', { queued: imports.queued ?? 0, paused: imports.paused ?? 0,
      failed24h: imports.failed24h ?? 0 })));
}

export const dashboard = {
  live: true,
  async load(container) {
    const s = await api.get('/api/v1/status');
    const attention = s.attention || [];
    replace(container,
      h('h1', {}, t('dash.attention')),
      h('ul', { id: 'attention' }, attention.length
        ? attention.map((a) => h('li', { class: a.severity, 'data-code': a.code }, attentionText(a)))
        : h('li', { class: 'none' }, t('dash.nothing'))),
      h('div', { class: 'cards' },
        shopCard(s.shop || {}), breakersCard(s.breakers || []), contactCard(s.oneC), ordersCard(s.orders),
        card('outbox-card', t('dash.outbox'), h('p', {}, t('dash.outbox.line', { pending: s.outbox?.pending ?? 0,
          failed: s.outbox?.failed ?? 0, age: duration(s.outbox?.oldestPendingAgeSeconds) }))),
        importsCard(s.imports || {})));
  },
};
