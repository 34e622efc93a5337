// Exchanges with 1C (GET /api/v1/exchanges) and one exchange's files and jobs (GET /api/v1/exchanges/{id}) with
// live progress, counters, refusals and the actions retry now / cancel (POST …/jobs/{job}/retry|cancel).
import { api } from '../api.js';
import { h, progress, replace, stateLabel, table } from '../dom.js';
import { t, time } from '../i18n.js';
import { refreshNow, showProblem } from '../main.js';
import { planSection } from './plan.js';

function counters(obj) {
  return Object.entries(obj || {}).map(([k, v]) => k + ': ' + v).join(', ');
}

function list(container, body) {
  const rows = (body.exchanges || []).map((x) => h('tr', {
    class: 'clickable', 'data-exchange': x.id, onclick: () => { location.hash = '#/exchanges/' + x.id; },
  }, h('td', {}, h('a', { href: '#/exchanges/' + x.id }, x.id)), h('td', {}, t('ex.type.' + x.type)),
  h('td', {}, stateLabel(x.state, t('state.' + x.state)), x.dryRun ? ' (' + t('ex.dryRun') + ')' : ''),
  h('td', {}, time(x.startedAt)), h('td', {}, time(x.lastSeenAt)),
  h('td', {}, counters(x.counters))));
  replace(container, h('h1', {}, t('ex.title')),
    table([t('ex.id'), t('ex.type'), t('ex.state'), t('ex.started'), t('ex.seen'), t('ex.counters')], rows, t('ex.none')));
}

async function act(x, job, action) {
  if (action === 'cancel' && !confirm(t('job.cancel.confirm', { file: job.file }))) return;
  try {
    await api.post(`/api/v1/exchanges/${x.id}/jobs/${job.id}/${action}`);
    refreshNow();
  } catch (p) {
    showProblem(t('problem.http', { message: p.message }));
  }
}

function jobRow(x, job) {
  const canRetry = job.state === 'paused' || job.state === 'failed';
  const canCancel = job.state === 'paused' || job.state === 'queued';
  const message = [job.message || '', job.state === 'paused' && job.nextAttemptAt
    ? t('job.next', { time: time(job.nextAttemptAt) }) : ''].filter(Boolean).join(' — ');
  return h('tr', { 'data-job': job.id, 'data-state': job.state },
    h('td', {}, job.file), h('td', {}, job.kind), h('td', { class: 'state-cell' }, stateLabel(job.state, t('state.' + job.state))),
    h('td', {}, progress(job.progress)), h('td', { class: 'message' }, message), h('td', {}, counters(job.counts)),
    h('td', {}, job.attempts ?? ''),
    h('td', {}, canRetry ? h('button', { class: 'action', 'data-action': 'retry', onclick: () => act(x, job, 'retry') }, t('job.retry')) : null,
      canCancel ? h('button', { class: 'action', 'data-action': 'cancel', onclick: () => act(x, job, 'cancel') }, t('job.cancel')) : null));
}

function refusals(jobs) {
  const rows = [];
  for (const job of jobs) {
    for (const e of job.errors || []) rows.push([job.file, e.item || e.id || e.sku || '', e.reason || JSON.stringify(e)]);
  }
  return rows.length ? [h('h2', {}, t('job.errors')), table([t('job.file'), t('err.item'), t('err.reason')], rows)] : [];
}

function detail(container, x, plan) {
  replace(container,
    h('p', {}, h('a', { href: '#/exchanges', id: 'back' }, t('ex.back'))),
    h('h1', { 'data-exchange': x.id }, t('ex.id'), ' ', x.id, ' — ', t('ex.type.' + x.type), ' — ',
      stateLabel(x.state, t('state.' + x.state)), x.dryRun ? ' — ' + t('ex.dryRun') : ''),
    h('p', { class: 'muted' }, t('ex.started'), ': ', time(x.startedAt), '; ', t('ex.seen'), ': ', time(x.lastSeenAt)),
    h('p', { id: 'exchange-counters' }, counters(x.counters)),
    h('h2', {}, t('ex.jobs')),
    table([t('job.file'), t('job.kind'), t('job.state'), t('job.progress'), t('job.message'), t('ex.counters'),
      t('job.attempts'), ''], (x.jobs || []).map((j) => jobRow(x, j))),
    ...plan,
    ...refusals(x.jobs || []));
}

export const exchanges = {
  live: true,
  async load(container, params) {
    if (params[0]) {
      const x = await api.get('/api/v1/exchanges/' + encodeURIComponent(params[0]));
      detail(container, x, await planSection(x));
    }
    else list(container, await api.get('/api/v1/exchanges?limit=100'));
  },
};
