/**
 * The caseworker's review desk: #/?filters → the queue of cases, #/case/<id>?filters → one case (the filters
 * ride along, so "back" and "save and next" stay in the same list). Signs in first
 * (signin.html) when there is no session; other roles are told they cannot review.
 */
import { showCase } from './reviews.case.js';
import { currentUser, signOut, toSignIn } from './reviews.api.js';
import { applyChrome, getLang, initialLang, setLang, t } from './reviews.i18n.js';
import { filtersOf, initQueue, showQueue } from './reviews.queue.js';

const $ = (sel) => document.querySelector(sel);
let user = null;

function announce(text) {
  const live = $('#live');
  live.textContent = '';
  setTimeout(() => {
    live.textContent = text;
  }, 50);
}

function showError(e) {
  if (e?.status === 401) return toSignIn();
  const el = $('#page-error');
  el.textContent = t('loadFailed', { detail: e?.message ?? String(e) });
  el.hidden = false;
}

async function route() {
  const hash = location.hash;
  $('#page-error').hidden = true;
  const m = /^#\/case\/([0-9a-f-]{36})(?:\?(.*))?$/.exec(location.hash);
  $('#view-queue').hidden = Boolean(m);
  $('#view-detail').hidden = !m;
  try {
    if (m) {
      applyChrome('detailTitle');
      await showCase($('#view-detail'), m[1], { announce, filters: filtersOf(m[2] ?? '') });
      $('#detail-heading')?.focus();
    } else {
      applyChrome('queueTitle');
      await showQueue();
    }
  } catch (e) {
    showError(e);
  }
  document.body.dataset.view = m ? 'detail' : 'queue';
  // The address this view was drawn for: until it equals location.hash, what is on screen is the previous view.
  document.body.dataset.route = hash;
}

function renderUser() {
  $('#user-box').hidden = !user;
  if (user) $('#user-name').textContent = t('signedInAs', { name: user.name, role: t(`role_${user.role}`) });
}

async function start() {
  setLang(initialLang());
  applyChrome('queueTitle');
  user = await currentUser().catch(() => null);
  if (!user) return toSignIn();
  renderUser();
  if (user.role !== 'caseworker') {
    $('#denied').textContent = t('notCaseworker', { role: t(`role_${user.role}`) });
    $('#denied').hidden = false;
  } else {
    initQueue();
    window.addEventListener('hashchange', route);
    await route();
  }
  document.body.dataset.ready = '';
}

$('#lang-toggle').addEventListener('click', async () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  renderUser();
  if (user?.role === 'caseworker') await route();
  else applyChrome('queueTitle');
});
$('#sign-out').addEventListener('click', async () => {
  await signOut();
  location.assign('signin.html');
});
start().catch(showError);
