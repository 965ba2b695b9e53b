/**
 * The company page: form → POST /api/match → grouped results; "保存" → POST /api/submissions;
 * "查看原文" → #/document/<id>?measure=<measureId>, the document text with the clause highlighted.
 */
import { h, setChildren } from './dom.js';
import { getLang, initialLang, setLang, t } from './i18n.js';
import { PROFILE_FIELDS } from './engine/profile.js';
import {
  checkField,
  checkForm,
  clearErrors,
  focusField,
  onFieldInput,
  renderFields,
  setFieldError,
  snapshot,
  writeProfile,
} from './form.js';
import { openGroups, renderProfileSummary, renderResults } from './results.js';
import { renderDocument, scrollToMark } from './document.js';
import { formatDateTime } from './format.js';
import { mountApplication, receiptLink } from './apply.js';

const $ = (sel) => document.querySelector(sel);
const form = $('#profile-form');
const DRAFT_KEY = 'company-draft';

/** `?asOf=YYYY-MM-DD` in the address judges validity at that date (default: the service's today). */
function asOfParam() {
  const asOf = new URLSearchParams(location.search).get('asOf');
  return asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? `&asOf=${asOf}` : '';
}
const matchUrl = () => `/api/match?lang=${getLang()}${asOfParam()}`;

const state = {
  /** The profile and result on screen; a language switch asks again for the same profile. */
  profile: null,
  match: null,
  receipt: null,
  /** The "查看原文" link that opened the document view, to return to it. */
  returnTo: null,
  documents: new Map(),
};

function applyChrome() {
  const lang = getLang();
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('pageTitle');
  document.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  const toggle = $('#lang-toggle');
  toggle.textContent = t('langToggle');
  toggle.lang = lang === 'zh' ? 'en' : 'zh';
  toggle.setAttribute('aria-label', t('langToggleLabel'));
}

function announce(text) {
  const live = $('#live');
  live.textContent = '';
  // A fresh text node after a tick is what screen readers reliably pick up.
  setTimeout(() => {
    live.textContent = text;
  }, 50);
}

async function postJson(url, body) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  let json;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  return { status: res.status, body: json };
}

/* ---------- errors ---------- */

/** Messages beside each field, and a summary at the top of the form linking to them. */
function showErrors(errors, { fromServer = false, message } = {}) {
  const entries = Object.entries(errors);
  const summary = $('#error-summary');
  if (entries.length === 0 && !message) {
    summary.hidden = true;
    summary.replaceChildren();
    return;
  }
  const items = entries.map(([field, reasons]) => {
    const placed = setFieldError(form, field, reasons.join(' '));
    const text = reasons.join(' ');
    return h(
      'li',
      {},
      placed
        ? h(
            'a',
            {
              href: `#field-${field}`,
              onclick: (e) => {
                e.preventDefault();
                focusField(form, field);
              },
            },
            text,
          )
        : text,
    );
  });
  setChildren(
    summary,
    h(
      'h2',
      { class: 'error-title' },
      entries.length > 0 ? (fromServer ? t('serverErrorSummary') : t('errorSummary', { n: entries.length })) : message,
    ),
    entries.length > 0 && message && fromServer ? h('p', {}, message) : null,
    h('ul', {}, items),
  );
  summary.hidden = false;
  summary.setAttribute('role', 'alert');
  summary.focus();
}

/* ---------- match ---------- */

async function runMatch({ quiet = false } = {}) {
  clearErrors(form);
  showErrors({});
  const { profile, errors, warnings } = checkForm(form);
  if (Object.keys(errors).length > 0) {
    showErrors(errors);
    return;
  }
  warnings.forEach((w) => setFieldError(form, w.field, w.message, 'warning'));
  const button = $('#submit');
  button.disabled = true;
  button.textContent = t('checking');
  if (!quiet) announce(t('checking'));
  try {
    const res = await postJson(matchUrl(), profile);
    if (res.status === 400 && res.body?.errors) {
      showErrors(res.body.errors, { fromServer: true, message: res.body.message });
      announce(t('serverErrorSummary'));
      return;
    }
    if (res.status !== 200) throw new Error(res.body?.message ?? `HTTP ${res.status}`);
    state.profile = profile;
    state.match = res.body;
    state.receipt = null;
    showResults({ focus: !quiet });
  } catch (e) {
    showErrors({}, { message: t('networkError', { detail: e instanceof Error ? e.message : String(e) }) });
  } finally {
    button.disabled = false;
    button.textContent = t('submit');
  }
}

