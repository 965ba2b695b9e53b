/**
 * 申报意向 on the company page: under the results, the company ticks the in-force entitlements and applications
 * it intends to claim, gives a contact, and submits; that saves the profile and opens one review case. The
 * receipt (id + receipt code) then links to /receipt.html, where the company follows the case.
 */
import { h, setChildren } from './dom.js';
import { getLang } from './i18n.js';

const STRINGS = {
  zh: {
    heading: '提交申报意向',
    intro:
      '勾选贵单位拟申报或享受的措施（仅列出当前有效、结果为“符合”或“需补充信息”的可申报措施），并留下联系人。主管部门审核后会通过您留下的电话或邮箱告知结果，您也可以在回执页随时查看。',
    none: '当前没有可申报的有效措施。',
    measures: '拟申报的措施',
    eligible: '符合',
    needs_info: '需补充信息',
    entitlement: '依法享受',
    application: '申请类',
    contactName: '联系人姓名',
    phone: '联系电话（手机或带区号的固定电话）',
    email: '电子邮箱',
    contactHint: '电话和邮箱至少填写一项。',
    submit: '提交申报意向',
    submitting: '正在提交…',
    pickOne: '请至少勾选一项措施。',
    nameRequired: '请填写联系人姓名。',
    phoneOrEmail: '请填写联系电话或电子邮箱。',
    failed: '提交失败：{detail}',
    done: '已提交申报意向，已进入审核队列',
    caseId: '案件编号',
    openReceipt: '打开回执页查看审核进度',
    receiptLink: '在回执页查看审核进度',
  },
  en: {
    heading: 'Apply (申报意向)',
    intro:
      'Tick the measures your firm intends to claim (only measures in force that came out "eligible" or "needs information" are listed) and leave a contact. The department tells you the outcome by phone or email; the receipt page shows it at any time.',
    none: 'No measure in force can be applied for at the moment.',
    measures: 'Measures to apply for',
    eligible: 'eligible',
    needs_info: 'needs information',
    entitlement: 'entitlement',
    application: 'application',
    contactName: 'Contact name',
    phone: 'Phone (mobile, or landline with area code)',
    email: 'Email',
    contactHint: 'Give a phone number or an email address, or both.',
    submit: 'Submit application',
    submitting: 'Submitting…',
    pickOne: 'Tick at least one measure.',
    nameRequired: 'Give a contact name.',
    phoneOrEmail: 'Give a phone number or an email address.',
    failed: 'Could not submit: {detail}',
    done: 'Application submitted; it is in the review queue',
    caseId: 'Case',
    openReceipt: 'Open the receipt page to follow the review',
    receiptLink: 'Follow the review on the receipt page',
  },
};
const s = (key, vars = {}) => (STRINGS[getLang()][key] ?? key).replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

/** The receipt page's address for a saved submission: id and code in the fragment, never sent to a server. */
export function receiptHref(receipt) {
  return `receipt.html#id=${encodeURIComponent(receipt.id)}&token=${encodeURIComponent(receipt.receiptToken)}`;
}

/** A link to the receipt page, for the save box. */
export function receiptLink(receipt) {
  return h('p', {}, h('a', { href: receiptHref(receipt), id: 'receipt-link' }, s('receiptLink')));
}

const claimable = (match) =>
  match.results.filter(
    (r) =>
      r.inForce &&
      (r.nature === 'entitlement' || r.nature === 'application') &&
      (r.status === 'eligible' || r.status === 'needs_info'),
  );

/**
 * Renders the application form into `box` for the result on screen. `onSaved(receipt)` gets the saved
 * submission (with its caseId) so the page can show it like a save.
 */
export function mountApplication(box, { match, profile, receipt, lang, onSaved }) {
  box.hidden = !match;
  if (!match) return box.replaceChildren();
  if (receipt?.caseId) {
    setChildren(
      box,
      h('h3', {}, `✓ ${s('done')}`),
      h('p', {}, `${s('caseId')}：`, h('span', { class: 'mono', id: 'case-id' }, receipt.caseId)),
      h(
        'p',
        {},
        h(
          'a',
          { href: receiptHref(receipt), class: 'button-link primary', id: 'apply-receipt-link' },
          s('openReceipt'),
        ),
      ),
    );
    return;
  }
  const options = claimable(match);
  if (options.length === 0) {
    setChildren(box, h('h3', {}, s('heading')), h('p', {}, s('none')));
    return;
  }
  const error = h('div', { class: 'error', id: 'apply-error', role: 'alert', hidden: true });
  const input = (id, label, attrs = {}) =>
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: id }, label),
      h('input', { id, name: id, ...attrs }),
    );
  const submit = h('button', { type: 'submit', class: 'primary', id: 'apply-submit' }, s('submit'));
  const form = h(
    'form',
    { id: 'apply-form', novalidate: true },
    h(
      'fieldset',
      { class: 'apply-measures' },
      h('legend', {}, s('measures')),
      options.map((r) =>
        h(
          'label',
          { class: 'check' },
          h('input', { type: 'checkbox', name: 'measureIds', value: r.measureId }),
          ` ${r.title} `,
          h('span', { class: `badge apply-${r.status}` }, s(r.status)),
          h('span', { class: 'hint' }, ` ${s(r.nature)}`),
        ),
      ),
    ),
    h(
      'div',
      { class: 'apply-contact' },
      input('apply-name', s('contactName'), { type: 'text', maxlength: 100, autocomplete: 'name' }),
      input('apply-phone', s('phone'), { type: 'text', inputmode: 'tel', maxlength: 30, autocomplete: 'tel' }),
      input('apply-email', s('email'), { type: 'text', inputmode: 'email', maxlength: 200, autocomplete: 'email' }),
    ),
    h('p', { class: 'hint' }, s('contactHint')),
    error,
    h('div', { class: 'actions' }, submit),
  );
  const fail = (lines) => {
    setChildren(
      error,
      h(
        'ul',
        {},
        lines.map((l) => h('li', {}, l)),
      ),
    );
    error.hidden = false;
  };
  form.addEventListener('input', () => {
    error.hidden = true;
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const measureIds = [...form.querySelectorAll('input[name="measureIds"]:checked')].map((x) => x.value);
    const name = form.querySelector('#apply-name').value.trim();
    const phone = form.querySelector('#apply-phone').value.trim();
    const email = form.querySelector('#apply-email').value.trim();
    const problems = [];
    if (measureIds.length === 0) problems.push(s('pickOne'));
    if (!name) problems.push(s('nameRequired'));
    if (!phone && !email) problems.push(s('phoneOrEmail'));
    if (problems.length) return fail(problems);
    error.hidden = true;
    submit.disabled = true;
    submit.textContent = s('submitting');
    const contact = { name, ...(phone ? { phone } : {}), ...(email ? { email } : {}) };
    try {
      const res = await fetch(`/api/submissions?lang=${lang ?? getLang()}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ profile, application: { measureIds, contact } }),
      });
      const body = await res.json().catch(() => null);
      if (res.status === 400 && body?.errors) return fail(Object.values(body.errors).flat());
      if (res.status !== 201) throw new Error(body?.message ?? `HTTP ${res.status}`);
      onSaved(body);
    } catch (err) {
      fail([s('failed', { detail: err instanceof Error ? err.message : String(err) })]);
    } finally {
      submit.disabled = false;
      submit.textContent = s('submit');
    }
  });
  setChildren(box, h('h3', {}, s('heading')), h('p', { class: 'hint' }, s('intro')), form);
}
