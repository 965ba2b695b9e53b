/**
 * The caseworker's review desk: #/?filters → the queue, #/review/<id> → one match. Signs in first
 * (signin.html) when there is no session; other roles are told they cannot review.
 */
import { showDetail } from './reviews.detail.js';
import { currentUser, signOut, toSignIn } from './reviews.api.js';
import { applyChrome, getLang, initialLang, setLang, t } from './reviews.i18n.js';
import { initQueue, showQueue } from './reviews.queue.js';

const $ = (sel) => document.querySelector(sel);
let user = null;
/** The queue with its filters, for the detail's back link. */
let lastQueue = '#/';

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
  $('#page-error').hidden = true;
  const m = /^#\/review\/([0-9a-f-]{36})$/.exec(location.hash);
  $('#view-queue').hidden = Boolean(m);
  $('#view-detail').hidden = !m;
  try {
    if (m) {
      applyChrome('detailTitle');
      await showDetail($('#view-detail'), m[1], { announce, backHref: lastQueue });
      $('#detail-heading')?.focus();
    } else {
      lastQueue = location.hash || '#/';
      applyChrome('queueTitle');
      await showQueue();
    }
  } catch (e) {
    showError(e);
  }
  document.body.dataset.view = m ? 'detail' : 'queue';
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
