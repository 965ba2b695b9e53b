/**
 * Sign-in: POST /api/session with the token; the server answers with an HttpOnly, SameSite=Strict cookie.
 * The token never goes to localStorage or any script-readable place.
 */
import { api, ApiError, currentUser, signOut } from './reviews.api.js';
import { applyChrome, getLang, initialLang, setLang, t } from './reviews.i18n.js';

const $ = (sel) => document.querySelector(sel);

/** Where to go after signing in: a page of this site only (never an absolute URL: no open redirect). */
function nextPage() {
  const next = new URLSearchParams(location.search).get('next') ?? '';
  return /^[a-z][a-z0-9-]*\.html(#[^\s]*)?$/i.test(next) ? next : 'reviews.html';
}

function showError(text) {
  const el = $('#signin-error');
  el.textContent = text;
  el.hidden = !text;
  $('#token').setAttribute('aria-invalid', text ? 'true' : 'false');
  if (text) $('#token').focus();
}

async function showSignedIn() {
  const user = await currentUser();
  $('#signed-in').hidden = !user;
  if (user) $('#signed-in-as').textContent = t('signedInAs', { name: user.name, role: t(`role_${user.role}`) });
}

async function onSubmit(event) {
  event.preventDefault();
  const token = $('#token').value.trim();
  if (!token) return showError(t('signinFailed'));
  const button = $('#signin-submit');
  button.disabled = true;
  button.textContent = t('signingIn');
  try {
    await api('/api/session', { method: 'POST', body: { token }, lang: false });
    $('#token').value = '';
    location.assign(nextPage());
  } catch (e) {
    showError(
      e instanceof ApiError && (e.status === 401 || e.status === 400)
        ? t('signinFailed')
        : t('signinError', { detail: e.message }),
    );
  } finally {
    button.disabled = false;
    button.textContent = t('signinButton');
  }
}

function render() {
  applyChrome('signinTitle');
}

setLang(initialLang());
render();
$('#signin-form').addEventListener('submit', onSubmit);
$('#lang-toggle').addEventListener('click', () => {
  setLang(getLang() === 'zh' ? 'en' : 'zh');
  render();
  showSignedIn().finally(() => {
    document.body.dataset.ready = '';
  });
});
$('#sign-out').addEventListener('click', async () => {
  await signOut();
  await showSignedIn();
  $('#token').focus();
});
showSignedIn().finally(() => {
  document.body.dataset.ready = '';
});