function showResults({ focus = false } = {}) {
  const section = $('#results');
  const summary = renderResults($('#results-body'), state.match, {
    onJump: (field) => focusField(form, field),
    open: openGroups($('#results-body')),
  });
  $('#results-summary').textContent = summary;
  $('#stale').hidden = true;
  renderProfileSummary($('#profile-summary'), state.profile);
  renderReceipt();
  mountApplication($('#apply'), {
    match: state.match,
    profile: state.profile,
    receipt: state.receipt,
    onSaved: applied,
  });
  section.hidden = false;
  // A count of renders, for scripts (and tests) waiting on a fresh result.
  section.dataset.renders = String(Number(section.dataset.renders ?? 0) + 1);
  if (focus) {
    $('#results-heading').focus({ preventScroll: true });
    section.scrollIntoView({ block: 'start' });
  }
  announce(summary);
}

/* ---------- save & print ---------- */

async function save() {
  clearErrors(form);
  showErrors({});
  const { profile, errors } = checkForm(form);
  if (Object.keys(errors).length > 0) {
    showErrors(errors);
    return;
  }
  const button = $('#save');
  button.disabled = true;
  button.textContent = t('saving');
  try {
    const res = await postJson(`/api/submissions?lang=${getLang()}`, { profile });
    if (res.status === 400 && res.body?.errors) {
      showErrors(res.body.errors, { fromServer: true, message: res.body.message });
      return;
    }
    if (res.status !== 201) throw new Error(res.body?.message ?? `HTTP ${res.status}`);
    const { result, ...receipt } = res.body;
    state.profile = profile;
    if (result) state.match = result;
    state.receipt = receipt;
    showResults();
    $('#receipt').focus();
    announce(`${t('savedHeading')}${t('colon')}${t('savedId')} ${receipt.id}`);
  } catch (e) {
    state.receipt = { error: e instanceof Error ? e.message : String(e) };
    renderReceipt();
  } finally {
    button.disabled = false;
    button.textContent = t('save');
  }
}

function renderReceipt() {
  const box = $('#receipt');
  const r = state.receipt;
  box.hidden = !r;
  if (!r) return box.replaceChildren();
  if (r.error) {
    setChildren(box, h('p', { class: 'error' }, t('saveFailed', { detail: r.error })));
    return;
  }
  setChildren(
    box,
    h('h3', {}, `✓ ${t('savedHeading')}`),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('savedId')),
      h('dd', { class: 'mono', id: 'receipt-id' }, r.id),
      h('dt', {}, t('savedReceipt')),
      h('dd', { class: 'mono', id: 'receipt-token' }, r.receiptToken),
      h('dt', {}, t('savedAt')),
      h('dd', {}, formatDateTime(r.createdAt)),
      h('dt', {}, t('savedRulePack')),
      h('dd', { class: 'mono' }, r.rulePackVersion),
    ),
    h('p', { class: 'hint' }, t('savedNote')),
    receiptLink(r),
  );
}

/** An application (申报意向) was saved: it is the receipt now. */
function applied(body) {
  const { result, ...receipt } = body;
  if (result) state.match = result;
  state.receipt = receipt;
  showResults();
  $('#receipt').focus();
}

function print() {
  $('#printed-at').textContent = `${t('printedAt')}${t('colon')}${formatDateTime(new Date().toISOString())}`;
  window.print();
}

/* ---------- document view ---------- */

function parseRoute() {
  const m = /^#\/document\/([^?]+)(?:\?(.*))?$/.exec(location.hash);
  if (!m) return null;
  return { documentId: decodeURIComponent(m[1]), measureId: new URLSearchParams(m[2] ?? '').get('measure') };
}

async function fetchDocument(id) {
  if (!state.documents.has(id)) {
    const res = await fetch(`/api/documents/${encodeURIComponent(id)}${asOfParam().replace('&', '?')}`);
    if (!res.ok) return null;
    state.documents.set(id, await res.json());
  }
  return state.documents.get(id);
}

/** The card's title and its quotes from this document: from the result on screen, else from the rule pack. */
async function citedBy(measureId, documentId) {
  let measure = state.match?.results.find((r) => r.measureId === measureId);
  if (!measure && measureId) {
    const res = await fetch(`/api/measures/${encodeURIComponent(measureId)}?lang=${getLang()}`);
    measure = res.ok ? await res.json() : null;
  }
  if (!measure) return { title: measureId, quotes: [] };
  const quotes = measure.citations
    .filter((c) => c.role === 'clause' && c.documentId === documentId)
    .map((c) => c.quote);
  return { title: measure.title, quotes };
}

