/**
 * 设定情景: pick a measure and a change (a threshold, the period's end, or off), collect the changes, save the
 * scenario. The server validates it against the base pack and answers with the changes in words.
 */
import { h, setChildren } from './dom.js';
import { api, ApiError } from './reviews.api.js';
import { getLang } from './reviews.i18n.js';
import { s } from './sandbox.i18n.js';

const $ = (sel) => document.querySelector(sel);
const state = { measures: [], changes: [], saved: null, onSaved: () => {} };

/** Leaves of a measure's condition tree (GET /api/measures shape) that carry a number: thresholds one can move. */
function numericLeaves(node, path = '') {
  if (node.kind === 'leaf') return typeof node.value === 'number' ? [{ ...node, path }] : [];
  return (node.children ?? []).flatMap((c, i) =>
    numericLeaves(
      c,
      node.kind === 'not' ? `${path}${path ? '.' : ''}not` : `${path}${path ? '.' : ''}${node.kind}[${i}]`,
    ),
  );
}

const isPercent = (fact) => fact === 'rdIntensity';
const measureById = (id) => state.measures.find((m) => m.id === id);
const shortTitle = (m) => (m ? m.title : '');

export async function loadMeasures() {
  state.measures = await api('/api/measures');
  const groups = new Map();
  for (const m of state.measures) {
    const doc = m.citations.find((c) => c.role === 'clause')?.documentTitle ?? m.documentId;
    if (!groups.has(doc)) groups.set(doc, []);
    groups.get(doc).push(m);
  }
  const current = $('#change-measure').value;
  setChildren(
    $('#change-measure'),
    [...groups].map(([doc, list]) =>
      h(
        'optgroup',
        { label: doc },
        list.map((m) => h('option', { value: m.id, selected: m.id === current }, `${m.title}（${m.id}）`)),
      ),
    ),
  );
  onMeasure();
}

function onMeasure() {
  const m = measureById($('#change-measure').value);
  const leaves = m ? numericLeaves(m.conditions) : [];
  const previous = $('#change-condition').value;
  setChildren(
    $('#change-condition'),
    leaves.map((l) =>
      h('option', { value: l.path, selected: l.path === previous, dataset: { fact: l.fact } }, l.label),
    ),
  );
  $('#change-kind').querySelector('option[value="value"]').disabled = leaves.length === 0;
  if (leaves.length === 0 && $('#change-kind').value === 'value') $('#change-kind').value = 'period';
  onKind();
}

function onKind() {
  const kind = $('#change-kind').value;
  const m = measureById($('#change-measure').value);
  $('#condition-field').hidden = kind !== 'value';
  $('#value-field').hidden = kind !== 'value';
  $('#period-field').hidden = kind !== 'period';
  const leaf = selectedLeaf();
  $('#value-unit').textContent = leaf && isPercent(leaf.fact) ? s('unitPercent') : '';
  let hint = '';
  if (kind === 'value') hint = leaf ? s('hintCurrent', { condition: leaf.label }) : s('hintNoNumeric');
  if (kind === 'period' && m) hint = s('hintPeriod', { from: m.period.from, to: m.period.to ?? s('openEnded') });
  $('#change-hint').textContent = hint;
}

function selectedLeaf() {
  const m = measureById($('#change-measure').value);
  return m ? numericLeaves(m.conditions).find((l) => l.path === $('#change-condition').value) : undefined;
}

