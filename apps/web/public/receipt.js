/**
 * The company's receipt page: with the id and receipt code of a save (prefilled from the link the save gave,
 * #id=…&token=…), it shows the saved profile and result and — after an application — the review case: each
 * measure's status and the caseworker's comments (never who decided). When asked for information the company
 * updates its profile here (PUT, a new version of the same case) and the case goes back to the queue.
 */
import { h, setChildren } from './dom.js';
import { factLabel, formatDateTime, formatFactValue, formatYuan } from './format.js';
import { getLang, initialLang, setLang } from './i18n.js';
import { PROFILE_FIELDS, readFieldText, validateProfile } from './engine/profile.js';

const STRINGS = {
  zh: {
    title: '申报回执 · 广东省产业政策惠企匹配',
    skip: '跳到正文',
    siteName: '广东省产业政策惠企匹配',
    tagline: '申报回执 · 审核进度',
    heading: '申报回执',
    intro: '凭保存时获得的编号和回执码查看保存的企业信息、匹配结果和申报审核进度。回执码相当于密码，请勿外传。',
    idLabel: '编号',
    tokenLabel: '回执码',
    copy: '复制',
    copied: '已复制',
    show: '查看',
    toForm: '返回企业自助查询',
    loading: '正在载入…',
    notFound: '编号或回执码不正确。',
    needBoth: '请填写编号和回执码。',
    failed: '载入失败：{detail}',
    caseHeading: '审核进度',
    caseStatus: '案件状态',
    case_pending: '审核中',
    'case_needs-info': '需要您补充信息',
    case_decided: '审核完毕',
    state_pending: '待审核',
    state_confirmed: '审核通过',
    state_rejected: '未通过',
    'state_needs-info': '需补充材料',
    state_paid: '已拨付',
    colMeasure: '措施',
    colStatus: '状态',
    colComment: '审核意见',
    colWhen: '时间',
    paid: '已拨付 {amount}（{date}）',
    noCase: '本次保存未提交申报意向，没有审核案件。如需申报，请回到查询页勾选措施并提交申报意向。',
    historyHeading: '审核记录',
    needsInfoNote: '审核人员需要您补充信息（见上方意见）。请在下方更新企业信息并提交，案件将重新进入审核。',
    updateHeading: '更新企业信息',
    updateIntro: '修改或补充后提交，将作为本案件的新版本（第 {version} 版）进入审核。留空表示“未知”。',
    updateSubmit: '提交更新',
    neededFields: '★ 待补充：',
    updating: '正在提交…',
    updated: '已提交更新，案件已重新进入审核队列。',
    updateFailed: '提交失败：',
    unknown: '（未知）',
    yes: '是',
    no: '否',
    profileHeading: '保存的企业信息',
    resultHeading: '匹配结果（保存时）',
    resultSummary: '当前有效的可申报措施中：符合 {eligible} 项，需补充信息 {needsInfo} 项，接近符合 {nearMiss} 项。',
    savedAt: '保存时间',
    version: '资料版本',
  },
  en: {
    title: 'Receipt · Guangdong policy matching',
    skip: 'Skip to the content',
    siteName: 'Guangdong policy matching for enterprises',
    tagline: 'Receipt · review progress',
    heading: 'Receipt',
    intro:
      'With the reference and receipt code you got when saving, see the saved profile, its result and how your application is being reviewed. Keep the receipt code private, like a password.',
    idLabel: 'Reference',
    tokenLabel: 'Receipt code',
    copy: 'Copy',
    copied: 'Copied',
    show: 'Show',
    toForm: 'Back to the company form',
    loading: 'Loading…',
    notFound: 'Reference or receipt code is wrong.',
    needBoth: 'Give the reference and the receipt code.',
    failed: 'Could not load: {detail}',
    caseHeading: 'Review progress',
    caseStatus: 'Case status',
    case_pending: 'Under review',
    'case_needs-info': 'Information needed from you',
    case_decided: 'Review complete',
    state_pending: 'Pending',
    state_confirmed: 'Confirmed',
    state_rejected: 'Rejected',
    'state_needs-info': 'Information needed',
    state_paid: 'Paid',
    colMeasure: 'Measure',
    colStatus: 'Status',
    colComment: 'Comment',
    colWhen: 'When',
    paid: 'Paid {amount} ({date})',
    noCase:
      'No application was sent with this save, so there is no review case. To apply, tick measures on the result page and submit an application.',
    historyHeading: 'Review history',
    needsInfoNote:
      'The reviewer needs more information (see the comment above). Update your profile below and submit; the case goes back to review.',
    updateHeading: 'Update the profile',
    updateIntro:
      'Your changes become version {version} of this case and go back to review. Leave a box empty for "unknown".',
    updateSubmit: 'Submit the update',
    neededFields: '★ Still missing: ',
    updating: 'Submitting…',
    updated: 'Update submitted; the case is back in the review queue.',
    updateFailed: 'Could not submit: ',
    unknown: '(unknown)',
    yes: 'yes',
    no: 'no',
    profileHeading: 'The saved profile',
    resultHeading: 'Result (when saved)',
    resultSummary:
      'Of the claimable measures in force: {eligible} eligible, {needsInfo} need information, {nearMiss} near misses.',
    savedAt: 'Saved',
    version: 'Profile version',
  },
};
const s = (key, vars = {}) =>
  (STRINGS[getLang()][key] ?? STRINGS.zh[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));
