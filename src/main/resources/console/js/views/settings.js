// The effective settings, secrets redacted by the service (GET /api/v1/settings).
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

function flatten(prefix, value, out) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(prefix ? prefix + '.' + k : k, v, out);
  } else {
    out.push([prefix, Array.isArray(value) || (value && typeof value === 'object') ? JSON.stringify(value) : String(value)]);
  }
  return out;
}

export const settings = {
  live: false,
  async load(container) {
    const body = await api.get('/api/v1/settings');
    replace(container, h('h1', {}, t('set.title')), h('p', { class: 'muted' }, t('set.help')),
      h('dl', { class: 'settings', id: 'settings' }, flatten('', body, []).flatMap(([k, v]) =>
        [h('dt', {}, k), h('dd', { 'data-key': k }, v)])));
  },
};
