/**
 * 园区批量筛查: a park-admin uploads the tenant list, watches the progress, and gets a per-measure summary, a
 * searchable, sortable tenant table (searched, sorted and paged by the server: a park can have 100,000s of
 * tenants), the rejected rows with their reasons, and downloads. A tenant's name opens its full result, a
 * measure's name the tenants it fits (screening.drilldown.js). Signed in with the caseworker pages' session cookie.
 *
 * Addresses: #<screening id>, #<id>/tenant/<row>, #<id>/measure/<measure id>[/<status>].
 */
import { h, setChildren } from './dom.js';
import { api, ApiError, currentUser, signOut, toSignIn } from './reviews.api.js';
import { applyPageChrome, getLang, initialLang, setLang, t } from './reviews.i18n.js';
import { companyCell, showMeasure, showTenant } from './screening.drilldown.js';
import { fmt, fmtMoney, s } from './screening.i18n.js';

/** The CONTRACT §4 headers, for the template download. */
const TEMPLATE_HEADERS = [
  '统一社会信用代码',
  '企业名称',
  '所在城市',
  '财务年度',
  '主体类型',
  '所属产业集群',
  '从业人员',
  '营业收入',
  '研发费用',
  '出口交货值',
  '资质',
  '已上市',
  '有效发明专利',
  '国产仪器采购额',
  '首台套',
  '研发机构',
  '开展事项',
  '所在园区',
];
const PAGE_SIZE = 50;
const REJECTED_SHOWN = 200;
const POLL_MS = 250;
/** Sortable columns: [sort key, header label, the order a first click asks for]. */
const SORTABLE = [
  ['rowNumber', 'colRow', 'asc'],
  ['name', 'colCompany', 'asc'],
  ['eligible', 'colEligible', 'desc'],
  ['needsInfo', 'colNeedsInfo', 'desc'],
  ['nearMiss', 'colNearMiss', 'desc'],
  ['estimatedValue', 'colValue', 'desc'],
];
/** In "符合的措施": what a tenant can claim now first, then what is only a benchmark, guidance or expired. */
const NATURE_RANK = { entitlement: 0, application: 1, benchmark: 2, guidance: 3 };

const $ = (sel) => document.querySelector(sel);
const state = {
  user: null,
  id: null,
  screening: null,
  timer: null,
  uploading: false,
  page: { offset: 0, sort: 'eligible', order: 'desc', q: '' },
};

const announce = (text) => {
  $('#live').textContent = text;
};

function chrome() {
  applyPageChrome(s);
  const template = new Blob([`\uFEFF${TEMPLATE_HEADERS.join(',')}\r\n`], { type: 'text/csv' });
  $('#template').href = URL.createObjectURL(template);
}

function showError(text) {
  const el = $('#page-error');
  el.textContent = text ?? '';
  el.hidden = !text;
}

