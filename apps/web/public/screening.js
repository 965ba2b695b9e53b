/**
 * 园区批量筛查: a park-admin uploads the tenant list, watches the progress, and gets a per-measure summary, a
 * sortable tenant table (sorted and paged by the server: a park can have 100,000s of tenants), the rejected
 * rows with their reasons, and downloads. Signed in with the session cookie of the caseworker pages.
 */
import { h, setChildren } from './dom.js';
import { api, ApiError, currentUser, signOut, toSignIn } from './reviews.api.js';
import { getLang, initialLang, setLang, t } from './reviews.i18n.js';

const STRINGS = {
  zh: {
    title: '园区批量筛查',
    siteName: '广东省产业政策惠企匹配',
    tagline: '园区批量筛查 · 入园企业政策匹配',
    skipToMain: '跳到正文',
    toCompanyForm: '企业自助查询',
    signOut: '退出登录',
    langToggle: 'English',
    langToggleLabel: 'Switch to English',
    h1: '园区批量筛查',
    intro:
      '上传园区企业名单，系统逐一核对每家企业可享受的支持措施。表头可用中文（如“营业收入”）或字段名（如 revenue）；城市、产业集群可填中文名称；多个值用“;”分隔；空白单元格表示“未知”。有误的行会列出行号和原因，不影响其他行。',
    fileLabel: '企业名单文件（CSV 或 Excel .xlsx）',
    fileHint: 'CSV 支持 UTF-8 和 Excel 默认的 GB18030/GBK 编码；Excel 文件读取第一个工作表。',
    upload: '上传并开始筛查',
    uploading: '正在上传…',
    template: '下载表头模板',
    chooseFile: '请先选择一个 .csv 或 .xlsx 文件。',
    uploadFailed: '文件无法筛查：',
    tooLarge: '文件太大：{detail}',
    progressHeading: '筛查进度',
    counting: '正在读取文件，统计行数…',
    progress: '已处理 {processed} / {total} 行（{percent}%），其中未通过校验 {rejected} 行',
    queued: '排队等待中…',
    done: '筛查完成：共 {total} 行，已筛查 {screened} 家企业，{rejected} 行未通过校验。',
    failed: '筛查失败：{error}',
    summaryHeading: '汇总',
    totals: '共 {total} 行：已筛查 {screened} 家企业，未通过校验 {rejected} 行。',
    measureCaption: '各项措施的筛查结果',
    colMeasure: '措施',
    colEligible: '符合',
    colNeedsInfo: '需补充信息',
    colNearMiss: '接近符合',
    colIneligible: '不符合',
    colRow: '行号',
    colCompany: '企业',
    colEligibleMeasures: '符合的措施',
    andMore: '等 {n} 项',
    none: '—',
    downloadCsv: '下载结果（CSV）',
    downloadXlsx: '下载结果（Excel，含汇总和未通过校验的行）',
    downloadRejected: '下载未通过校验的行（CSV）',
    rejectedHeading: '未通过校验的行',
    rejectedIntro: '以下各行未被筛查。请按原因修改后，可将“下载未通过校验的行”得到的文件直接再次上传。',
    rejectedRow: '第 {row} 行：',
    rejectedMany: '共 {n} 行未通过校验，此处列出前 {shown} 行；完整清单请下载。',
    tenantsHeading: '企业明细',
    tenantsSummary: '共 {total} 家企业，第 {from}–{to} 家。点击表头排序。',
    prev: '上一页',
    next: '下一页',
    sortedBy: '已按“{column}”{order}排列',
    asc: '升序',
    desc: '降序',
    recentHeading: '最近的筛查',
    recentItem: '{name} · {date} · {status}',
    status_queued: '排队中',
    status_running: '进行中',
    status_done: '已完成',
    status_failed: '失败',
    notAllowed: '当前账号（{role}）无权使用批量筛查。',
    caseworkerNote: '审核人员可查看各园区的筛查结果，但不能发起筛查。',
    footer: '筛查结果依据公开政策文件自动判断，最终以主管部门审核为准。',
  },
  en: {
    title: 'Park batch screening',
    siteName: 'Guangdong industrial policy matching',
    tagline: 'Park batch screening · tenants against support measures',
    skipToMain: 'Skip to main content',
    toCompanyForm: 'Company self-check',
    signOut: 'Sign out',
    langToggle: '中文',
    langToggleLabel: '切换到中文',
    h1: 'Park batch screening',
    intro:
      'Upload the park’s tenant list and every tenant is checked against every support measure. Headers may be Chinese (营业收入) or field names (revenue); cities and clusters may be written in Chinese; separate several values with “;”; an empty cell means unknown. Bad rows are listed with their row number and reasons and do not stop the others.',
    fileLabel: 'Tenant file (CSV or Excel .xlsx)',
    fileHint: 'CSV in UTF-8 or Excel’s default GB18030/GBK; for Excel files the first sheet is read.',
    upload: 'Upload and screen',
    uploading: 'Uploading…',
    template: 'Download a header template',
    chooseFile: 'Choose a .csv or .xlsx file first.',
    uploadFailed: 'The file cannot be screened: ',
    tooLarge: 'The file is too large: {detail}',
    progressHeading: 'Progress',
    counting: 'Reading the file and counting its rows…',
    progress: '{processed} of {total} rows done ({percent}%), {rejected} rejected so far',
    queued: 'Waiting in the queue…',
    done: 'Done: {total} rows, {screened} tenants screened, {rejected} rows rejected.',
    failed: 'The screening failed: {error}',
    summaryHeading: 'Summary',
    totals: '{total} rows: {screened} tenants screened, {rejected} rows rejected.',
    measureCaption: 'Outcome per measure',
    colMeasure: 'Measure',
    colEligible: 'Eligible',
    colNeedsInfo: 'Needs info',
    colNearMiss: 'Near miss',
    colIneligible: 'Ineligible',
    colRow: 'Row',
    colCompany: 'Tenant',
    colEligibleMeasures: 'Eligible for',
    andMore: 'and {n} more',
    none: '—',
    downloadCsv: 'Download results (CSV)',
    downloadXlsx: 'Download results (Excel, with summary and rejected rows)',
    downloadRejected: 'Download rejected rows (CSV)',
    rejectedHeading: 'Rejected rows',
    rejectedIntro:
      'These rows were not screened. Fix them as the reasons say; the rejected-rows download can be uploaded again as it is.',
    rejectedRow: 'Row {row}: ',
    rejectedMany: '{n} rows were rejected; the first {shown} are listed here. Download the full list.',
    tenantsHeading: 'Tenants',
    tenantsSummary: '{total} tenants, showing {from}–{to}. Click a column header to sort.',
    prev: 'Previous',
    next: 'Next',
    sortedBy: 'Sorted by “{column}”, {order}',
    asc: 'ascending',
    desc: 'descending',
    recentHeading: 'Recent screenings',
    recentItem: '{name} · {date} · {status}',
    status_queued: 'queued',
    status_running: 'running',
    status_done: 'done',
    status_failed: 'failed',
    notAllowed: 'Your account ({role}) may not use batch screening.',
    caseworkerNote: 'Caseworkers can read every park’s screenings but cannot start one.',
    footer:
      'Outcomes are worked out automatically from the published policy documents; the authorities’ review decides.',
  },
};

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
const SORTABLE = [
  ['rowNumber', 'colRow'],
  ['name', 'colCompany'],
  ['eligible', 'colEligible'],
  ['needsInfo', 'colNeedsInfo'],
  ['nearMiss', 'colNearMiss'],
  ['ineligible', 'colIneligible'],
];

