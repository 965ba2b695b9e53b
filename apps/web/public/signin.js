/**
 * Sign-in: POST /api/session with the token; the server answers with an HttpOnly, SameSite=Strict cookie.
 * The token never goes to localStorage or any script-readable place.
 */
import { api, ApiError, currentUser, signOut } from './reviews.api.js';
import { applyChrome, getLang, initialLang, setLang, t } from './reviews.i18n.js';

const $ = (sel) => document.querySelector(sel);

/** Words for the people who sign in here (park administrators, caseworkers), not for the ones who run the service. */
const STRINGS = {
  zh: {
    title: '登录 · 广东省产业政策惠企匹配',
    tagline: '园区管理员和审核人员登录',
    intro: '请输入单位系统管理员发给您的访问令牌。如果还没有令牌，或令牌已失效，请联系您单位的系统管理员重新发放。',
    privacy: '登录后本浏览器会记住登录状态；在公用电脑上使用完毕后请点击“退出登录”。',
    toScreening: '进入园区批量筛查',
    toQueue: '进入审核工作台',
    footer: '匹配和筛查结果依据公开政策文件自动判断，仅供参考，最终以主管部门审核为准。',
  },
  en: {
    title: 'Sign in · Guangdong industrial policy matching',
    tagline: 'Sign-in for park administrators and caseworkers',
    intro:
      'Enter the access token your organisation’s administrator gave you. If you have none, or it no longer works, ask that administrator for a new one.',
    privacy: 'This browser remembers that you are signed in; on a shared computer, sign out when you are done.',
    toScreening: 'Go to park batch screening',
    toQueue: 'Go to the review desk',
    footer:
      'Matching and screening results are worked out automatically from the published policy documents; the responsible authorities decide.',
  },
};
const local = (key) => STRINGS[getLang()][key];

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
  if (!user) return;
  $('#signed-in-as').textContent = t('signedInAs', { name: user.name, role: t(`role_${user.role}`) });
  const park = user.role === 'park-admin';
  const link = $('#continue');
  link.href = park ? 'screening.html' : 'reviews.html';
  link.textContent = local(park ? 'toScreening' : 'toQueue');
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
  document.title = local('title');
  document.querySelectorAll('[data-signin]').forEach((el) => {
    el.textContent = local(el.dataset.signin);
  });
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