/** Multipart upload; the fetch helper of the other pages speaks JSON only. */
async function upload(file) {
  const body = new FormData();
  body.append('file', file);
  const res = await fetch(`/api/screenings?lang=${getLang()}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'fetch', Accept: 'application/json' },
    body,
  });
  const data = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

function showUploadErrors(e) {
  const box = $('#upload-error');
  if (e instanceof ApiError && e.status === 401) return toSignIn();
  const reasons = e instanceof ApiError && e.body?.errors ? Object.values(e.body.errors).flat() : [];
  const head =
    e instanceof ApiError && e.status === 413
      ? s('tooLarge', { detail: e.message })
      : s('uploadFailed') + (reasons.length ? '' : e.message);
  setChildren(
    box,
    h('p', {}, head),
    reasons.length
      ? h(
          'ul',
          {},
          reasons.map((r) => h('li', {}, r)),
        )
      : null,
  );
  box.hidden = false;
  box.focus();
}

/** While the file goes up, neither the button nor the file can be used again (no double uploads). */
function setUploading(busy) {
  state.uploading = busy;
  const button = $('#upload');
  button.disabled = busy;
  $('#file').disabled = busy;
  $('#upload-form').setAttribute('aria-busy', String(busy));
  button.textContent = s(busy ? 'uploading' : 'upload');
}

async function onUpload(event) {
  event.preventDefault();
  if ($('#upload').disabled) return;
  const file = $('#file').files[0];
  $('#upload-error').hidden = true;
  if (!file) return showUploadErrors(new Error(s('chooseFile')));
  setUploading(true);
  try {
    const { id } = await upload(file);
    $('#file').value = '';
    location.hash = id;
  } catch (e) {
    showUploadErrors(e);
  } finally {
    setUploading(false);
  }
}

/** Polls the screening until it is done or failed, moving the progress bar. */
async function track(id) {
  clearTimeout(state.timer);
  state.id = id;
  state.screening = null;
  state.page.offset = 0;
  state.page.q = '';
  $('#search').value = '';
  for (const sel of ['#summary-section', '#tenants-section', '#rejected-section', '#failed']) $(sel).hidden = true;
  $('#progress-section').hidden = false;
  const poll = async () => {
    if (state.id !== id) return;
    let screening;
    try {
      screening = await api(`/api/screenings/${id}`);
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return toSignIn();
      return showError(e.message);
    }
    state.screening = screening;
    renderProgress(screening);
    if (screening.status === 'done') return finished(screening);
    if (screening.status === 'failed') return;
    state.timer = setTimeout(poll, POLL_MS);
  };
  await poll();
}

function renderProgress(sc) {
  $('#file-name').textContent = sc.fileName;
  const bar = $('#progress');
  const text = $('#progress-text');
  if (sc.status === 'queued') {
    bar.removeAttribute('value');
    text.textContent = s('queued');
  } else if (sc.total === null) {
    bar.removeAttribute('value');
    text.textContent = s('counting');
  } else {
    const percent = sc.total === 0 ? 100 : Math.floor((sc.processed / sc.total) * 100);
    bar.value = percent;
    text.textContent =
      sc.status === 'done'
        ? s('done', { total: fmt(sc.total), screened: fmt(sc.screened), rejected: fmt(sc.rejectedRows) })
        : s('progress', {
            processed: fmt(sc.processed),
            total: fmt(sc.total),
            percent,
            rejected: fmt(sc.rejectedRows),
          });
  }
  const failed = $('#failed');
  failed.hidden = sc.status !== 'failed';
  if (sc.status === 'failed') {
    failed.textContent = s('failed', { error: sc.error ?? '' });
    announce(failed.textContent);
  }
}

async function finished(sc) {
  announce(s('done', { total: fmt(sc.total), screened: fmt(sc.screened), rejected: fmt(sc.rejectedRows) }));
  renderSummary(sc);
  await Promise.all([loadTenants(), loadRejected(sc)]);
  loadRecent();
}

function download(path, label, format) {
  return h(
    'a',
    { href: `/api/screenings/${state.id}/${path}?format=${format}&lang=${getLang()}`, download: '' },
    label,
  );
}

/** A measure's title with what it is when it is not a claim in force (the same marks as the downloads). */
function measureTitle(m) {
  if (m.inForce === false) return m.title + s('notInForceMark');
  if (m.nature === 'benchmark' || m.nature === 'guidance') return m.title + s(`${m.nature}Mark`);
  return m.title;
}

function renderSummary(sc) {
  $('#summary-section').hidden = false;
  const totals = sc.summary?.totals;
  setChildren(
    $('#totals'),
    s('totals', { total: fmt(sc.total), screened: fmt(sc.screened), rejected: fmt(sc.rejectedRows) }),
    totals?.estimatedValue
      ? [' ', s('totalsValue', { n: fmt(totals.tenantsWithEligible), value: fmtMoney(totals.estimatedValue) })]
      : null,
  );
  setChildren(
    $('#downloads'),
    download('results', s('downloadCsv'), 'csv'),
    ' ',
    download('results', s('downloadXlsx'), 'xlsx'),
    sc.rejectedRows > 0 ? [' ', download('rejected', s('downloadRejected'), 'csv')] : null,
  );
  setChildren(
    $('#measure-head'),
    h('th', { scope: 'col' }, s('colMeasure')),
    ['colEligible', 'colNeedsInfo', 'colNearMiss', 'colIneligible'].map((k) =>
      h('th', { scope: 'col', class: 'num' }, s(k)),
    ),
  );
  const rank = (m) => (m.inForce === false ? 4 : (NATURE_RANK[m.nature] ?? 3));
  const measures = [...(sc.summary?.measures ?? [])].sort(
    (a, b) => rank(a) - rank(b) || b.eligible - a.eligible || b.nearMiss - a.nearMiss,
  );
  setChildren(
    $('#measure-body'),
    measures.map((m) =>
      h(
        'tr',
        { dataset: { measure: m.measureId } },
        h(
          'th',
          { scope: 'row' },
          h('a', { href: `#${state.id}/measure/${encodeURIComponent(m.measureId)}` }, measureTitle(m)),
        ),
        [m.eligible, m.needsInfo, m.nearMiss, m.ineligible].map((n) => h('td', { class: 'num' }, fmt(n))),
      ),
    ),
  );
}

