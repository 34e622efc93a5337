// An exchange's change plan (GET /api/v1/exchanges/{id}/plan): counts, a table of its lines filtered by kind, action
// and field (kept while the page refreshes), paged; approve / reject a held plan (POST …/plan/approve|reject) and the
// CSV (fetched with the console's header, since a plain link would not carry it, then saved from a blob).
import { api } from '../api.js';
import { h, stateLabel, table } from '../dom.js';
import { t } from '../i18n.js';
import { refreshNow, showProblem } from '../main.js';

const PAGE = 50;
const KINDS = ['product', 'category', 'offer', 'image'];
const ACTIONS = ['create', 'update', 'disable', 'enable'];
/** Filters and page per exchange, so that the refresh loop does not reset them. */
const chosen = {};

function query(state) {
  const q = new URLSearchParams();
  for (const key of ['kind', 'action', 'field']) if (state[key]) q.set(key, state[key]);
  return q;
}

async function decide(x, plan, action) {
  if (action === 'reject' && !confirm(t('plan.reject.confirm'))) return;
  const held = (plan.plans || []).find((p) => p.state === 'held');
  try {
    await api.post(`/api/v1/exchanges/${x.id}/plan/${action}`,
      action === 'approve' && held ? { fingerprint: held.fingerprint } : {});
    showProblem('');
  } catch (p) {
    showProblem(t('problem.http', { message: p.message }));
  }
  refreshNow();
}

async function csv(x, state) {
  try {
    const response = await fetch(`/api/v1/exchanges/${x.id}/plan.csv?` + query(state),
      { headers: { 'X-OCBridge-Console': '1' }, credentials: 'same-origin' });
    if (!response.ok) throw new Error('HTTP ' + response.status);
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `plan-${x.id}.csv` });
    document.body.append(link);
    link.click();
    link.remove();
  } catch (e) {
    showProblem(t('problem.http', { message: e.message }));
  }
}

function select(id, values, current, label, onchange) {
  return h('label', {}, label, ' ', h('select', { id, onchange: (e) => onchange(e.target.value) },
    h('option', { value: '' }, t('plan.all')),
    values.map((v) => h('option', { value: v, selected: v === current }, t('plan.' + v)))));
}

function counts(plan) {
  const rows = Object.entries(plan.counts || {}).filter(([k]) => k.split('.').length === 2)
    .map(([k, v]) => { const [kind, action] = k.split('.'); return [t('plan.' + kind), t('plan.' + action), String(v)]; });
  return table([t('plan.kind'), t('plan.action'), t('plan.count')], rows, t('plan.empty'));
}

/** The plan section of an exchange's page. */
export async function planSection(x) {
  const state = chosen[x.id] || (chosen[x.id] = { kind: '', action: '', field: '', after: [] });
  const q = query(state);
  q.set('limit', PAGE);
  if (state.after.length) q.set('after', state.after[state.after.length - 1]);
  let plan;
  try {
    plan = await api.get(`/api/v1/exchanges/${x.id}/plan?` + q);
  } catch (p) {
    return [h('h2', {}, t('plan.title')), h('p', { class: 'error' }, p.message)];
  }
  if (!(plan.plans || []).length) return [];
  const held = plan.state === 'held';
  const set = (key) => (value) => { state[key] = value; state.after = []; refreshNow(); };
  const reasons = (plan.plans || []).filter((p) => p.reason).map((p) => h('p', { class: 'plan-reason' }, p.reason));
  const lines = (plan.items || []).map((i) => h('tr', { 'data-kind': i.kind, 'data-action': i.action },
    h('td', {}, t('plan.' + i.kind)), h('td', {}, t('plan.' + i.action)), h('td', {}, i.externalId || ''),
    h('td', {}, i.name || ''), h('td', {}, i.field || ''), h('td', {}, i.oldValue ?? ''), h('td', {}, i.newValue ?? '')));
  const field = h('input', { id: 'plan-field', value: state.field, placeholder: t('plan.field'), size: 12 });
  field.addEventListener('change', () => set('field')(field.value.trim()));
  return [
    h('h2', { id: 'plan' }, t('plan.title'), ' ', stateLabel(plan.state, t('plan.state.' + plan.state)),
      plan.dryRun ? h('span', { class: 'muted', id: 'plan-dry' }, ' — ' + t('plan.dryRun')) : null),
    ...reasons,
    held ? h('p', { id: 'plan-actions' },
      h('button', { class: 'action', id: 'plan-approve', onclick: () => decide(x, plan, 'approve') }, t('plan.approve')), ' ',
      h('button', { class: 'action', id: 'plan-reject', onclick: () => decide(x, plan, 'reject') }, t('plan.reject'))) : null,
    h('div', { id: 'plan-counts' }, counts(plan)),
    h('p', { class: 'filters' }, select('plan-kind', KINDS, state.kind, t('plan.kind'), set('kind')), ' ',
      select('plan-action', ACTIONS, state.action, t('plan.action'), set('action')), ' ', field, ' ',
      h('button', { class: 'action', id: 'plan-csv', onclick: () => csv(x, state) }, t('plan.csv'))),
    h('div', { id: 'plan-items' }, table([t('plan.kind'), t('plan.action'), t('plan.id'), t('plan.name'), t('plan.field'),
      t('plan.old'), t('plan.new')], lines, t('plan.none'))),
    h('p', {}, state.after.length ? h('button', { class: 'action', id: 'plan-first',
      onclick: () => { state.after = []; refreshNow(); } }, t('plan.first')) : null, ' ',
    plan.next ? h('button', { class: 'action', id: 'plan-next',
      onclick: () => { state.after.push(plan.next); refreshNow(); } }, t('plan.next')) : null),
  ];
}
