/**
 * One case: the company, its contact and what it changed since the last version; then each measure it asked
 * for with its evidence (reviews.detail.js), a decision form ("保存" / "保存并下一条") and its history.
 */
import { h, setChildren } from './dom.js';
import { factLabel, formatDateTime, formatFactValue, formatYuan } from './format.js';
import { api, ApiError } from './reviews.api.js';
import { citations, conditions, currentRule, ruleAtMatch } from './reviews.detail.js';
import { t } from './reviews.i18n.js';
import { apiQuery, filterQuery } from './reviews.queue.js';

const DECISIONS = ['confirmed', 'needs-info', 'rejected', 'paid'];

const panel = (id, heading, ...children) =>
  h('section', { class: 'panel', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, heading), ...children);

function header(c, backHref) {
  const { case: item, contact } = c;
  return [
    h('p', {}, h('a', { href: backHref, class: 'back', id: 'back-to-queue' }, t('back'))),
    h('h1', { id: 'detail-heading', tabindex: '-1' }, item.companyName || t('noName')),
    h(
      'p',
      { class: 'badges' },
      h('span', { class: `badge case-${item.status}`, id: 'case-status' }, t(`case_${item.status}`)),
      item.returnedAt && item.status === 'pending'
        ? h('span', { class: 'badge returned' }, t('returnedBadge', { version: item.version }))
        : null,
    ),
    h(
      'dl',
      { class: 'facts' },
      item.creditCode ? [h('dt', {}, t('creditCode')), h('dd', { class: 'mono' }, item.creditCode)] : null,
      h('dt', {}, t('contact')),
      h(
        'dd',
        { id: 'case-contact' },
        contact.name ?? t('noContact'),
        contact.phone ? ` · ${contact.phone}` : '',
        contact.email ? ` · ${contact.email}` : '',
      ),
      h('dt', {}, t('matchMeta')),
      h(
        'dd',
        {},
        t(`source_${item.source}`),
        ' · ',
        h('span', { class: 'mono' }, item.sourceId),
        item.sourceKey ? ` #${item.sourceKey}` : '',
      ),
      h('dt', {}, t('colOpened')),
      h('dd', {}, formatDateTime(item.createdAt), ` · ${t('ageDays', { days: item.ageDays })}`),
      h('dt', {}, t('profileVersion')),
      h('dd', {}, String(item.version)),
    ),
  ];
}

function changes(c) {
  if (c.changes.length === 0) return null;
  const latest = c.versions.at(-1);
  return h(
    'section',
    { class: 'panel diff-panel', id: 'changes', 'aria-labelledby': 'changes-h' },
    h('h2', { id: 'changes-h' }, t('diffHeading', { version: latest.version, at: formatDateTime(latest.createdAt) })),
    h(
      'table',
      { class: 'changes diff' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          [t('diffField'), t('diffBefore'), t('diffAfter')].map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h(
        'tbody',
        {},
        c.changes.map((x) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, factLabel(x.field)),
            h('td', { class: 'before' }, h('del', {}, formatFactValue(x.field, x.before))),
            h('td', { class: 'after' }, h('ins', {}, formatFactValue(x.field, x.after))),
          ),
        ),
      ),
    ),
  );
}

function decisionForm(c, d, i, onDecided) {
  const id = (name) => `${name}-${i}`;
  const error = h('p', { class: 'error', id: id('decision-error'), role: 'alert', hidden: true });
  const comment = h('textarea', {
    id: id('decision-comment'),
    name: 'comment',
    maxlength: 2000,
    required: true,
    'aria-describedby': `${id('comment-hint')} ${id('decision-error')}`,
  });
  const amount = h('input', { type: 'text', id: id('paid-amount'), name: 'amount', inputmode: 'decimal' });
  const paidOn = h('input', { type: 'date', id: id('paid-on'), name: 'paidOn' });
  const payment = h(
    'div',
    { class: 'payment', hidden: true },
    h('div', { class: 'field' }, h('label', { class: 'label', for: id('paid-amount') }, t('amountLabel')), amount),
    h('div', { class: 'field' }, h('label', { class: 'label', for: id('paid-on') }, t('paidOnLabel')), paidOn),
  );
  const hint = h('p', { class: 'hint', id: id('comment-hint') }, t('commentHint'));
  const save = h('button', { type: 'submit', class: 'secondary', value: 'save' }, t('save'));
  const next = h('button', { type: 'submit', class: 'primary save-next', value: 'next' }, t('saveNext'));
  const fail = (text) => {
    error.textContent = text;
    error.hidden = false;
  };
  const confirmed = d.item.state === 'confirmed' || d.item.state === 'paid';
  const form = h(
    'form',
    { class: 'decision-form', id: id('decision-form'), novalidate: true, dataset: { measure: d.item.measureId } },
    h(
      'fieldset',
      { class: 'decision-choices' },
      h('legend', {}, t('decisionHeading')),
      DECISIONS.filter((v) => v !== 'paid' || confirmed).map((v) =>
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'decision', value: v }), t(`decision_${v}`)),
      ),
    ),
    payment,
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: id('decision-comment') }, t('commentLabel')),
      hint,
      comment,
    ),
    error,
    h('div', { class: 'actions' }, save, next),
  );
  form.addEventListener('change', () => {
    const v = form.querySelector('input[name="decision"]:checked')?.value;
    payment.hidden = v !== 'paid';
    hint.textContent = t(v === 'needs-info' ? 'commentHintNeedsInfo' : 'commentHint');
  });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const andNext = e.submitter?.value === 'next';
    const decision = form.querySelector('input[name="decision"]:checked')?.value;
    if (!decision) return fail(t('decisionRequired'));
    if (!comment.value.trim()) {
      comment.focus();
      return fail(t('commentRequired'));
    }
    const body = { measureId: d.item.measureId, decision, comment: comment.value };
    if (decision === 'paid')
      Object.assign(body, { amount: Number(amount.value.replace(/,/g, '')), paidOn: paidOn.value });
    for (const b of [save, next]) b.disabled = true;
    try {
      await api(`/api/cases/${c.case.id}/decisions`, { method: 'POST', body });
      await onDecided(t('decisionSaved', { decision: t(`decision_${decision}`) }), andNext);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return onDecided(t('decisionConflict'), false);
      const fields =
        err instanceof ApiError && err.body?.errors ? Object.values(err.body.errors).flat().join('；') : '';
      fail(t('decisionFailed', { detail: fields || err.message }));
      for (const b of [save, next]) b.disabled = false;
    }
  });
  return form;
}