async function loadRejected(sc) {
  const section = $('#rejected-section');
  section.hidden = sc.rejectedRows === 0;
  if (sc.rejectedRows === 0) return;
  const list = $('#rejected-list');
  if (sc.rejectedRows > REJECTED_SHOWN * 5) {
    setChildren(list, h('li', {}, s('rejectedMany', { n: fmt(sc.rejectedRows), shown: 0 })));
    return;
  }
  const { rejected } = await api(`/api/screenings/${state.id}/rejected?format=json`);
  const shown = rejected.slice(0, REJECTED_SHOWN);
  setChildren(
    list,
    shown.map((r) =>
      h(
        'li',
        { dataset: { row: r.rowNumber } },
        h('span', { class: 'row-number' }, s('rejectedRow', { row: r.rowNumber })),
        Object.values(r.errors)
          .flat()
          .join(getLang() === 'zh' ? '；' : '; '),
      ),
    ),
    rejected.length > shown.length
      ? h('li', {}, s('rejectedMany', { n: fmt(rejected.length), shown: shown.length }))
      : null,
  );
}

/** The measures a tenant meets, claims in force first (by nature), benchmarks, guidance and expired ones after. */
function eligibleList(tenant, measures) {
  const eligible = tenant.statuses
    .map((st, i) => (st === 'eligible' ? measures[i] : null))
    .filter(Boolean)
    .map((m) => ({ m, rank: m.inForce === false ? 4 : (NATURE_RANK[m.nature] ?? 3) }))
    .sort((a, b) => a.rank - b.rank);
  if (eligible.length === 0) return s('none');
  const shown = eligible.slice(0, 3).map(({ m }) => measureTitle(m));
  return (
    shown.join(getLang() === 'zh' ? '；' : '; ') +
    (eligible.length > 3 ? ` ${s('andMore', { n: eligible.length - 3 })}` : '')
  );
}

async function loadTenants() {
  const { offset, sort, order, q } = state.page;
  const search = q ? `&q=${encodeURIComponent(q)}` : '';
  const page = await api(
    `/api/screenings/${state.id}/results?format=json&limit=${PAGE_SIZE}&offset=${offset}&sort=${sort}&order=${order}${search}`,
  );
  $('#tenants-section').hidden = false;
  $('#search-clear').hidden = !q;
  renderTenantHead();
  setChildren(
    $('#tenant-body'),
    page.tenants.map((t) =>
      h(
        'tr',
        { dataset: { row: t.rowNumber } },
        h('td', { class: 'num row-cell', 'data-label': s('colRow') }, t.rowNumber),
        companyCell(t, state.id),
        [
          ['colEligible', t.eligible],
          ['colNeedsInfo', t.needsInfo],
          ['colNearMiss', t.nearMiss],
        ].map(([label, n]) => h('td', { class: 'num count', 'data-label': s(label) }, n)),
        h('td', { class: 'num', 'data-label': s('colValue') }, fmtMoney(t.estimatedValue)),
        h('td', { class: 'eligible-list', 'data-label': s('colEligibleMeasures') }, eligibleList(t, page.measures)),
      ),
    ),
  );
  const to = Math.min(page.total, offset + page.tenants.length);
  const vars = { total: fmt(page.total), from: page.total === 0 ? 0 : offset + 1, to, q };
  $('#tenants-summary').textContent = q
    ? s(page.total === 0 ? 'searchNone' : 'searchSummary', vars)
    : s('tenantsSummary', vars);
  $('#prev-page').disabled = offset === 0;
  $('#next-page').disabled = offset + PAGE_SIZE >= page.total;
}

function renderTenantHead() {
  const { sort, order } = state.page;
  const cells = SORTABLE.map(([key, label]) => {
    const active = key === sort;
    return h(
      'th',
      {
        scope: 'col',
        class: key === 'name' ? '' : 'num',
        'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : 'none',
      },
      h(
        'button',
        { type: 'button', class: 'sort-button', dataset: { sort: key }, onclick: () => sortBy(key) },
        s(label),
        active ? (order === 'asc' ? ' ▲' : ' ▼') : '',
      ),
    );
  });
  setChildren($('#tenant-head'), cells, h('th', { scope: 'col' }, s('colEligibleMeasures')));
  const option = [...$('#sort').options].find((o) => o.value === `${sort}:${order}`);
  if (option) option.selected = true;
}

async function sortBy(key) {
  const p = state.page;
  const first = SORTABLE.find(([k]) => k === key)[2];
  p.order = p.sort === key ? (p.order === 'asc' ? 'desc' : 'asc') : first;
  p.sort = key;
  p.offset = 0;
  await loadTenants();
  const label = s(SORTABLE.find(([k]) => k === key)[1]);
  announce(s('sortedBy', { column: label, order: s(p.order) }));
  document.querySelector(`#tenant-head button[data-sort="${key}"]`)?.focus();
}

