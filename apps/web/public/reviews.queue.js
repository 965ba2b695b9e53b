/**
 * The review queue: one row per case (a company's application or a tenant a park sent), oldest first. Filters
 * live in the URL (#/?status=…&measure=…&page=…), so "back" from a case returns to the same filtered list.
 */
import { h, setChildren } from './dom.js';
import { formatDateTime } from './format.js';
import { api } from './reviews.api.js';
import { getLang, t } from './reviews.i18n.js';
import { CITY_LABELS } from './engine/profile.js';

const $ = (sel) => document.querySelector(sel);
const PAGE_SIZE = 20;
const STATUSES = ['pending', 'needs-info', 'decided', 'all'];
const NATURES = ['entitlement', 'application'];
const AGES = ['lt7', '7to30', 'gt30'];
export const FILTERS = ['status', 'measure', 'nature', 'city', 'park', 'age'];

let measures = null;
let measuresLang = null;

/** The filters the query string `q` names (defaults filled in). */
export function filtersOf(query) {
  const q = new URLSearchParams(query);
  return {
    status: STATUSES.includes(q.get('status')) ? q.get('status') : 'pending',
    measure: q.get('measure') ?? '',
    nature: NATURES.includes(q.get('nature')) ? q.get('nature') : '',
    city: q.get('city') ?? '',
    park: q.get('park') ?? '',
    age: AGES.includes(q.get('age')) ? q.get('age') : '',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
}

/** The filters and page of the queue URL. */
export function queueParams() {
  return filtersOf(location.hash.startsWith('#/?') ? location.hash.slice(3) : '');
}

/** The query string of a set of filters (only those set). */
export function filterQuery(params, { page = true } = {}) {
  const q = new URLSearchParams();
  for (const key of FILTERS)
    if (params[key] && !(key === 'status' && params[key] === 'pending')) q.set(key, params[key]);
  if (page && params.page > 1) q.set('page', String(params.page));
  return q.toString();
}

/** The API query for the same filters (status always explicit). */
export function apiQuery(params) {
  const q = new URLSearchParams(filterQuery(params, { page: false }));
  q.set('status', params.status);
  return q;
}

const option = (value, label, selected) => h('option', { value, selected: value === selected }, label);

async function fillFilters(params, counts) {
  if (!measures || measuresLang !== getLang()) {
    measures = (await api('/api/measures')).filter((m) => NATURES.includes(m.nature));
    measuresLang = getLang();
  }
  setChildren(
    $('#f-status'),
    STATUSES.map((s) => option(s, counts ? `${t(`case_${s}`)}（${counts[s]}）` : t(`case_${s}`), params.status)),
  );
  setChildren(
    $('#f-measure'),
    option('', t('fAny'), params.measure),
    measures.map((m) => option(m.id, m.title, params.measure)),
  );
  setChildren(
    $('#f-nature'),
    option('', t('fAny'), params.nature),
    NATURES.map((n) => option(n, t(`nature_${n}`), params.nature)),
  );
  setChildren(
    $('#f-city'),
    option('', t('fAny'), params.city),
    Object.entries(CITY_LABELS).map(([id, label]) => option(id, label[getLang()], params.city)),
  );
  setChildren(
    $('#f-age'),
    option('', t('fAny'), params.age),
    AGES.map((a) => option(a, t(`age_${a}`), params.age)),
  );
  $('#f-park').value = params.park;
}

function row(item, params) {
  const city = CITY_LABELS[item.city]?.[getLang()] ?? item.city ?? '—';
  const query = filterQuery(params);
  return h(
    'tr',
    { dataset: { id: item.id } },
    h(
      'td',
      {},
      h(
        'a',
        { href: `#/case/${item.id}${query ? `?${query}` : ''}`, class: 'open-case' },
        item.companyName || t('noName'),
      ),
      item.creditCode ? h('span', { class: 'credit mono' }, item.creditCode) : null,
    ),
    h(
      'td',
      {},
      h(
        'ul',
        { class: 'case-measures' },
        item.measures.map((m) =>
          h('li', {}, h('span', { class: `badge state-${m.state}` }, t(`state_${m.state}`)), ' ', m.title),
        ),
      ),
    ),
    h(
      'td',
      {},
      h('span', { class: `badge case-${item.status}` }, t(`case_${item.status}`)),
      item.returnedAt && item.status === 'pending'
        ? h('span', { class: 'badge returned' }, t('returnedBadge', { version: item.version }))
        : null,
    ),
    h('td', {}, city),
    h('td', {}, item.parkId ?? '—'),
    h('td', {}, t(`source_${item.source}`)),
    h('td', {}, formatDateTime(item.createdAt), h('span', { class: 'credit' }, t('ageDays', { days: item.ageDays }))),
  );
}

/** Renders the queue for the URL's filters. */
export async function showQueue() {
  const params = queueParams();
  setChildren(
    $('#queue-head'),
    ['colCompany', 'colMeasures', 'colCaseStatus', 'colCity', 'colPark', 'colSource', 'colOpened'].map((k) =>
      h('th', { scope: 'col' }, t(k)),
    ),
  );
  const query = apiQuery(params);
  query.set('page', String(params.page));
  query.set('pageSize', String(PAGE_SIZE));
  $('#queue-summary').textContent = t('loading');
  const data = await api(`/api/cases?${query}`);
  await fillFilters(params, data.counts);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  $('#queue-summary').textContent =
    data.total === 0 ? t('empty') : t('total', { total: data.total, page: data.page, pages });
  setChildren(
    $('#queue-body'),
    data.items.map((item) => row(item, params)),
  );
  $('#prev-page').disabled = params.page <= 1;
  $('#next-page').disabled = params.page >= pages;
  return data;
}

/** Wires the filter form and the pager (once). */
export function initQueue() {
  const go = (params) => {
    const q = filterQuery(params);
    location.hash = `#/?${q}`;
  };
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    go({ ...Object.fromEntries(FILTERS.map((k) => [k, String(form.get(k) ?? '').trim()])), page: 1 });
  });
  $('#clear-filters').addEventListener('click', () => {
    location.hash = '#/';
  });
  $('#prev-page').addEventListener('click', () => {
    const p = queueParams();
    go({ ...p, page: p.page - 1 });
  });
  $('#next-page').addEventListener('click', () => {
    const p = queueParams();
    go({ ...p, page: p.page + 1 });
  });
}
