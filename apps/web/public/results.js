/**
 * The match result (CONTRACT §2) as a company reads it: eligible, needs information (with links to the
 * fields that decide it), near misses (the gap in words and money), and the rest behind a toggle.
 */
import { h, setChildren } from './dom.js';
import { getLang, L, t } from './i18n.js';
import { PROFILE_FIELDS } from './engine/profile.js';
import { KIND_LABELS } from './schema.js';
import { factLabel, formatDate, formatFactValue, formatYuan } from './format.js';
import { renderLadder } from './ladder.js';

/** Splits results into the four groups the page shows, in-force measures first within each. */
export function groupResults(results) {
  const byForce = (a, b) => Number(b.inForce) - Number(a.inForce);
  const eligible = results.filter((r) => r.status === 'eligible').sort(byForce);
  // Closest to a decision first: the fewest missing fields.
  const needs = results
    .filter((r) => r.status === 'needs_info')
    .sort((a, b) => byForce(a, b) || a.missingFacts.length - b.missingFacts.length);
  const near = results.filter((r) => r.status === 'ineligible' && r.nearMiss.length > 0).sort(byForce);
  const rest = results.filter((r) => r.status === 'ineligible' && r.nearMiss.length === 0).sort(byForce);
  return { eligible, needs, near, rest };
}

/**
 * Renders the groups into `host`; returns the one-sentence summary for the live region.
 * `onJump(field)` moves to a form field; document links are plain hash links (#/document/…).
 */
export function renderResults(host, match, { onJump, restOpen = false }) {
  const g = groupResults(match.results);
  const summary = t('resultsSummary', {
    total: match.results.length,
    eligible: g.eligible.length,
    needs: g.needs.length,
    near: g.near.length,
    rest: g.rest.length,
  });
  const ctx = { onJump, fiscalYear: match.fiscalYear };
  setChildren(
    host,
    h(
      'p',
      { class: 'meta' },
      t('resultsMeta', { year: match.fiscalYear, version: match.rulePackVersion.replace(/^sha256:/, '').slice(0, 12) }),
    ),
    overview(g),
    nextSteps(g.needs, ctx),
    match.warnings.length > 0
      ? h(
          'div',
          { class: 'notice warning-box' },
          h('strong', {}, `${t('warnings')}${t('colon')}`),
          h(
            'ul',
            {},
            match.warnings.map((w) => h('li', {}, w.message)),
          ),
        )
      : null,
    group('eligible', t('groupEligible'), t('groupEligibleNote'), g.eligible, t('emptyEligible'), ctx),
    group('needs', t('groupNeeds'), t('groupNeedsNote'), g.needs, t('emptyNeeds'), ctx),
    group('near', t('groupNear'), t('groupNearNote'), g.near, t('emptyNear'), ctx),
    g.rest.length > 0 ? restGroup(g.rest, ctx, restOpen) : null,
  );
  renderLadder(document.getElementById('ladder'), match.ladder, getLang());
  return summary;
}

/** Counts that jump to each group: with a hundred measures the page is long. */
function overview(g) {
  const item = (id, key, n) =>
    h(
      'li',
      { class: `ov ov-${id}` },
      h(
        'a',
        {
          href: `#results-${id}`,
          onclick: (e) => {
            e.preventDefault();
            jumpToGroup(id);
          },
        },
        h('span', { class: 'ov-count' }, String(n)),
        ' ',
        t(key),
      ),
    );
  return h(
    'nav',
    { class: 'overview no-print', 'aria-label': t('overviewLabel') },
    h(
      'ul',
      {},
      item('eligible', 'groupEligible', g.eligible.length),
      item('needs', 'groupNeeds', g.needs.length),
      item('near', 'groupNear', g.near.length),
      g.rest.length > 0 ? item('rest', 'groupRestShort', g.rest.length) : null,
    ),
  );
}

function jumpToGroup(id) {
  const heading = document.getElementById(`results-${id}-title`);
  if (!heading) return;
  heading.setAttribute('tabindex', '-1');
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
}

/** The fields that would decide the most undecided measures, most useful first, each a link to the field. */
export function missingFieldCounts(needs) {
  const counts = new Map();
  for (const r of needs) for (const f of r.missingFacts) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}

function nextSteps(needs, ctx) {
  const fields = missingFieldCounts(needs);
  if (fields.length === 0) return null;
  return h(
    'section',
    { class: 'next-steps', 'aria-labelledby': 'next-steps-title' },
    h('h3', { id: 'next-steps-title' }, t('nextStepsTitle')),
    h('p', { class: 'hint' }, t('nextStepsNote')),
    h(
      'ul',
      {},
      fields.map(([field, n]) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `#field-${field}`,
              class: 'jump',
              'data-field': field,
              onclick: (e) => {
                e.preventDefault();
                ctx.onJump(field);
              },
            },
            factLabel(field),
          ),
          h('span', { class: 'next-count' }, t('nextStepsCount', { n })),
        ),
      ),
    ),
  );
}

