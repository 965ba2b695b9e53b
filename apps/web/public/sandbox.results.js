/**
 * 影响: the totals, two charts (by measure; by city, cluster or park), the tenants whose outcome changes, the
 * downloads and the audit line. Charts are ECharts (window.echarts, served from the echarts package).
 */
import { h, setChildren } from './dom.js';
import { getLang } from './reviews.i18n.js';
import { fmt, s, wan } from './sandbox.i18n.js';

const $ = (sel) => document.querySelector(sel);
const SHOWN = 100;
const COLORS = { gained: '#1a7f37', lost: '#b42318', near: '#b7791f' };
const charts = {};
let current = null;

export function renderImpact(run, scenario) {
  current = { run, scenario };
  $('#impact-section').hidden = false;
  const rejected = run.population.rejected ? s('rejectedRows', { n: fmt(run.population.rejected) }) : '';
  $('#impact-scope').textContent = s('impactScope', {
    name: scenario.name,
    n: fmt(run.population.tenants),
    asOf: run.asOf,
    rejected,
  });
  setChildren(
    $('#kpis'),
    kpi('gain', fmt(run.gained), s('kpiGained'), 'kpi-gained'),
    kpi('loss', fmt(run.lost), s('kpiLost'), 'kpi-lost'),
    kpi('near', fmt(run.newNearMisses), s('kpiNear'), 'kpi-near'),
    kpi('value', wan(run.valueChange), s('kpiValue'), 'kpi-value'),
  );
  const base = `/api/scenarios/${run.scenarioId}/runs/${run.id}/changes?lang=${getLang()}`;
  setChildren(
    $('#downloads'),
    h('a', { href: `${base}&format=csv`, download: '' }, s('downloadCsv')),
    ' ',
    h('a', { href: `${base}&format=xlsx`, download: '' }, s('downloadXlsx')),
  );
  drawMeasures(run);
  drawGroups(run);
  renderTenants(run);
  $('#audit').textContent = s('audit', {
    id: run.id,
    by: run.createdBy.name,
    at: new Date(run.createdAt).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB'),
    base: short(run.base),
    scenario: short(run.scenario),
    digest: run.resultDigest,
  });
}

/** After a change of language: the run again, worded in the new language. */
export async function rerenderImpact(fetchRun) {
  if (current) renderImpact(await fetchRun(current.run), current.scenario);
}

const short = (version) => (version ? `${version.slice(0, 19)}…` : '');

function kpi(kind, value, label, id) {
  return h(
    'div',
    { class: `kpi ${kind}`, id },
    h('span', { class: 'kpi-value' }, value),
    h('span', { class: 'kpi-label' }, label),
  );
}

function chart(id) {
  const el = document.getElementById(id);
  if (!window.echarts) return null;
  charts[id] ??= window.echarts.init(el, null, { renderer: 'canvas' });
  return charts[id];
}

/** Horizontal bars, one row per category, gained / lost / new near misses side by side; long names shortened. */
function barOption(categories, series, emptyText) {
  const narrow = window.innerWidth < 600;
  const zh = getLang() === 'zh';
  const maxName = narrow ? (zh ? 9 : 16) : zh ? 16 : 30;
  return {
    animation: false,
    color: [COLORS.gained, COLORS.lost, COLORS.near],
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, itemWidth: 14, itemHeight: 10 },
    grid: { left: 8, right: 24, top: 32, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisLabel: {
        width: narrow ? 110 : 220,
        overflow: 'truncate',
        formatter: (v) => (v.length > maxName ? `${v.slice(0, maxName)}…` : v),
      },
    },
    series: series.map((x) => ({
      type: 'bar',
      name: x.name,
      data: x.data,
      barMaxWidth: 18,
      label: { show: true, position: 'right', formatter: (p) => (p.value ? p.value : '') },
    })),
    graphic:
      categories.length === 0
        ? [{ type: 'text', left: 'center', top: 'middle', style: { text: emptyText, fill: '#57606a', fontSize: 14 } }]
        : [],
  };
}

function drawMeasures(run) {
  const c = chart('chart-measures');
  const rows = run.byMeasure.slice(0, 12);
  $('#chart-measures').setAttribute(
    'aria-label',
    rows.map((m) => `${m.title}: +${m.gained} −${m.lost}`).join('; ') || s('noEffect'),
  );
  c?.setOption(
    barOption(
      rows.map((m) => m.title),
      [
        { name: s('seriesGained'), data: rows.map((m) => m.gained) },
        { name: s('seriesLost'), data: rows.map((m) => m.lost) },
        { name: s('seriesNear'), data: rows.map((m) => m.newNearMisses) },
      ],
      s('noEffect'),
    ),
    true,
  );
}

