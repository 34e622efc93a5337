// A manual import: the file goes through exactly the pipeline of 1C's exchange (POST /api/v1/imports?filename=);
// "dry run" only computes its change plan (&dryRun=true) and writes nothing.
import { upload as send } from '../api.js';
import { h, replace } from '../dom.js';
import { t } from '../i18n.js';

export const upload = {
  live: false,
  async load(container) {
    const file = h('input', { id: 'upload-file', type: 'file', accept: '.xml,.zip' });
    const result = h('p', { id: 'upload-result', role: 'status' });
    const dry = h('input', { id: 'upload-dry-run', type: 'checkbox' });
    const form = h('form', { id: 'upload-form', class: 'card' }, h('p', {}, t('up.help')), file, ' ',
      h('label', {}, dry, ' ', t('up.dryRun')), ' ',
      h('button', { id: 'upload-submit', class: 'action', type: 'submit' }, t('up.submit')), result);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = file.files[0];
      if (!chosen) { result.textContent = t('up.choose'); return; }
      try {
        const answer = await send('/api/v1/imports?filename=' + encodeURIComponent(chosen.name)
          + (dry.checked ? '&dryRun=true' : ''), chosen,
          (p) => { result.textContent = t('up.sending', { percent: p.toFixed(0) }); });
        replace(result, t(answer.dryRun ? 'up.done.dry' : 'up.done', { exchange: answer.exchange }), ' ',
          h('a', { id: 'upload-exchange', href: '#/exchanges/' + answer.exchange }, t('up.open')));
      } catch (p) {
        result.className = 'error';
        result.textContent = t('problem.http', { message: p.message });
      }
    });
    replace(container, h('h1', {}, t('up.title')), form);
  },
};
