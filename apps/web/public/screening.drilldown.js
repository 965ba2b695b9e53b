/**
 * The screening page's drill-downs. A tenant: its full result, explained again by the server from the row it
 * was screened with, shown with the company page's own cards (results.js). A measure: the tenants it fits,
 * by status, largest estimate first.
 */
import { h, setChildren } from './dom.js';
import { api, ApiError, toSignIn } from './reviews.api.js';
import { renderProfileSummary, renderResults } from './results.js';
import { fmt, fmtMoney, s } from './screening.i18n.js';

const $ = (sel) => document.querySelector(sel);
const PAGE_SIZE = 50;
const TABS = ['eligible', 'near_miss', 'needs_info'];
const COUNT_OF = { eligible: 'eligible', near_miss: 'nearMiss', needs_info: 'needsInfo' };
const measurePage = { key: '', offset: 0 };

/** A tenant's cell: its name as the link to its result, the credit code, and any warning from reading its row. */
export function companyCell(t, id) {
  return h(
    'td',
    { class: 'company', 'data-label': s('colCompany') },
    h('a', { class: 'tenant-link', href: `#${id}/tenant/${t.rowNumber}` }, t.name ?? s('none')),
    t.creditCode ? h('span', { class: 'credit mono' }, t.creditCode) : null,
    t.warnings ? h('span', { class: 'row-warning' }, s('warningLabel'), t.warnings) : null,
  );
}

function failed(e, heading) {
  if (e instanceof ApiError && e.status === 401) return toSignIn();
  $(heading).textContent = e instanceof ApiError && e.status === 404 ? s('notFound') : e.message;
}

/**
 * The company page's cards link to its form fields (#field-…) and its document view (#/document/…): here the
 * document opens on the company page in a new tab, and a missing field is plain text: the park adds the column
 * to its file and uploads it again.
 */
function adaptLinks(host) {
  host.querySelectorAll('a[href^="#/document/"]').forEach((a) => {
    a.href = `index.html${a.getAttribute('href')}`;
    a.target = '_blank';
    a.rel = 'noopener';
  });
  host.querySelectorAll('a[href^="#field-"]').forEach((a) => {
    a.replaceWith(h('strong', { class: 'missing-field' }, a.textContent));
  });
  const hint = host.querySelector('.next-steps .hint');
  if (hint) hint.textContent = s('nextStepsHint');
}

export async function showTenant(id, row) {
  for (const a of document.querySelectorAll('.back-link')) a.href = `#${id}`;
  const heading = $('#tenant-heading');
  heading.textContent = s('loading');
  setChildren($('#tenant-results'));
  $('#tenant-meta').textContent = '';
  $('#tenant-profile').hidden = true;
  $('#tenant-warning').hidden = true;
  $('#tenant-pack-note').hidden = true;
  let x;
  try {
    x = await api(`/api/screenings/${id}/tenants/${row}`);
  } catch (e) {
    return failed(e, '#tenant-heading');
  }
  heading.textContent = x.name ?? s('rejectedRow', { row });
  $('#tenant-meta').textContent = x.creditCode
    ? s('tenantMeta', { row, code: x.creditCode, asOf: x.result.asOf })
    : s('tenantMetaNoCode', { row, asOf: x.result.asOf });
  const warning = $('#tenant-warning');
  warning.hidden = !x.warnings;
  warning.textContent = x.warnings ? s('warningLabel') + x.warnings : '';
  $('#tenant-pack-note').hidden = x.result.rulePackVersion === x.screeningRulePackVersion;
  $('#tenant-pack-note').textContent = s('packChanged');
  $('#tenant-profile').hidden = false;
  renderProfileSummary($('#tenant-profile-body'), x.profile);
  const host = $('#tenant-results');
  renderResults(host, x.result, { onJump: () => {} });
  adaptLinks(host);
  document.title = `${heading.textContent} · ${s('title')}`;
  heading.focus();
}

export async function showMeasure(id, measureId, status) {
  for (const a of document.querySelectorAll('.back-link')) a.href = `#${id}`;
  const key = `${id}/${measureId}/${status}`;
  if (measurePage.key !== key) Object.assign(measurePage, { key, offset: 0 });
  const heading = $('#measure-heading');
  let screening;
  let page;
  try {
    [screening, page] = await Promise.all([
      api(`/api/screenings/${id}`),
      api(
        `/api/screenings/${id}/measures/${encodeURIComponent(measureId)}/tenants?status=${status}&limit=${PAGE_SIZE}&offset=${measurePage.offset}`,
      ),
    ]);
  } catch (e) {
    return failed(e, '#measure-heading');
  }
  heading.textContent = page.measure.title;
  document.title = `${page.measure.title} · ${s('title')}`;
  $('#measure-meta').textContent = s('measureMeta', {
    asOf: screening.asOf,
    inForce: s(page.measure.inForce === false ? 'notInForce' : 'inForce'),
  });
  const counts = screening.summary?.measures.find((m) => m.measureId === measureId) ?? {};
  setChildren(
    $('#measure-tabs'),
    TABS.map((tab) =>
      h(
        'a',
        {
          class: 'status-tab',
          href: `#${id}/measure/${encodeURIComponent(measureId)}/${tab}`,
          'aria-current': tab === status ? 'page' : null,
        },
        s(`tab_${tab}`, { n: fmt(counts[COUNT_OF[tab]] ?? 0) }),
      ),
    ),
  );
  renderMeasureTenants(id, page, status);
  const pager = (sel, offset, disabled) => {
    const button = $(sel);
    button.disabled = disabled;
    button.onclick = () => {
      measurePage.offset = offset;
      showMeasure(id, measureId, status);
    };
  };
  pager('#measure-prev', Math.max(0, page.offset - PAGE_SIZE), page.offset === 0);
  pager('#measure-next', page.offset + PAGE_SIZE, page.offset + PAGE_SIZE >= page.total);
}

function renderMeasureTenants(id, page, status) {
  setChildren(
    $('#measure-tenants-head'),
    h('th', { scope: 'col', class: 'num' }, s('colRow')),
    h('th', { scope: 'col' }, s('colCompany')),
    h('th', { scope: 'col', class: 'num' }, s('colEligibleCount')),
    h('th', { scope: 'col', class: 'num' }, s('colValueTotal')),
  );
  setChildren(
    $('#measure-tenants-body'),
    page.tenants.map((t) =>
      h(
        'tr',
        { dataset: { row: t.rowNumber } },
        h('td', { class: 'num row-cell', 'data-label': s('colRow') }, t.rowNumber),
        companyCell(t, id),
        h('td', { class: 'num', 'data-label': s('colEligibleCount') }, t.eligible),
        h('td', { class: 'num', 'data-label': s('colValueTotal') }, fmtMoney(t.estimatedValue)),
      ),
    ),
  );
  const vars = {
    total: fmt(page.total),
    from: page.total === 0 ? 0 : page.offset + 1,
    to: page.offset + page.tenants.length,
  };
  $('#measure-summary').textContent = page.total === 0 ? s('measureEmpty') : s(`measureSummary_${status}`, vars);
}
