/**
 * 政策沙盘: a caseworker or administrator builds a scenario (a threshold, a period, a measure off), saves it, runs it
 * over a finished park screening or an uploaded tenant list at a chosen date, and sees who gains and who loses, with
 * charts and downloads. Signed in with the session cookie of the caseworker pages.
 */
import { h, setChildren } from './dom.js';
import { api, ApiError, currentUser, signOut, toSignIn } from './reviews.api.js';
import { applyPageChrome, getLang, initialLang, setLang, t } from './reviews.i18n.js';
import {
  initBuilder,
  loadMeasures,
  refreshBuilderWords,
  renderSaved,
  savedScenario,
  useScenario,
} from './sandbox.builder.js';
import { fmt, s } from './sandbox.i18n.js';
import { initResults, renderImpact, rerenderImpact } from './sandbox.results.js';

const $ = (sel) => document.querySelector(sel);
const state = { user: null, packs: [], screenings: [], runToken: 0 };
const announce = (text) => {
  $('#live').textContent = text;
};

function chrome() {
  applyPageChrome(s);
  if (state.user)
    $('#user-name').textContent = t('signedInAs', { name: state.user.name, role: t(`role_${state.user.role}`) });
  const current = state.packs.find((p) => p.current);
  $('#base-pack').textContent = current ? s('basePack', { version: `${current.version.slice(0, 19)}…` }) : '';
}

function showError(box, lines) {
  setChildren(
    $(box),
    h(
      'ul',
      {},
      lines.map((l) => h('li', {}, l)),
    ),
  );
  $(box).hidden = false;
  $(box).focus();
}

function renderScreenings() {
  const select = $('#run-screening');
  const chosen = select.value;
  if (state.screenings.length === 0) return setChildren(select, h('option', { value: '' }, s('noScreenings')));
  setChildren(
    select,
    state.screenings.map((sc) =>
      h(
        'option',
        { value: sc.id, selected: sc.id === chosen },
        s('screeningItem', {
          name: sc.fileName,
          park: sc.parkId ?? s('none'),
          n: fmt(sc.screened),
          date: sc.createdAt.slice(0, 10),
        }),
      ),
    ),
  );
}

function onPopulation() {
  const kind = document.querySelector('input[name="population"]:checked').value;
  $('#screening-field').hidden = kind !== 'screening';
  $('#file-field').hidden = kind !== 'file';
}

/** JSON body for a screening; multipart for a file (the api helper speaks JSON only). */
async function postRun(scenarioId) {
  const kind = document.querySelector('input[name="population"]:checked').value;
  const asOf = $('#run-asof').value || undefined;
  if (kind === 'screening') {
    if (!$('#run-screening').value) throw new Error(s('needPopulation'));
    return {
      status: 200,
      body: await api(`/api/scenarios/${scenarioId}/runs`, {
        method: 'POST',
        body: { screeningId: $('#run-screening').value, asOf },
      }),
    };
  }
  const file = $('#run-file').files[0];
  if (!file) throw new Error(s('needPopulation'));
  const form = new FormData();
  form.append('file', file);
  if (asOf) form.append('asOf', asOf);
  const res = await fetch(`/api/scenarios/${scenarioId}/runs?lang=${getLang()}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'X-Requested-With': 'fetch', Accept: 'application/json' },
    body: form,
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body);
  return { status: res.status, body };
}

async function run() {
  const scenario = savedScenario();
  $('#run-error').hidden = true;
  if (!scenario) return showError('#run-error', [s('runFirst')]);
  const token = ++state.runToken;
  const button = $('#run');
  button.disabled = true;
  $('#run-status').textContent = s('running');
  try {
    const { status, body } = await postRun(scenario.id);
    let result = body;
    if (status === 202) {
      $('#run-status').textContent = s('runningLarge');
      result = await poll(scenario.id, body.id, token);
    } else result = await api(`/api/scenarios/${scenario.id}/runs/${body.id}?tenantsLimit=500`);
    if (token !== state.runToken) return;
    if (result.status === 'failed') return showError('#run-error', [s('runFailed', { error: result.error ?? '' })]);
    $('#run-status').textContent = '';
    renderImpact(result, scenario);
    announce(`${s('kpiGained')} ${result.gained}，${s('kpiLost')} ${result.lost}`);
    $('#impact-section').scrollIntoView({ block: 'start' });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return toSignIn();
    $('#run-status').textContent = '';
    const reasons = e instanceof ApiError && e.body?.errors ? Object.values(e.body.errors).flat() : [e.message];
    showError('#run-error', [s('runRefused'), ...reasons]);
  } finally {
    button.disabled = false;
  }
}

async function poll(scenarioId, runId, token) {
  for (;;) {
    const r = await api(`/api/scenarios/${scenarioId}/runs/${runId}?tenantsLimit=500`);
    if (r.status !== 'running' || token !== state.runToken) return r;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function loadRecent() {
  const list = await api('/api/scenarios').catch(() => []);
  $('#recent-section').hidden = list.length === 0;
  setChildren(
    $('#recent'),
    list.slice(0, 10).map((sc) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'link-button',
            onclick: async () => useScenario(await api(`/api/scenarios/${sc.id}`)),
          },
          s('recentItem', {
            name: sc.name,
            by: sc.createdBy.name,
            date: new Date(sc.createdAt).toLocaleString(getLang() === 'zh' ? 'zh-CN' : 'en-GB'),
          }),
        ),
      ),
    ),
  );
}

async function rerender() {
  chrome();
  await loadMeasures();
  refreshBuilderWords();
  renderScreenings();
  const sc = savedScenario();
  if (sc) {
    useScenario(await api(`/api/scenarios/${sc.id}`));
    renderSaved();
  }
  await rerenderImpact((r) => api(`/api/scenarios/${r.scenarioId}/runs/${r.id}?tenantsLimit=500`));
  loadRecent();
}

async function start() {
  setLang(initialLang());
  chrome();
  state.user = await currentUser().catch(() => null);
  if (!state.user) return toSignIn();
  $('#user-box').hidden = false;
  if (state.user.role !== 'caseworker' && state.user.role !== 'admin') {
    chrome();
    for (const sel of ['#build-section', '#run-section']) $(sel).hidden = true;
    $('#page-error').textContent = s('notAllowed', { role: t(`role_${state.user.role}`) });
    $('#page-error').hidden = false;
    return;
  }
  [state.packs, state.screenings] = await Promise.all([api('/api/rule-packs'), api('/api/sandbox/screenings')]);
  chrome();
  $('#run-asof').value = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  initBuilder(() => {
    $('#run').disabled = false;
    loadRecent();
  });
  initResults();
  refreshBuilderWords();
  await loadMeasures();
  renderScreenings();
  document.querySelectorAll('input[name="population"]').forEach((r) => r.addEventListener('change', onPopulation));
  $('#run').addEventListener('click', run);
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