/** The change as the API takes it, and its words (worked out again in the language shown); or an error for the field. */
function readChange() {
  const m = measureById($('#change-measure').value);
  const id = m.id;
  const kind = $('#change-kind').value;
  const title = () => shortTitle(measureById(id));
  if (kind === 'off')
    return { change: { measureId: id, off: true }, words: () => s('changeOff', { measure: title() }) };
  if (kind === 'period') {
    const to = $('#change-to').value;
    if (!to) return { error: s('badDate'), field: '#change-to' };
    return { change: { measureId: id, period: { to } }, words: () => s('changePeriod', { measure: title(), to }) };
  }
  const leaf = selectedLeaf();
  const text = $('#change-value')
    .value.trim()
    .replace(/[%％]$/, '');
  const number = Number(text);
  if (!leaf || text === '' || !Number.isFinite(number)) return { error: s('badValue'), field: '#change-value' };
  const percent = isPercent(leaf.fact);
  const value = percent ? Math.round(number * 1e4) / 1e6 : number;
  const label = () => numericLeaves(measureById(id).conditions).find((l) => l.path === leaf.path)?.label ?? leaf.label;
  const shown = () => (percent ? `${number}%` : number.toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-US'));
  // The path names exactly the condition chosen (a measure may test the same fact twice).
  return {
    change: { measureId: id, condition: leaf.path, value },
    words: () => s('changeValue', { measure: title(), condition: label(), value: shown() }),
  };
}

function addChange() {
  const read = readChange();
  if (read.error) return showErrors([read.error], read.field);
  $('#scenario-error').hidden = true;
  state.changes.push(read);
  $('#change-value').value = '';
  renderChanges();
  $('#change-list li:last-child')?.focus?.();
}

export function renderChanges() {
  const list = $('#change-list');
  if (state.changes.length === 0) return setChildren(list, h('li', { class: 'empty' }, s('noChanges')));
  setChildren(
    list,
    state.changes.map((c, i) =>
      h(
        'li',
        { tabindex: '-1' },
        c.words(),
        h(
          'button',
          {
            type: 'button',
            class: 'link-button remove',
            'aria-label': s('removeLabel', { n: i + 1 }),
            onclick: () => {
              state.changes.splice(i, 1);
              renderChanges();
            },
          },
          s('remove'),
        ),
      ),
    ),
  );
}

function showErrors(lines, focus) {
  const box = $('#scenario-error');
  setChildren(
    box,
    h(
      'ul',
      {},
      lines.map((l) => h('li', {}, l)),
    ),
  );
  box.hidden = false;
  (focus ? $(focus) : box).focus();
}

async function save() {
  const name = $('#scenario-name').value.trim();
  if (!name) return showErrors([s('needName')], '#scenario-name');
  if (state.changes.length === 0) return showErrors([s('needChange')]);
  const button = $('#save-scenario');
  button.disabled = true;
  button.textContent = s('saving');
  try {
    state.saved = await api('/api/scenarios', {
      method: 'POST',
      body: { name, changes: state.changes.map((c) => c.change) },
    });
    $('#scenario-error').hidden = true;
    renderSaved();
    state.onSaved(state.saved);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    const reasons = e.body?.errors
      ? Object.entries(e.body.errors).map(([field, r]) => `${field}：${r.join('；')}`)
      : [e.message];
    showErrors([s('scenarioRefused'), ...reasons]);
  } finally {
    button.disabled = false;
    button.textContent = s('saveScenario');
  }
}

/** The saved scenario as the server words it: each changed measure with its changes ("研发投入强度 ≥ 6% → ≥ 5%"). */
export function renderSaved() {
  const sc = state.saved;
  if (!sc) return;
  $('#scenario-saved').hidden = false;
  $('#scenario-meta').textContent = s('scenarioMeta', {
    name: sc.name,
    by: sc.createdBy.name,
    at: new Date(sc.createdAt).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB'),
  });
  const d = sc.diff;
  setChildren(
    $('#scenario-diff'),
    d.changed.map((m) =>
      h(
        'li',
        { dataset: { measure: m.measureId } },
        h('span', { class: 'measure' }, m.title),
        m.changes.map((c) => h('span', { class: 'words' }, c.text)),
      ),
    ),
    d.removed.map((m) =>
      h(
        'li',
        { dataset: { measure: m.measureId } },
        h('span', { class: 'measure' }, m.title),
        h('span', { class: 'words' }, s('diffRemoved')),
      ),
    ),
    d.documents.map((doc) =>
      h(
        'li',
        {},
        h('span', { class: 'measure' }, doc.title),
        doc.changes.map((c) => h('span', { class: 'words' }, c.text)),
      ),
    ),
  );
}

/** Shows a stored scenario (from the recent list) as the one to run. */
export function useScenario(sc) {
  state.saved = sc;
  $('#scenario-name').value = sc.name;
  state.changes = [];
  renderChanges();
  renderSaved();
  state.onSaved(sc);
}

export const savedScenario = () => state.saved;

export function initBuilder(onSaved) {
  state.onSaved = onSaved;
  $('#change-measure').addEventListener('change', onMeasure);
  $('#change-kind').addEventListener('change', onKind);
  $('#change-condition').addEventListener('change', onKind);
  $('#add-change').addEventListener('click', addChange);
  $('#save-scenario').addEventListener('click', save);
  renderChanges();
}

export function refreshBuilderWords() {
  $('#scenario-name').placeholder = s('namePlaceholder');
  onKind();
  renderChanges();
}
