/** The review queue: filters in the URL (#/?status=…&page=…), one page of GET /api/reviews, links to details. */
import { h, setChildren } from './dom.js';
import { formatDateTime } from './format.js';
import { api } from './reviews.api.js';
import { getLang, t } from './reviews.i18n.js';
import { CITY_LABELS } from './engine/profile.js';

const $ = (sel) => document.querySelector(sel);
const PAGE_SIZE = 20;
const STATES = ['pending', 'needs-info', 'confirmed', 'rejected', 'all'];
const SOURCES = ['submission', 'screening'];
const FILTERS = ['status', 'measure', 'city', 'park', 'source'];

let measures = null;
let measuresLang = null;

/** The filters and page the URL names (the queue's state lives in the hash, so Back works). */
export function queueParams() {
  const query = location.hash.startsWith('#/?') ? location.hash.slice(3) : '';
  const q = new URLSearchParams(query);
  return {
    status: STATES.includes(q.get('status')) ? q.get('status') : 'pending',
    measure: q.get('measure') ?? '',
    city: q.get('city') ?? '',
    park: q.get('park') ?? '',
    source: q.get('source') ?? '',
    page: Math.max(1, Number(q.get('page')) || 1),
  };
}

function hashFor(params) {
  const q = new URLSearchParams();
  for (const key of FILTERS) if (params[key]) q.set(key, params[key]);
  if (params.page > 1) q.set('page', String(params.page));
  return `#/?${q}`;
}

const option = (value, label, selected) => h('option', { value, selected: value === selected }, label);

async function fillFilters(params) {
  if (!measures || measuresLang !== getLang()) {
    measures = await api('/api/measures');
    measuresLang = getLang();
  }
  setChildren(
    $('#f-status'),
    STATES.map((s) => option(s, t(`state_${s}`), params.status)),
  );
  setChildren(
    $('#f-measure'),
    option('', t('fAny'), params.measure),
    measures.map((m) => option(m.id, m.title, params.measure)),
  );
  setChildren(
    $('#f-city'),
    option('', t('fAny'), params.city),
    Object.entries(CITY_LABELS).map(([id, label]) => option(id, label[getLang()], params.city)),
  );
  setChildren(
    $('#f-source'),
    option('', t('fAny'), params.source),
    SOURCES.map((s) => option(s, t(`source_${s}`), params.source)),
  );
  $('#f-park').value = params.park;
}

function row(item) {
  const city = CITY_LABELS[item.city]?.[getLang()] ?? item.city ?? '—';
  return h(
    'tr',
    { dataset: { id: item.id } },
    h(
      'td',
      {},
      h('a', { href: `#/review/${item.id}`, class: 'open-review' }, item.companyName || t('noName')),
      item.creditCode ? h('span', { class: 'credit mono' }, item.creditCode) : null,
    ),
    h('td', {}, item.measureTitle),
    h('td', {}, h('span', { class: `badge match-${item.matchStatus}` }, t(`match_${item.matchStatus}`))),
    h('td', {}, h('span', { class: `badge state-${item.state}` }, t(`state_${item.state}`))),
    h('td', {}, city),
    h('td', {}, item.parkId ?? '—'),
    h('td', {}, t(`source_${item.source}`)),
    h('td', {}, formatDateTime(item.createdAt)),
  );
}

/** Renders the queue for the URL's filters. */
export async function showQueue() {
  const params = queueParams();
  await fillFilters(params);
  setChildren(
    $('#queue-head'),
    ['colCompany', 'colMeasure', 'colMatch', 'colState', 'colCity', 'colPark', 'colSource', 'colCreated'].map((k) =>
      h('th', { scope: 'col' }, t(k)),
    ),
  );
  const query = new URLSearchParams({ status: params.status, page: String(params.page), pageSize: String(PAGE_SIZE) });
  for (const key of ['measure', 'city', 'park', 'source']) if (params[key]) query.set(key, params[key]);
  $('#queue-summary').textContent = t('loading');
  const data = await api(`/api/reviews?${query}`);
  const pages = Math.max(1, Math.ceil(data.total / data.pageSize));
  $('#queue-summary').textContent =
    data.total === 0 ? t('empty') : t('total', { total: data.total, page: data.page, pages });
  setChildren($('#queue-body'), data.items.map(row));
  $('#prev-page').disabled = params.page <= 1;
  $('#next-page').disabled = params.page >= pages;
  return data;
}

/** Wires the filter form and the pager (once). */
export function initQueue() {
  $('#filters').addEventListener('submit', (e) => {
    e.preventDefault();
    const form = new FormData(e.target);
    location.hash = hashFor({
      ...Object.fromEntries(FILTERS.map((k) => [k, String(form.get(k) ?? '').trim()])),
      page: 1,
    });
  });
  $('#clear-filters').addEventListener('click', () => {
    location.hash = '#/';
  });
  $('#prev-page').addEventListener('click', () => {
    const p = queueParams();
    location.hash = hashFor({ ...p, page: p.page - 1 });
  });
  $('#next-page').addEventListener('click', () => {
    const p = queueParams();
    location.hash = hashFor({ ...p, page: p.page + 1 });
  });
}
