/**
 * One match in detail: the evidence (conditions with actual values, the cited clause in its document context,
 * the rule as it was and as it is), the profile as submitted, the decision form and the decision history.
 */
import { h, setChildren } from './dom.js';
import { factLabel, formatDateTime, formatFactValue } from './format.js';
import { api, ApiError } from './reviews.api.js';
import { t } from './reviews.i18n.js';

const DECISIONS = ['confirmed', 'needs-info', 'rejected'];
const OUTCOME_ICON = { pass: '✓', fail: '✗', unknown: '?' };

const section = (id, heading, ...children) =>
  h('section', { class: 'panel', id, 'aria-labelledby': `${id}-h` }, h('h2', { id: `${id}-h` }, heading), ...children);

function header(d, backHref) {
  const { item } = d;
  return [
    h('p', {}, h('a', { href: backHref, class: 'back' }, t('back'))),
    h('h1', { id: 'detail-heading', tabindex: '-1' }, item.measureTitle),
    h(
      'p',
      { class: 'badges' },
      h('span', { class: `badge match-${item.matchStatus}` }, t(`match_${item.matchStatus}`)),
      h('span', { class: `badge state-${item.state}`, id: 'detail-state' }, t(`state_${item.state}`)),
    ),
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('colCompany')),
      h('dd', {}, item.companyName || t('noName'), item.creditCode ? ` · ${item.creditCode}` : ''),
      h('dt', {}, t('matchMeta')),
      h(
        'dd',
        {},
        t(`source_${item.source}`),
        ' · ',
        h('span', { class: 'mono' }, item.sourceId),
        item.sourceKey ? ` #${item.sourceKey}` : '',
      ),
      h('dt', {}, t('matchedAt')),
      h('dd', {}, formatDateTime(item.createdAt)),
      h('dt', {}, t('rulePack')),
      h('dd', { class: 'mono' }, d.rulePackVersion),
      h('dt', {}, t('measureVersion')),
      h('dd', { class: 'mono' }, d.measureVersion),
    ),
  ];
}

function conditions(d) {
  const m = d.match;
  if (!m) return section('conditions', t('conditionsHeading'), h('p', { class: 'notice' }, t('matchUnavailable')));
  return section(
    'conditions',
    t('conditionsHeading'),
    d.matchFrom === 'snapshot' ? h('p', { class: 'hint' }, t('matchFromSnapshot')) : null,
    h(
      'ul',
      { class: 'condition-list' },
      m.conditions.map((c) =>
        h(
          'li',
          { class: `cond ${c.outcome}` },
          h('span', { class: 'icon', 'aria-hidden': 'true' }, OUTCOME_ICON[c.outcome]),
          h(
            'span',
            { class: 'cond-label' },
            c.label,
            ' — ',
            h('strong', { class: 'outcome' }, t(`outcome_${c.outcome}`)),
          ),
          h(
            'span',
            { class: 'actual' },
            t('actual', { value: formatFactValue(c.fact, c.actual) }),
            ' · ',
            t('expected', { value: formatFactValue(c.fact, c.expected) }),
          ),
        ),
      ),
    ),
    m.missingFacts?.length ? h('p', {}, t('missingFacts'), ' ', m.missingFacts.map(factLabel).join('、')) : null,
    m.notCheckable?.length
      ? [
          h('p', { class: 'sub' }, t('notCheckable')),
          h(
            'ul',
            {},
            m.notCheckable.map((n) => h('li', {}, n)),
          ),
        ]
      : null,
  );
}

function citations(d) {
  if (!d.match) return null;
  return section(
    'citations',
    t('citationsHeading'),
    d.match.citations.map((c) =>
      h(
        'figure',
        { class: 'citation' },
        h(
          'figcaption',
          {},
          c.role === 'basis' ? h('span', { class: 'basis-label' }, `${t('basis')}：`) : null,
          h('span', { class: 'doc-title', lang: 'zh' }, c.documentTitle),
          ' ',
          h('span', { class: 'doc-number' }, c.documentNumber ?? t('docNumberNone')),
          c.section ? h('span', { class: 'doc-section', lang: 'zh' }, ` · ${c.section}`) : null,
        ),
        c.quote ? h('blockquote', { class: 'quote', lang: 'zh' }, `“${c.quote}”`) : null,
      ),
    ),
  );
}

function ruleAtMatch(d) {
  const snap = d.ruleAtMatch;
  if (!snap) return section('rule-at-match', t('ruleAtMatchHeading'), h('p', { class: 'notice' }, t('noSnapshot')));
  return section(
    'rule-at-match',
    t('ruleAtMatchHeading'),
    h('p', { class: 'hint' }, t('ruleAtMatchIntro', { version: snap.measureVersion })),
    snap.passages.map((p) =>
      h(
        'div',
        { class: 'passage' },
        h(
          'p',
          { class: 'doc-title', lang: 'zh' },
          p.documentTitle,
          p.section ? h('span', { class: 'doc-section' }, ` · ${p.section}`) : null,
        ),
        h(
          'div',
          { class: 'doc-context', lang: 'zh' },
          p.before ? `…${p.before}` : '',
          h('mark', { class: 'cited-quote' }, p.passage),
          p.after ? `${p.after}…` : '',
        ),
        h(
          'a',
          {
            href: `./#/document/${encodeURIComponent(p.documentId)}?measure=${encodeURIComponent(d.item.measureId)}`,
            target: '_blank',
            rel: 'noopener',
          },
          t('openDocument'),
        ),
      ),
    ),
  );
}