function group(id, title, note, items, empty, ctx) {
  return h(
    'section',
    { class: `result-group group-${id}`, id: `results-${id}`, 'aria-labelledby': `results-${id}-title` },
    h(
      'h3',
      { id: `results-${id}-title`, class: 'group-heading' },
      h('span', { class: 'group-icon', 'aria-hidden': 'true' }),
      title,
      h('span', { class: 'count' }, ` ${items.length}`),
    ),
    items.length > 0 ? h('p', { class: 'group-note' }, note) : null,
    items.length > 0
      ? h(
          'div',
          { class: 'cards' },
          items.map((r) => card(r, ctx)),
        )
      : h('p', { class: 'empty' }, empty),
  );
}

function restGroup(items, ctx, open) {
  const list = h(
    'div',
    { class: 'cards', id: 'results-rest-list', hidden: !open },
    items.map((r) => card(r, ctx)),
  );
  const button = h(
    'button',
    {
      type: 'button',
      class: 'link-button toggle',
      'aria-expanded': String(open),
      'aria-controls': 'results-rest-list',
      onclick: () => {
        const opening = list.hidden;
        list.hidden = !opening;
        button.setAttribute('aria-expanded', String(opening));
        button.textContent = opening ? t('hideRest') : t('showRest', { n: items.length });
      },
    },
    open ? t('hideRest') : t('showRest', { n: items.length }),
  );
  return h(
    'section',
    { class: 'result-group group-rest', id: 'results-rest', 'aria-labelledby': 'results-rest-title' },
    h(
      'h3',
      { id: 'results-rest-title', class: 'group-heading' },
      h('span', { class: 'group-icon', 'aria-hidden': 'true' }),
      t('groupRest'),
      h('span', { class: 'count' }, ` ${items.length}`),
    ),
    button,
    list,
  );
}

function card(r, ctx) {
  // Eligible and near-miss cards are read in full; the many undecided and unmet ones open on demand.
  const open = r.status === 'eligible' || r.nearMiss.length > 0;
  const titleId = `card-${r.measureId}-title`;
  return h(
    'article',
    {
      class: `card status-${r.status}`,
      id: `card-${r.measureId}`,
      'aria-labelledby': titleId,
      'data-measure': r.measureId,
    },
    h(
      'header',
      { class: 'card-head' },
      h('h4', { id: titleId, class: 'card-title' }, r.title),
      h(
        'p',
        { class: 'badges' },
        h('span', { class: 'badge kind' }, L(KIND_LABELS[r.kind]) || r.kind),
        r.documentStatus === 'draft' ? h('span', { class: 'badge draft' }, t('badgeDraft')) : null,
        r.documentStatus === 'expired' ? h('span', { class: 'badge expired' }, t('badgeExpired')) : null,
        !r.inForce
          ? h(
              'span',
              { class: 'badge not-in-force', title: t('notInForceNote', { year: ctx.fiscalYear }) },
              t('badgeNotInForce'),
            )
          : null,
      ),
    ),
    // What to do next comes first: on a phone the rest of the card is a screen or two long.
    r.status === 'needs_info' && r.missingFacts.length > 0 ? missingBox(r, ctx) : null,
    r.nearMiss.length > 0 ? nearBox(r) : null,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('benefit')),
      h('dd', {}, r.benefit),
      h('dt', {}, t('departments')),
      h('dd', {}, r.departments.join(getLang() === 'zh' ? '、' : '; ')),
      h('dt', {}, t('period')),
      h(
        'dd',
        {},
        periodText(r.period),
        !r.inForce ? h('span', { class: 'period-note' }, ` ${t('notInForceNote', { year: ctx.fiscalYear })}`) : null,
      ),
    ),
    r.documentNotice ? h('p', { class: 'notice draft-notice' }, r.documentNotice) : null,
    citations(r),
    conditions(r, open),
    r.notCheckable.length > 0
      ? h(
          'div',
          { class: 'not-checkable' },
          h('p', { class: 'sub' }, t('notCheckable')),
          h(
            'ul',
            {},
            r.notCheckable.map((n) => h('li', {}, n)),
          ),
        )
      : null,
  );
}

function periodText(p) {
  if (!p) return '';
  return p.to
    ? t('periodRange', { from: formatDate(p.from), to: formatDate(p.to) })
    : t('periodOpen', { from: formatDate(p.from) });
}

