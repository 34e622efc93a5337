// Per-item refusals across exchanges, searchable (GET /api/v1/errors?q=&before=).
import { api } from '../api.js';
import { h, replace, table } from '../dom.js';
import { t, time } from '../i18n.js';

let query = '';

function rows(items) {
  return items.map((e) => h('tr', { class: 'error-row', 'data-error': e.id },
    h('td', {}, time(e.at)), h('td', {}, h('a', { href: '#/exchanges/' + e.exchange }, e.exchange)),
    h('td', {}, e.file || ''),
    h('td', { class: 'item' }, [e.what, e.name, e.sku, e.item].filter(Boolean).join(' · ')),
    h('td', { class: 'reason' }, e.reason || '')));
}

export const errors = {
  live: false,
  async load(container) {
    const input = h('input', { id: 'errors-q', type: 'search', value: query, placeholder: t('err.search'), size: 40 });
    const results = h('div', { id: 'errors-results' });
    let last = null;
    const search = async (before) => {
      query = input.value;
      const params = new URLSearchParams({ limit: '100' });
      if (query) params.set('q', query);
      if (before) params.set('before', before);
      const body = await api.get('/api/v1/errors?' + params);
      const items = body.errors || [];
      const shown = before ? [...(results.querySelectorAll('tr.error-row'))] : [];
      last = body.nextBefore;
      const more = last != null ? h('button', { class: 'action', id: 'errors-more', onclick: () => search(last) }, t('err.more')) : null;
      replace(results, table([t('err.when'), t('ex.id'), t('job.file'), t('err.item'), t('err.reason')],
        [...shown, ...rows(items)], t('err.none')), more);
    };
    const form = h('form', { class: 'toolbar', id: 'errors-form' }, input,
      h('button', { class: 'action', type: 'submit', id: 'errors-search' }, t('err.search')));
    form.addEventListener('submit', (e) => { e.preventDefault(); search(); });
    replace(container, h('h1', {}, t('err.title')), form, results);
    await search();
  },
};