function currentRule(d) {
  const c = d.current;
  if (!c.changed)
    return h(
      'p',
      { class: 'notice', id: 'rule-unchanged' },
      t('unchanged', { version: c.rulePackVersion.slice(0, 19) }),
    );
  const status = c.result ? t(`match_${c.result.status}`) : null;
  return h(
    'section',
    { class: 'panel changed', id: 'rule-changed', 'aria-labelledby': 'rule-changed-h' },
    h('h2', { id: 'rule-changed-h' }, t('changedHeading')),
    c.measureVersion === null
      ? h('p', {}, t('changedRemoved'))
      : status
        ? h('p', {}, t('changedIntro', { status }))
        : h('p', {}, t('changedNoResult')),
    c.changes.length
      ? [
          h('h3', {}, t('changesHeading')),
          h(
            'table',
            { class: 'changes' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                [t('changePath'), t('changeBefore'), t('changeAfter')].map((x) => h('th', { scope: 'col' }, x)),
              ),
            ),
            h(
              'tbody',
              {},
              c.changes.map((x) =>
                h(
                  'tr',
                  {},
                  h(
                    'td',
                    {},
                    x.condition
                      ? [x.condition, h('br'), h('span', { class: 'mono' }, x.path)]
                      : h('span', { class: 'mono' }, x.path),
                  ),
                  h('td', { class: 'mono' }, JSON.stringify(x.before) ?? '—'),
                  h('td', { class: 'mono' }, JSON.stringify(x.after) ?? '—'),
                ),
              ),
            ),
          ),
        ]
      : null,
  );
}

function profile(d) {
  const entries = d.profile && typeof d.profile === 'object' ? Object.entries(d.profile) : [];
  return section(
    'profile',
    t('profileHeading'),
    entries.length === 0
      ? h('p', {}, t('profileEmpty'))
      : h(
          'dl',
          { class: 'facts' },
          entries.map(([k, v]) => [h('dt', {}, factLabel(k)), h('dd', {}, formatFactValue(k, v))]),
        ),
    h(
      'details',
      {},
      h('summary', {}, 'JSON'),
      h('pre', { class: 'raw-profile', id: 'raw-profile' }, JSON.stringify(d.profile, null, 2)),
    ),
  );
}

function decisionForm(d, onDecided) {
  const error = h('p', { class: 'error', id: 'decision-error', role: 'alert', hidden: true });
  const comment = h('textarea', {
    id: 'decision-comment',
    name: 'comment',
    maxlength: 2000,
    required: true,
    'aria-describedby': 'comment-hint decision-error',
  });
  const submit = h('button', { type: 'submit', class: 'primary', id: 'decision-submit' }, t('submitDecision'));
  const fail = (text) => {
    error.textContent = text;
    error.hidden = false;
  };
  const form = h(
    'form',
    { id: 'decision-form', novalidate: true },
    h(
      'fieldset',
      { class: 'decision-choices' },
      h('legend', {}, t('decisionHeading')),
      DECISIONS.map((v) =>
        h('label', { class: 'check' }, h('input', { type: 'radio', name: 'decision', value: v }), t(`decision_${v}`)),
      ),
    ),
    h(
      'div',
      { class: 'field' },
      h('label', { class: 'label', for: 'decision-comment' }, t('commentLabel')),
      h('p', { class: 'hint', id: 'comment-hint' }, t('commentHint')),
      comment,
    ),
    error,
    h('div', { class: 'actions' }, submit),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const decision = form.querySelector('input[name="decision"]:checked')?.value;
    if (!decision) return fail(t('decisionRequired'));
    if (!comment.value.trim()) {
      comment.focus();
      return fail(t('commentRequired'));
    }
    submit.disabled = true;
    submit.textContent = t('submitting');
    try {
      await api(`/api/reviews/${d.item.id}/decisions`, {
        method: 'POST',
        body: { decision, comment: comment.value },
        lang: false,
      });
      await onDecided(t('decisionSaved', { decision: t(`decision_${decision}`) }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) return onDecided(t('decisionConflict'));
      fail(t('decisionFailed', { detail: err.message }));
      submit.disabled = false;
      submit.textContent = t('submitDecision');
    }
  });
  return section('decide', t('decisionHeading'), form);
}

function history(d) {
  return section(
    'history',
    t('historyHeading'),
    d.decisions.length === 0
      ? h('p', {}, t('historyEmpty'))
      : h(
          'table',
          { class: 'history', id: 'history-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['colWhen', 'colWho', 'colDecision', 'colComment', 'colPrevious'].map((k) =>
                h('th', { scope: 'col' }, t(k)),
              ),
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
                h('td', { class: 'comment' }, x.comment),
                h('td', {}, t(`state_${x.previousState}`)),
              ),
            ),
          ),
        ),
  );
}

/** Renders review `id` into `host`; `announce` speaks a status line after a decision; `backHref` is the queue. */
export async function showDetail(host, id, { announce, backHref = '#/' }) {
  const d = await api(`/api/reviews/${encodeURIComponent(id)}`);
  const rerender = async (message) => {
    await showDetail(host, id, { announce, backHref });
    announce(message);
    host.querySelector('#history-h')?.scrollIntoView({ block: 'start' });
  };
  setChildren(
    host,
    header(d, backHref),
    currentRule(d),
    h(
      'div',
      { class: 'detail-grid' },
      h('div', {}, conditions(d), citations(d), ruleAtMatch(d)),
      h('div', {}, decisionForm(d, rerender), history(d), profile(d)),
    ),
  );
  return d;
}