function missingBox(r, ctx) {
  return h(
    'div',
    { class: 'missing' },
    h('p', { class: 'sub' }, t('missingIntro')),
    h(
      'ul',
      { class: 'missing-list' },
      r.missingFacts.map((field) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `#field-${field}`,
              class: 'jump',
              'data-field': field,
              title: t('missingLinkTitle', { label: factLabel(field) }),
              onclick: (e) => {
                e.preventDefault();
                ctx.onJump(field);
              },
            },
            PROFILE_FIELDS[field]?.unit
              ? t('withUnit', { label: factLabel(field), unit: L(PROFILE_FIELDS[field].unit) })
              : factLabel(field),
          ),
        ),
      ),
    ),
  );
}

function nearBox(r) {
  return h(
    'div',
    { class: 'near' },
    r.nearMiss.map((m) =>
      h(
        'div',
        { class: 'near-item' },
        h('p', { class: 'near-hint' }, m.hint),
        h(
          'p',
          { class: 'near-detail' },
          `${factLabel(m.fact)}${t('colon')}${t('nearCurrent', { actual: formatFactValue(m.fact, m.actual), required: formatFactValue(m.fact, m.required) })}`,
          m.extraAmount !== undefined
            ? h(
                'span',
                { class: 'near-amount' },
                `${getLang() === 'zh' ? '；' : '; '}${t('nearExtra', { amount: formatYuan(m.extraAmount) })}`,
              )
            : null,
        ),
      ),
    ),
  );
}

function citations(r) {
  return h(
    'div',
    { class: 'citations' },
    h('p', { class: 'sub' }, t('source')),
    r.citations.map((c) => (c.role === 'clause' ? clause(r, c) : basis(c))),
  );
}

function clause(r, c) {
  return h(
    'figure',
    { class: 'citation' },
    h(
      'figcaption',
      {},
      h('span', { class: 'doc-title' }, `《${c.documentTitle}》`),
      c.documentNumber ? h('span', { class: 'doc-number' }, ` ${c.documentNumber}`) : null,
      c.section ? h('span', { class: 'doc-section' }, ` · ${c.section}`) : null,
    ),
    h('blockquote', { class: 'quote', lang: 'zh' }, `“${c.quote}”`),
    c.documentId
      ? h(
          'a',
          {
            class: 'view-original',
            id: `view-${r.measureId}-${c.documentId}`,
            href: `#/document/${encodeURIComponent(c.documentId)}?measure=${encodeURIComponent(r.measureId)}`,
          },
          t('viewOriginal'),
          h('span', { class: 'visually-hidden' }, ` ${c.documentTitle}`),
        )
      : null,
  );
}

function basis(c) {
  return h(
    'p',
    { class: 'basis' },
    h('span', { class: 'basis-label' }, `${t('basis')}${t('colon')}`),
    `《${c.documentTitle}》`,
    c.documentNumber ? t('paren', { x: c.documentNumber }) : null,
    c.quote ? h('q', {}, c.quote) : null,
  );
}

const ICON = { pass: '✓', fail: '✗', unknown: '?' };
const OUTCOME_TEXT = { pass: 'outcomePass', fail: 'outcomeFail', unknown: 'outcomeUnknown' };

function conditions(r, open) {
  const tally = ['pass', 'fail', 'unknown']
    .map((o) => [o, r.conditions.filter((c) => c.outcome === o).length])
    .filter(([, n]) => n > 0);
  return h(
    'details',
    { class: 'conditions', open },
    h(
      'summary',
      { class: 'sub' },
      t('conditions'),
      h(
        'span',
        { class: 'tally' },
        tally.map(([o, n]) =>
          h(
            'span',
            { class: `tally-${o}` },
            h('span', { 'aria-hidden': 'true' }, ICON[o]),
            h('span', { class: 'visually-hidden' }, t(OUTCOME_TEXT[o])),
            ` ${n}`,
          ),
        ),
      ),
    ),
    h(
      'ul',
      { class: 'condition-list' },
      r.conditions.map((c) =>
        h(
          'li',
          { class: `cond ${c.outcome}` },
          h('span', { class: 'icon', 'aria-hidden': 'true' }, ICON[c.outcome]),
          h('span', { class: 'visually-hidden' }, `${t(OUTCOME_TEXT[c.outcome])}${t('colon')}`),
          h('span', { class: 'cond-label' }, c.label),
          h('span', { class: 'actual' }, t('yourValue', { value: formatFactValue(c.fact, c.actual) })),
        ),
      ),
    ),
  );
}

/** The profile as submitted, for the printed page: label → value. */
export function renderProfileSummary(host, profile) {
  const rows = Object.keys(PROFILE_FIELDS).filter((f) => f in profile);
  setChildren(
    host,
    h('h3', {}, t('profileSummary')),
    h(
      'dl',
      { class: 'profile-summary' },
      rows.map((f) => [h('dt', {}, factLabel(f)), h('dd', {}, formatFactValue(f, profile[f]))]),
    ),
  );
}