function history(d, i) {
  return h(
    'section',
    { class: 'panel history-panel', 'aria-labelledby': `history-${i}-h` },
    h('h3', { id: `history-${i}-h` }, t('historyHeading')),
    d.decisions.length === 0
      ? h('p', {}, t('historyEmpty'))
      : h(
          'table',
          { class: 'history', id: `history-table-${i}` },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['colWhen', 'colWho', 'colDecision', 'colComment'].map((k) => h('th', { scope: 'col' }, t(k))),
            ),
          ),
          h(
            'tbody',
            {},
            d.decisions.map((x) =>
              h(
                'tr',
                {},
                h('td', {}, formatDateTime(x.decidedAt)),
                h('td', {}, x.decidedBy.name),
                h('td', {}, h('span', { class: `badge state-${x.decision}` }, t(`state_${x.decision}`))),
                h(
                  'td',
                  { class: 'comment' },
                  x.comment,
                  x.decision === 'paid'
                    ? h('span', { class: 'paid-line' }, `${formatYuan(x.amount)} · ${x.paidOn}`)
                    : null,
                ),
              ),
            ),
          ),
        ),
  );
}

function measure(c, d, i, onDecided) {
  const sfx = `-${i}`;
  return h(
    'section',
    { class: 'measure-case', id: `measure${sfx}`, 'aria-labelledby': `measure${sfx}-h` },
    h(
      'h2',
      { id: `measure${sfx}-h` },
      d.item.measureTitle,
      ' ',
      h('span', { class: `badge state-${d.item.state}` }, t(`state_${d.item.state}`)),
      ' ',
      h(
        'span',
        { class: `badge match-${d.match?.status ?? d.item.matchStatus}` },
        t(`match_${d.match?.status ?? d.item.matchStatus}`),
      ),
    ),
    currentRule(d, sfx),
    h(
      'div',
      { class: 'detail-grid' },
      h('div', {}, conditions(d, sfx), citations(d, sfx), ruleAtMatch(d, sfx)),
      h('div', {}, h('div', { class: 'panel' }, decisionForm(c, d, i, onDecided)), history(d, i)),
    ),
  );
}

function profile(c) {
  const latest = c.versions.at(-1);
  const changed = new Set(c.changes.map((x) => x.field));
  const entries = latest && typeof latest.profile === 'object' ? Object.entries(latest.profile) : [];
  return panel(
    'profile',
    t('profileHeadingVersion', { version: latest?.version ?? 1 }),
    h(
      'dl',
      { class: 'facts' },
      entries.map(([k, v]) => [
        h('dt', { class: changed.has(k) ? 'changed-field' : null }, factLabel(k)),
        h('dd', { class: changed.has(k) ? 'changed-field' : null }, formatFactValue(k, v)),
      ]),
    ),
  );
}

/** The next case after `id` under the same filters, or null. */
async function nextCase(id, filters) {
  const q = apiQuery(filters);
  q.set('after', id);
  q.set('pageSize', '1');
  return (await api(`/api/cases?${q}`)).items[0] ?? null;
}

/** Renders case `id` into `host`. `filters`: the queue's, kept for "back" and "save and next". */
export async function showCase(host, id, { announce, filters }) {
  const c = await api(`/api/cases/${encodeURIComponent(id)}`);
  const query = filterQuery(filters);
  const backHref = `#/?${query}`;
  const onDecided = async (message, andNext) => {
    if (andNext) {
      const next = await nextCase(id, filters);
      announce(message);
      location.hash = next ? `#/case/${next.id}${query ? `?${query}` : ''}` : backHref;
      if (!next) announce(`${message} ${t('noNext')}`);
      return;
    }
    await showCase(host, id, { announce, filters });
    announce(message);
  };
  setChildren(
    host,
    header(c, backHref),
    changes(c),
    c.measures.map((d, i) => measure(c, d, i, onDecided)),
    profile(c),
  );
  return c;
}