async function showDocument(route) {
  const view = $('#view-document');
  $('#view-main').hidden = true;
  view.hidden = false;
  setChildren(view, h('p', { class: 'loading' }, t('docLoading')));
  const doc = await fetchDocument(route.documentId);
  if (!doc) {
    setChildren(
      view,
      h('p', {}, h('button', { type: 'button', class: 'link-button back', onclick: backToResults }, t('docBack'))),
      h('h2', { id: 'doc-heading', tabindex: '-1' }, t('docNotFound')),
    );
    $('#doc-heading').focus();
    return;
  }
  const { title, quotes } = await citedBy(route.measureId, route.documentId);
  const mark = renderDocument(view, doc, {
    measureId: route.measureId,
    quotes,
    measureTitle: title,
    onBack: backToResults,
  });
  document.title = `${doc.title} · ${t('siteName')}`;
  $('#doc-heading').focus({ preventScroll: true });
  if (mark) scrollToMark(mark);
  else window.scrollTo(0, 0);
  announce(doc.title);
}

function backToResults() {
  if (state.returnTo) history.back();
  else location.hash = '';
}

function showMain() {
  $('#view-document').hidden = true;
  $('#view-main').hidden = false;
  document.title = t('pageTitle');
  const link = state.returnTo && document.querySelector(state.returnTo);
  state.returnTo = null;
  if (link) {
    link.scrollIntoView({ block: 'center' });
    link.focus({ preventScroll: true });
  }
}

function route() {
  const r = parseRoute();
  if (r) showDocument(r);
  else if (!$('#view-document').hidden) showMain();
}

/* ---------- language ---------- */

async function switchLanguage() {
  const values = snapshot(form);
  const flagged = [...form.querySelectorAll('.field .error:not([hidden])')].map((el) => el.id.slice(2));
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  try {
    localStorage.setItem('lang', getLang());
  } catch {
    /* private mode: the toggle still works for this page */
  }
  const url = new URL(location.href);
  if (url.searchParams.has('lang')) {
    url.searchParams.set('lang', getLang());
    history.replaceState(history.state, '', url);
  }
  applyChrome();
  renderFields(form);
  writeProfile(form, values);
  flagged.forEach((field) => checkField(form, field));
  if (!$('#error-summary').hidden) {
    const { errors } = checkForm(form);
    showErrors(errors);
  }
  if (state.profile) {
    const res = await postJson(matchUrl(), state.profile);
    if (res.status === 200) {
      state.match = res.body;
      showResults();
    }
  }
  const r = parseRoute();
  if (r) await showDocument(r);
  $('#lang-toggle').focus();
}

/* ---------- draft ---------- */

/** The form as typed, kept in this browser so a reload does not lose it; nothing leaves the browser. */
function keepDraft() {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(snapshot(form)));
  } catch {
    /* private mode or full storage: the form still works, only without a kept draft */
  }
}

function restoreDraft() {
  try {
    const saved = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null');
    if (saved && typeof saved === 'object') writeProfile(form, saved);
  } catch {
    /* an unreadable draft is dropped */
  }
}

function forgetDraft() {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    /* nothing kept */
  }
}

/* ---------- wiring ---------- */

function init() {
  setLang(initialLang());
  applyChrome();
  renderFields(form);
  restoreDraft();
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    runMatch();
  });
  form.addEventListener('input', (e) => {
    onFieldInput(form, e.target);
    keepDraft();
    if (state.match) $('#stale').hidden = false;
  });
  form.addEventListener('change', (e) => {
    onFieldInput(form, e.target);
    keepDraft();
    if (state.match) $('#stale').hidden = false;
  });
  form.addEventListener('focusout', (e) => {
    const field = e.target?.name;
    if (field && PROFILE_FIELDS[field] && PROFILE_FIELDS[field].type !== 'enumArray') checkField(form, field);
  });
  $('#clear-form').addEventListener('click', () => {
    // The prototype's reset: a control named or id'd "reset" would shadow form.reset.
    HTMLFormElement.prototype.reset.call(form);
    forgetDraft();
    clearErrors(form);
    showErrors({});
    renderFields(form);
    if (state.match) $('#stale').hidden = false;
    form.querySelector('[name]')?.focus();
  });
  $('#lang-toggle').addEventListener('click', switchLanguage);
  $('#save').addEventListener('click', save);
  $('#print').addEventListener('click', print);
  $('#results').addEventListener('click', (e) => {
    const link = e.target.closest?.('a.view-original');
    if (!link) return;
    // Remembered by id: the results may be re-rendered (language switch) while the document is open.
    state.returnTo = `#${CSS.escape(link.id)}`;
  });
  window.addEventListener('hashchange', route);
  window.addEventListener('beforeprint', () => {
    $('#printed-at').textContent = `${t('printedAt')}${t('colon')}${formatDateTime(new Date().toISOString())}`;
  });
  document.body.dataset.ready = 'true';
  route();
}

init();
