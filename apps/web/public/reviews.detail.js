/**
 * The evidence of one measure of a case: conditions with actual values, the cited clause in its document
 * context, the rule as it was and as it is. `sfx` keeps element ids unique when a case shows several measures.
 */
import { h } from './dom.js';
import { factLabel, formatFactValue } from './format.js';
import { t } from './reviews.i18n.js';

const OUTCOME_ICON = { pass: '✓', fail: '✗', unknown: '?' };

const section = (id, heading, ...children) =>
  h('section', { class: 'panel', id, 'aria-labelledby': `${id}-h` }, h('h3', { id: `${id}-h` }, heading), ...children);

export function conditions(d, sfx = '') {
  const m = d.match;
  if (!m)
    return section(`conditions${sfx}`, t('conditionsHeading'), h('p', { class: 'notice' }, t('matchUnavailable')));
  return section(
    `conditions${sfx}`,
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

export function citations(d, sfx = '') {
  if (!d.match) return null;
  return section(
    `citations${sfx}`,
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

export function ruleAtMatch(d, sfx = '') {
  const snap = d.ruleAtMatch;
  if (!snap)
    return section(`rule-at-match${sfx}`, t('ruleAtMatchHeading'), h('p', { class: 'notice' }, t('noSnapshot')));
  return section(
    `rule-at-match${sfx}`,
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

export function currentRule(d, sfx = '') {
  const c = d.current;
  if (!c.changed)
    return h(
      'p',
      { class: 'notice rule-unchanged', id: `rule-unchanged${sfx}` },
      t('unchanged', { version: c.rulePackVersion.slice(0, 19) }),
    );
  const status = c.result ? t(`match_${c.result.status}`) : null;
  return h(
    'section',
    { class: 'panel changed', id: `rule-changed${sfx}`, 'aria-labelledby': `rule-changed${sfx}-h` },
    h('h3', { id: `rule-changed${sfx}-h` }, t('changedHeading')),
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