const $ = (sel) => document.querySelector(sel);
const state = {
  user: null,
  id: null,
  screening: null,
  timer: null,
  page: { offset: 0, sort: 'eligible', order: 'desc' },
};

function s(key, vars = {}) {
  const text = STRINGS[getLang()][key] ?? STRINGS.zh[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, k) => (vars[k] === undefined ? `{${k}}` : String(vars[k])));
}

const fmt = (n) => Number(n).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-US');
const announce = (text) => {
  $('#live').textContent = text;
};

function chrome() {
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  document.title = s('title');
  document.querySelectorAll('[data-s]').forEach((el) => {
    el.textContent = s(el.dataset.s);
  });
  const toggle = $('#lang-toggle');
  toggle.textContent = s('langToggle');
  toggle.lang = getLang() === 'zh' ? 'en' : 'zh';
  toggle.setAttribute('aria-label', s('langToggleLabel'));
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

async function onUpload(event) {
  event.preventDefault();
  const file = $('#file').files[0];
  $('#upload-error').hidden = true;
  if (!file) return showUploadErrors(new Error(s('chooseFile')));
  const button = $('#upload');
  button.disabled = true;
  button.textContent = s('uploading');
  try {
    const { id } = await upload(file);
    $('#file').value = '';
    location.hash = id;
  } catch (e) {
    showUploadErrors(e);
  } finally {
    button.disabled = false;
    button.textContent = s('upload');
  }
}

/** Polls the screening until it is done or failed, moving the progress bar. */
async function track(id) {
  clearTimeout(state.timer);
  state.id = id;
  state.page.offset = 0;
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
    state.timer = setTimeout(poll, 400);
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

function renderSummary(sc) {
  $('#summary-section').hidden = false;
  $('#totals').textContent = s('totals', {
    total: fmt(sc.total),
    screened: fmt(sc.screened),
    rejected: fmt(sc.rejectedRows),
  });
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
  const measures = [...(sc.summary?.measures ?? [])].sort((a, b) => b.eligible - a.eligible || b.nearMiss - a.nearMiss);
  setChildren(
    $('#measure-body'),
    measures.map((m) =>
      h(
        'tr',
        { dataset: { measure: m.measureId } },
        h('th', { scope: 'row' }, m.title),
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

async function loadTenants() {
  const { offset, sort, order } = state.page;
  const page = await api(
    `/api/screenings/${state.id}/results?format=json&limit=${PAGE_SIZE}&offset=${offset}&sort=${sort}&order=${order}`,
  );
  $('#tenants-section').hidden = false;
  renderTenantHead();
  const titles = page.measures.map((m) => m.title);
  setChildren(
    $('#tenant-body'),
    page.tenants.map((t) => {
      const eligible = t.statuses.flatMap((st, i) => (st === 'eligible' ? [titles[i]] : []));
      const list =
        eligible.length === 0
          ? s('none')
          : eligible.slice(0, 3).join('；') +
            (eligible.length > 3 ? ` ${s('andMore', { n: eligible.length - 3 })}` : '');
      return h(
        'tr',
        { dataset: { row: t.rowNumber } },
        h('td', { class: 'num' }, t.rowNumber),
        h(
          'td',
          { class: 'company' },
          t.name ?? s('none'),
          t.creditCode ? h('span', { class: 'credit mono' }, t.creditCode) : null,
        ),
        [t.eligible, t.needsInfo, t.nearMiss, t.ineligible].map((n) => h('td', { class: 'num' }, n)),
        h('td', { class: 'eligible-list' }, list),
      );
    }),
  );
  const to = Math.min(page.total, offset + page.tenants.length);
  $('#tenants-summary').textContent = s('tenantsSummary', {
    total: fmt(page.total),
    from: page.total === 0 ? 0 : offset + 1,
    to,
  });
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
}

async function sortBy(key) {
  const p = state.page;
  p.order =
    p.sort === key ? (p.order === 'asc' ? 'desc' : 'asc') : key === 'rowNumber' || key === 'name' ? 'asc' : 'desc';
  p.sort = key;
  p.offset = 0;
  await loadTenants();
  const label = s(SORTABLE.find(([k]) => k === key)[1]);
  announce(s('sortedBy', { column: label, order: s(p.order) }));
  document.querySelector(`#tenant-head button[data-sort="${key}"]`)?.focus();
}

async function loadRecent() {
  const list = await api('/api/screenings').catch(() => []);
  $('#recent-section').hidden = list.length === 0;
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

function idFromHash() {
  const id = location.hash.replace(/^#/, '');
  return /^[0-9a-f-]{36}$/i.test(id) ? id : null;
}

function renderUser() {
  if (state.user)
    $('#user-name').textContent = t('signedInAs', { name: state.user.name, role: t(`role_${state.user.role}`) });
}

async function rerender() {
  chrome();
  renderUser();
  if (state.screening) {
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
  if (role === 'caseworker') {
    $('#upload-form').hidden = true;
    showError(s('caseworkerNote'));
  }
  $('#upload-form').addEventListener('submit', onUpload);
  $('#prev-page').addEventListener('click', () => {
    state.page.offset = Math.max(0, state.page.offset - PAGE_SIZE);
    loadTenants();
  });
  $('#next-page').addEventListener('click', () => {
    state.page.offset += PAGE_SIZE;
    loadTenants();
  });
  window.addEventListener('hashchange', () => {
    const id = idFromHash();
    if (id) track(id);
  });
  const id = idFromHash();
  if (id) await track(id);
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