function drawGroups(run) {
  const c = chart('chart-groups');
  const rows = (run[$('#group-by').value] ?? []).filter((g) => g.gained + g.lost + g.newNearMisses > 0).slice(0, 12);
  $('#chart-groups').setAttribute(
    'aria-label',
    rows.map((g) => `${g.label}: +${g.gained} −${g.lost}`).join('; ') || s('noEffect'),
  );
  c?.setOption(
    barOption(
      rows.map((g) => g.label),
      [
        { name: s('seriesGained'), data: rows.map((g) => g.gained) },
        { name: s('seriesLost'), data: rows.map((g) => g.lost) },
        { name: s('seriesNear'), data: rows.map((g) => g.newNearMisses) },
      ],
      s('noEffect'),
    ),
    true,
  );
}

function renderTenants(run) {
  const titles = new Map(run.byMeasure.map((m) => [m.measureId, m.title]));
  const cities = new Map(run.byCity.map((g) => [g.key, g.label]));
  const names = (ids) =>
    ids.length ? ids.map((id) => titles.get(id) ?? id).join(getLang() === 'zh' ? '；' : '; ') : s('none');
  const tenants = [...run.tenants].sort(
    (a, b) => Math.abs(b.valueChange) - Math.abs(a.valueChange) || b.gained.length - a.gained.length || a.row - b.row,
  );
  const shown = tenants.slice(0, SHOWN);
  const total = run.tenantsTotal ?? run.tenants.length;
  $('#tenants-summary').textContent =
    total === 0
      ? s('noEffect')
      : total > shown.length
        ? s('tenantsSummary', { total: fmt(total), shown: shown.length })
        : s('tenantsAll', { total: fmt(total) });
  const columns = [
    'colRow',
    'colCompany',
    'colCity',
    'colPark',
    'colGained',
    'colLost',
    'colNear',
    'colOther',
    'colValue',
  ];
  setChildren(
    $('#tenant-head'),
    columns.map((k) => h('th', { scope: 'col', class: k === 'colRow' || k === 'colValue' ? 'num' : '' }, s(k))),
  );
  // An empty cell is marked so a phone's card leaves it out.
  const cell = (k, attrs, ...content) => {
    const empty = content.length === 1 && content[0] === s('none');
    return h(
      'td',
      {
        ...attrs,
        class: [attrs.class, empty ? 'empty' : ''].filter(Boolean).join(' ') || undefined,
        'data-label': s(k),
      },
      h('div', {}, ...content),
    );
  };
  setChildren(
    $('#tenant-body'),
    shown.map((t) =>
      h(
        'tr',
        { dataset: { row: t.row } },
        cell('colRow', { class: 'num' }, t.row),
        cell(
          'colCompany',
          { class: 'company' },
          t.name ?? s('none'),
          t.creditCode ? h('span', { class: 'credit mono' }, t.creditCode) : null,
        ),
        cell('colCity', {}, t.city ? (cities.get(t.city) ?? t.city) : s('none')),
        cell('colPark', {}, t.parkId ?? s('none')),
        cell('colGained', { class: 'gain' }, names(t.gained)),
        cell('colLost', { class: 'loss' }, names(t.lost)),
        cell('colNear', {}, names(t.newNearMisses)),
        cell('colOther', { class: 'other' }, others(t, titles)),
        cell(
          'colValue',
          { class: 'num' },
          t.valueChange ? `${wan(t.valueChange)} ${getLang() === 'zh' ? '万元' : '×10k'}` : s('none'),
        ),
      ),
    ),
  );
}

const STATUS_KEYS = {
  eligible: 'stEligible',
  ineligible: 'stIneligible',
  needs_info: 'stNeedsInfo',
  near_miss: 'stNearMiss',
  absent: 'stAbsent',
};

/** Status changes that are neither a gain, a loss nor a new near miss (e.g. a near miss that now needs information). */
function others(t, titles) {
  const counted = new Set([...t.gained, ...t.lost, ...t.newNearMisses]);
  const rest = t.statusChanges.filter((c) => !counted.has(c.measureId));
  if (rest.length === 0) return s('none');
  return rest
    .map((c) => `${titles.get(c.measureId) ?? c.measureId}：${s(STATUS_KEYS[c.before])} → ${s(STATUS_KEYS[c.after])}`)
    .join(getLang() === 'zh' ? '；' : '; ');
}

export function initResults() {
  $('#group-by').addEventListener('change', () => current && drawGroups(current.run));
  window.addEventListener('resize', () => {
    for (const c of Object.values(charts)) c.resize();
    if (current) {
      drawMeasures(current.run);
      drawGroups(current.run);
    }
  });
}
