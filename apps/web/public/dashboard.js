/**
 * The dashboard (caseworkers and admins): GET /api/dashboard as KPIs, ECharts charts (served from the echarts
 * package at /vendor/echarts/) and tables, with CSV/XLSX exports in the page's language.
 */
import { h, setChildren } from './dom.js';
import { formatPercent, formatYuan } from './format.js';
import { api, currentUser, signOut, toSignIn } from './reviews.api.js';
import { applyChrome, getLang, initialLang, setLang, t } from './reviews.i18n.js';
import { CITY_LABELS } from './engine/profile.js';

const $ = (sel) => document.querySelector(sel);
const charts = {};
let user = null;

function chart(id) {
  if (!window.echarts) return null;
  charts[id] ??= window.echarts.init(document.getElementById(id), null, { renderer: 'canvas' });
  return charts[id];
}

const kpi = (id, label, value) =>
  h(
    'div',
    { class: 'dash-kpi', id },
    h('span', { class: 'kpi-value' }, value),
    h('span', { class: 'kpi-label' }, label),
  );

function bars(id, categories, series, { horizontal = false } = {}) {
  const c = chart(id);
  if (!c) return;
  const category = {
    type: 'category',
    data: categories,
    inverse: horizontal,
    axisLabel: { width: 260, overflow: 'truncate' },
  };
  const value = { type: 'value', minInterval: 1 };
  c.setOption(
    {
      animation: false,
      color: ['#1f5fa8', '#2e8540', '#c0392b', '#b7791f', '#6f42c1'],
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: series.length > 1 ? { top: 0 } : undefined,
      grid: { left: 8, right: 24, top: series.length > 1 ? 32 : 12, bottom: 8, containLabel: true },
      xAxis: horizontal ? value : category,
      yAxis: horizontal ? category : value,
      series: series.map((s) => ({
        type: 'bar',
        name: s.name,
        data: s.data,
        barMaxWidth: 22,
        label: { show: true, position: horizontal ? 'right' : 'top', formatter: (p) => (p.value ? p.value : '') },
      })),
    },
    true,
  );
}

const place = (key, kind) =>
  key === null ? t('dashKeyNone') : kind === 'city' ? (CITY_LABELS[key]?.[getLang()] ?? key) : key;
const rate = (r) => (r.realizationRate === null ? '—' : formatPercent(r.realizationRate));

function table(el, head, rows) {
  setChildren(
    el,
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        head.map((x) => h('th', { scope: 'col' }, x)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.length
        ? rows.map((r) =>
            h(
              'tr',
              {},
              r.map((x) => h('td', {}, x)),
            ),
          )
        : h('tr', {}, h('td', { colspan: head.length }, t('dashNone'))),
    ),
  );
}

const countsHead = () => [
  t('dashApplied'),
  t('dashConfirmed'),
  t('dashRejected'),
  t('dashPaid'),
  t('dashAmount'),
  t('dashRate'),
];
const countsRow = (r) => [r.applied, r.confirmed, r.rejected, r.paid, formatYuan(r.amountPaid), rate(r)];

async function render() {
  const d = await api('/api/dashboard');
  setChildren(
    $('#kpis'),
    kpi('kpi-cases', t('dashCases'), d.cases),
    ['pending', 'needs-info', 'decided'].map((s) => kpi(`kpi-${s}`, t(`case_${s}`), d.byStatus[s])),
    kpi(
      'kpi-median',
      t('dashMedian'),
      d.medianDaysToDecision === null ? t('dashNone') : t('dashMedianValue', { days: d.medianDaysToDecision }),
    ),
  );
  const statuses = ['pending', 'needs-info', 'decided'];
  bars(
    'chart-status',
    statuses.map((s) => t(`case_${s}`)),
    [{ name: t('dashCasesCol'), data: statuses.map((s) => d.byStatus[s]) }],
  );
  const ages = Object.keys(d.openByAge);
  bars(
    'chart-age',
    ages.map((a) => t(`age_${a}`)),
    [{ name: t('dashCasesCol'), data: ages.map((a) => d.openByAge[a]) }],
  );
  const top = d.byMeasure.slice(0, 12);
  $('#chart-measure').style.height = `${Math.max(220, 60 + top.length * 46)}px`;
  chart('chart-measure')?.resize();
  bars(
    'chart-measure',
    top.map((m) => m.title),
    [
      { name: t('dashApplied'), data: top.map((m) => m.applied) },
      { name: t('dashConfirmed'), data: top.map((m) => m.confirmed) },
      { name: t('dashRejected'), data: top.map((m) => m.rejected) },
      { name: t('dashPaid'), data: top.map((m) => m.paid) },
    ],
    { horizontal: true },
  );
  table(
    $('#table-measure'),
    [t('dashMeasureCol'), ...countsHead()],
    d.byMeasure.map((m) => [m.title, ...countsRow(m)]),
  );
  table(
    $('#table-city'),
    [t('colCity'), t('dashCasesCol'), ...countsHead()],
    d.byCity.map((r) => [place(r.key, 'city'), r.cases, ...countsRow(r)]),
  );
  table(
    $('#table-park'),
    [t('colPark'), t('dashCasesCol'), ...countsHead()],
    d.byPark.map((r) => [place(r.key, 'park'), r.cases, ...countsRow(r)]),
  );
  $('#dash-csv').href = `/api/dashboard?format=csv&lang=${getLang()}`;
  $('#dash-xlsx').href = `/api/dashboard?format=xlsx&lang=${getLang()}`;
  $('#decisions-csv').href = `/api/decisions?format=csv&lang=${getLang()}`;
  $('#decisions-csv').hidden = user.role !== 'caseworker';
}

async function start() {
  setLang(initialLang());
  applyChrome('dashboardTitle');
  user = await currentUser().catch(() => null);
  if (!user) return toSignIn();
  $('#user-box').hidden = false;
  $('#user-name').textContent = t('signedInAs', { name: user.name, role: t(`role_${user.role}`) });
  if (user.role !== 'caseworker' && user.role !== 'admin') {
    $('#denied').textContent = t('notDashboard', { role: t(`role_${user.role}`) });
    $('#denied').hidden = false;
  } else {
    $('#dashboard').hidden = false;
    try {
      await render();
    } catch (e) {
      $('#page-error').textContent = t('loadFailed', { detail: e?.message ?? String(e) });
      $('#page-error').hidden = false;
    }
  }
  document.body.dataset.ready = '';
}

$('#lang-toggle').addEventListener('click', async () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  applyChrome('dashboardTitle');
  if (user) $('#user-name').textContent = t('signedInAs', { name: user.name, role: t(`role_${user.role}`) });
  if (!$('#dashboard').hidden) await render();
});
$('#sign-out').addEventListener('click', async () => {
  await signOut();
  toSignIn();
});
window.addEventListener('resize', () => Object.values(charts).forEach((c) => c.resize()));

void start();