async function search(q) {
  state.page.q = q.trim();
  state.page.offset = 0;
  await loadTenants();
  announce($('#tenants-summary').textContent);
}

async function loadRecent() {
  const list = await api('/api/screenings').catch(() => []);
  $('#recent-section').hidden = list.length === 0 || $('#screening-view').hidden;
  setChildren(
    $('#recent'),
    list.slice(0, 10).map((sc) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `#${sc.id}`, 'aria-current': sc.id === state.id ? 'true' : null },
          s('recentItem', {
            name: sc.fileName,
            date: new Date(sc.createdAt).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB'),
            status: s(`status_${sc.status}`),
          }),
        ),
      ),
    ),
  );
}

/** `#<id>`, `#<id>/tenant/<row>` or `#<id>/measure/<measure id>[/<status>]`; anything else is no screening. */
function parseHash() {
  const m = /^#([0-9a-f-]{36})(?:\/(tenant|measure)\/([^/]+)(?:\/([a-z_]+))?)?$/i.exec(location.hash);
  if (!m) return null;
  return {
    id: m[1].toLowerCase(),
    view: m[2] ?? 'screening',
    key: m[3] ? decodeURIComponent(m[3]) : null,
    status: m[4],
  };
}

/** Shows the screening itself, or one of its drill-downs, for the address. */
async function route() {
  const r = parseHash();
  const view = r?.view ?? 'screening';
  $('#main').dataset.view = view;
  $('#screening-view').hidden = view !== 'screening';
  $('#upload-form').hidden = view !== 'screening' || state.user?.role !== 'park-admin';
  $('#progress-section').hidden = view !== 'screening' || !r;
  $('#recent-section').hidden = view !== 'screening' || $('#recent').childElementCount === 0;
  $('#tenant-view').hidden = view !== 'tenant';
  $('#measure-view').hidden = view !== 'measure';
  if (!r) return;
  if (view === 'tenant') return showTenant(r.id, Number(r.key));
  if (view === 'measure') return showMeasure(r.id, r.key, r.status ?? 'eligible');
  if (r.id !== state.id || !state.screening) await track(r.id);
  else if (state.screening.status === 'done') $('#progress-section').hidden = false;
}

function renderUser() {
  if (state.user)
    $('#user-name').textContent = t('signedInAs', { name: state.user.name, role: t(`role_${state.user.role}`) });
}

async function rerender() {
  chrome();
  renderUser();
  setUploading(state.uploading);
  const r = parseHash();
  if (r?.view === 'tenant' || r?.view === 'measure') {
    state.screening = null; // its titles are in the old language: read again on the way back
    await route();
  } else if (state.screening) {
    state.screening = await api(`/api/screenings/${state.id}`).catch(() => state.screening);
    renderProgress(state.screening);
    if (state.screening.status === 'done') await finished(state.screening);
  }
  loadRecent();
}

async function start() {
  setLang(initialLang());
  chrome();
  state.user = await currentUser().catch(() => null);
  if (!state.user) return toSignIn();
  $('#user-box').hidden = false;
  renderUser();
  const role = state.user.role;
  if (role !== 'park-admin' && role !== 'caseworker') {
    $('#upload-form').hidden = true;
    showError(s('notAllowed', { role }));
    return;
  }
  if (role === 'caseworker') showError(s('caseworkerNote'));
  $('#upload-form').addEventListener('submit', onUpload);
  $('#search-form').addEventListener('submit', (e) => {
    e.preventDefault();
    search($('#search').value);
  });
  $('#search-clear').addEventListener('click', () => {
    $('#search').value = '';
    search('');
    $('#search').focus();
  });
  $('#sort').addEventListener('change', () => {
    const [sort, order] = $('#sort').value.split(':');
    Object.assign(state.page, { sort, order, offset: 0 });
    loadTenants();
  });
  $('#prev-page').addEventListener('click', () => {
    state.page.offset = Math.max(0, state.page.offset - PAGE_SIZE);
    loadTenants();
  });
  $('#next-page').addEventListener('click', () => {
    state.page.offset += PAGE_SIZE;
    loadTenants();
  });
  window.addEventListener('hashchange', () => route());
  await route();
  await loadRecent();
}

$('#lang-toggle').addEventListener('click', () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  rerender();
});
$('#sign-out').addEventListener('click', async () => {
  await signOut();
  toSignIn();
});
start().finally(() => {
  document.body.dataset.ready = '';
});