const $ = (sel) => document.querySelector(sel);
let shown = null;

function chrome() {
  document.documentElement.lang = getLang() === 'zh' ? 'zh-CN' : 'en';
  document.title = s('title');
  document.querySelectorAll('[data-r]').forEach((el) => {
    el.textContent = s(el.dataset.r);
  });
  const toggle = $('#lang-toggle');
  toggle.textContent = getLang() === 'zh' ? 'English' : '中文';
  toggle.lang = getLang() === 'zh' ? 'en' : 'zh';
}

function announce(text) {
  $('#live').textContent = '';
  setTimeout(() => ($('#live').textContent = text), 50);
}

async function request(method, body) {
  const id = $('#receipt-id').value.trim();
  const token = $('#receipt-token').value.trim();
  const res = await fetch(`/api/submissions/${encodeURIComponent(id)}?lang=${getLang()}`, {
    method,
    headers: {
      accept: 'application/json',
      'X-Receipt-Token': token,
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

async function load() {
  const error = $('#lookup-error');
  error.hidden = true;
  if (!$('#receipt-id').value.trim() || !$('#receipt-token').value.trim()) {
    error.textContent = s('needBoth');
    error.hidden = false;
    return;
  }
  try {
    const res = await request('GET');
    if (res.status === 404 || res.status === 400) throw new Error(s('notFound'));
    if (res.status !== 200) throw new Error(res.body?.message ?? `HTTP ${res.status}`);
    shown = res.body;
    render();
  } catch (e) {
    $('#view').hidden = true;
    error.textContent = e.message === s('notFound') ? e.message : s('failed', { detail: e.message });
    error.hidden = false;
  }
}

function caseSection(c) {
  if (!c) return h('section', { class: 'panel', id: 'case' }, h('h2', {}, s('caseHeading')), h('p', {}, s('noCase')));
  const title = new Map(c.measures.map((m) => [m.measureId, m.title]));
  return h(
    'section',
    { class: 'panel', id: 'case', 'aria-labelledby': 'case-h' },
    h('h2', { id: 'case-h' }, s('caseHeading')),
    h(
      'p',
      { class: 'case-line' },
      `${s('caseStatus')}：`,
      h('span', { class: `badge case-${c.status}`, id: 'case-status' }, s(`case_${c.status}`)),
      ` · ${s('version')} ${c.version}`,
    ),
    h(
      'table',
      { class: 'history receipt-measures', id: 'case-measures' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [s('colMeasure'), s('colStatus'), s('colComment')].map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h(
        'tbody',
        {},
        c.measures.map((m) =>
          h(
            'tr',
            { dataset: { measure: m.measureId } },
            h('td', {}, m.title),
            h('td', {}, h('span', { class: `badge state-${m.status}` }, s(`state_${m.status}`))),
            h(
              'td',
              {},
              m.comment ?? '—',
              m.amountPaid !== null
                ? h('span', { class: 'paid-line' }, s('paid', { amount: formatYuan(m.amountPaid), date: m.paidOn }))
                : null,
            ),
          ),
        ),
      ),
    ),
    c.status === 'needs-info' ? h('p', { class: 'notice', id: 'needs-info-note' }, s('needsInfoNote')) : null,
    c.history.length
      ? h(
          'details',
          {},
          h('summary', {}, s('historyHeading')),
          h(
            'ul',
            { class: 'receipt-history' },
            c.history.map((x) =>
              h(
                'li',
                {},
                `${formatDateTime(x.decidedAt)} · ${title.get(x.measureId) ?? x.measureId} · ${s(`state_${x.decision}`)}：${x.comment}`,
              ),
            ),
          ),
        )
      : null,
  );
}

const FIELD_NAMES = Object.keys(PROFILE_FIELDS);

/** The profile fields the case's needs-info measures lack, by the result on record. */
function neededFields(view) {
  const asked = new Set((view.case?.measures ?? []).filter((m) => m.status === 'needs-info').map((m) => m.measureId));
  return new Set(view.result.results.filter((r) => asked.has(r.measureId)).flatMap((r) => r.missingFacts ?? []));
}

/** A stored value as a person would type it: amounts with thousands separators. */
const asText = (spec, value) =>
  value === undefined || value === null
    ? ''
    : spec.type === 'number' || spec.type === 'integer'
      ? Number(value).toLocaleString('en-US', { maximumFractionDigits: 2, useGrouping: spec.type === 'number' })
      : String(value);

function fieldInput(name, value, needed) {
  const spec = PROFILE_FIELDS[name];
  const id = `u-${name}`;
  const cls = needed.has(name) ? 'field needed' : 'field';
  const label = h(
    'label',
    { class: 'label', for: id },
    factLabel(name),
    spec.unit ? `（${spec.unit[getLang()]}）` : '',
  );
  if (spec.type === 'enum' || spec.type === 'boolean') {
    const options =
      spec.type === 'boolean'
        ? [
            ['true', s('yes')],
            ['false', s('no')],
          ]
        : spec.values.map((v) => [v, spec.labels[v][getLang()]]);
    return h(
      'div',
      { class: cls },
      label,
      h(
        'select',
        { id, name },
        h('option', { value: '' }, s('unknown')),
        options.map(([v, l]) => h('option', { value: v, selected: String(value) === v }, l)),
      ),
    );
  }
  if (spec.type === 'enumArray') {
    const chosen = new Set(Array.isArray(value) ? value : []);
    return h(
      'fieldset',
      { class: 'field checks', id },
      h('legend', { class: 'label' }, factLabel(name)),
      spec.values.map((v) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name, value: v, checked: chosen.has(v) }),
          spec.labels[v][getLang()],
        ),
      ),
    );
  }
  return h('div', { class: cls }, label, h('input', { type: 'text', id, name, value: asText(spec, value) }));
}

function readForm(form) {
  const profile = {};
  for (const name of FIELD_NAMES) {
    const spec = PROFILE_FIELDS[name];
    let value;
    if (spec.type === 'enumArray') {
      const boxes = [...form.querySelectorAll(`input[name="${name}"]`)];
      const on = boxes.filter((b) => b.checked).map((b) => b.value);
      value = on.length ? on : undefined;
    } else if (spec.type === 'boolean') {
      const v = form.querySelector(`[name="${name}"]`).value;
      value = v === '' ? undefined : v === 'true';
    } else value = readFieldText(name, form.querySelector(`[name="${name}"]`).value);
    if (value !== undefined) profile[name] = value;
  }
  return profile;
}

function updateSection(view) {
  const c = view.case;
  if (!c || c.status === 'decided') return null;
  const needed = neededFields(view);
  const error = h('div', { class: 'error', id: 'update-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'update-submit' }, s('updateSubmit'));
  const form = h(
    'form',
    { id: 'update-form', class: 'update-grid', novalidate: true },
    // What the caseworker asked for comes first.
    [...FIELD_NAMES.filter((n) => needed.has(n)), ...FIELD_NAMES.filter((n) => !needed.has(n))].map((n) =>
      fieldInput(n, view.profile?.[n], needed),
    ),
    error,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const profile = readForm(form);
    const checked = validateProfile(profile, getLang());
    const fail = (errors) => {
      setChildren(
        error,
        s('updateFailed'),
        h(
          'ul',
          {},
          Object.entries(errors).map(([f, m]) => h('li', {}, `${factLabel(f)}：${m.join('；')}`)),
        ),
      );
      error.hidden = false;
    };
    if (!checked.profile) return fail(checked.errors);
    submit.disabled = true;
    submit.textContent = s('updating');
    try {
      const res = await request('PUT', { profile });
      if (res.status === 400 && res.body?.errors) return fail(res.body.errors);
      if (res.status !== 200) throw new Error(res.body?.message ?? `HTTP ${res.status}`);
      shown = res.body;
      render();
      announce(s('updated'));
      $('#update-done').hidden = false;
    } catch (err) {
      fail({ '': [err.message] });
    } finally {
      submit.disabled = false;
      submit.textContent = s('updateSubmit');
    }
  });
  return h(
    'section',
    { class: `panel ${c.status === 'needs-info' ? 'update-needed' : ''}`, id: 'update', 'aria-labelledby': 'update-h' },
    h('h2', { id: 'update-h' }, s('updateHeading')),
    h('p', { class: 'hint' }, s('updateIntro', { version: c.version + 1 })),
    needed.size
      ? h('p', { class: 'notice', id: 'needed-fields' }, s('neededFields'), [...needed].map(factLabel).join('、'))
      : null,
    form,
  );
}

function profileSection(view) {
  const entries = Object.entries(view.profile ?? {});
  return h(
    'section',
    { class: 'panel', id: 'saved-profile' },
    h('h2', {}, s('profileHeading')),
    h('p', { class: 'hint' }, `${s('savedAt')}：${formatDateTime(view.createdAt)}`),
    h(
      'dl',
      { class: 'facts' },
      entries.map(([k, v]) => [h('dt', {}, factLabel(k)), h('dd', {}, formatFactValue(k, v))]),
    ),
  );
}

function resultSection(view) {
  const r = view.result;
  const eligible = r.results.filter(
    (m) => m.inForce && m.status === 'eligible' && (m.nature === 'entitlement' || m.nature === 'application'),
  );
  return h(
    'section',
    { class: 'panel', id: 'saved-result' },
    h('h2', {}, s('resultHeading')),
    h('p', {}, s('resultSummary', r.summary)),
    h(
      'ul',
      {},
      eligible.map((m) => h('li', {}, m.title)),
    ),
  );
}

function render() {
  if (!shown) return;
  const view = $('#view');
  setChildren(
    view,
    h('p', { class: 'notice ok', id: 'update-done', hidden: true }, s('updated')),
    caseSection(shown.case),
    updateSection(shown),
    profileSection(shown),
    resultSection(shown),
  );
  view.hidden = false;
}

async function copy(button) {
  const input = $(`#${button.dataset.copy}`);
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    input.select();
    document.execCommand('copy');
  }
  button.textContent = s('copied');
  setTimeout(() => (button.textContent = s('copy')), 1500);
}

function start() {
  setLang(initialLang());
  chrome();
  const params = new URLSearchParams(location.hash.slice(1));
  if (params.get('id')) $('#receipt-id').value = params.get('id');
  if (params.get('token')) $('#receipt-token').value = params.get('token');
  $('#lookup').addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  document.querySelectorAll('button.copy').forEach((b) => b.addEventListener('click', () => copy(b)));
  $('#lang-toggle').addEventListener('click', async () => {
    setLang(getLang() === 'zh' ? 'en' : 'zh');
    chrome();
    if (shown) await load();
  });
  const ready = params.get('id') && params.get('token') ? load() : Promise.resolve();
  void ready.finally(() => (document.body.dataset.ready = ''));
}

start();
