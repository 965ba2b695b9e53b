/**
 * The match result (CONTRACT §2, Version 2) as a company reads it, most useful first: what it can get now
 * (in-force entitlements and applications it meets, the largest estimate first), near misses, the fields that
 * would decide the undecided measures (grouped by field, not one card each), then benchmarks, guidance,
 * measures not met and measures out of force, each folded behind its count.
 */
import { h, setChildren } from './dom.js';
import { getLang, L, t } from './i18n.js';
import { PROFILE_FIELDS } from './engine/profile.js';
import { KIND_LABELS } from './schema.js';
import { factLabel, formatDate, formatEstimate, formatFactValue, formatYuan } from './format.js';
import { renderLadder } from './ladder.js';

const CLAIMABLE = new Set(['entitlement', 'application']);
/** From this many undecided measures on, the fields to fill in first are named at the top. */
const FIRST_FIELDS_FROM = 5;
const NATURE_ORDER = { entitlement: 0, application: 1, benchmark: 2, guidance: 3 };
const TAX_KINDS = new Set(['tax-incentive', 'tax-refund']);

/** Largest estimate first (none last), then entitlements before applications, then the pack's order. */
function byValue(a, b) {
  const va = a.estimate?.amount ?? -1;
  const vb = b.estimate?.amount ?? -1;
  return vb - va || NATURE_ORDER[a.nature] - NATURE_ORDER[b.nature];
}

/**
 * Splits results into the groups the page shows. Every measure lands in exactly one group:
 * eligible, near, needs (in force, entitlement/application), benchmarks, guidance, rest (in force, not met),
 * expired (out of force at asOf, whatever its status).
 */
export function groupResults(results) {
  const inForce = results.filter((r) => r.inForce);
  const claimable = inForce.filter((r) => CLAIMABLE.has(r.nature));
  const isNear = (r) => r.status === 'ineligible' && r.nearMiss.length > 0 && r.nature !== 'guidance';
  return {
    eligible: claimable.filter((r) => r.status === 'eligible').sort(byValue),
    near: inForce.filter(isNear).sort(byValue),
    needs: claimable.filter((r) => r.status === 'needs_info'),
    benchmarks: inForce
      .filter((r) => r.nature === 'benchmark' && !isNear(r))
      .sort((a, b) => statusRank(a) - statusRank(b)),
    guidance: inForce.filter((r) => r.nature === 'guidance'),
    rest: claimable.filter((r) => r.status === 'ineligible' && !isNear(r)),
    expired: results.filter((r) => !r.inForce),
  };
}

const statusRank = (r) => ({ eligible: 0, needs_info: 1, ineligible: 2 })[r.status];

/** Sum of the estimates of the measures the firm can get; `tax` when every one of them is a tax item. */
export function estimateTotal(eligible) {
  const priced = eligible.filter((r) => r.estimate);
  return {
    amount: priced.reduce((sum, r) => sum + r.estimate.amount, 0),
    count: priced.length,
    tax: priced.every((r) => TAX_KINDS.has(r.kind)),
  };
}

/**
 * Each undecided measure under the one field that decides the most of them (a measure missing several is
 * listed under its most common one and names the others): `[{ field, items }]`, largest group first.
 */
export function needsByField(needs) {
  const counts = new Map();
  for (const r of needs) for (const f of r.missingFacts) counts.set(f, (counts.get(f) ?? 0) + 1);
  const groups = new Map();
  for (const r of needs) {
    const field =
      [...r.missingFacts].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b))[0] ?? 'unknown';
    if (!groups.has(field)) groups.set(field, []);
    groups.get(field).push(r);
  }
  return [...groups.entries()]
    .map(([field, items]) => ({ field, items }))
    .sort((a, b) => b.items.length - a.items.length || a.field.localeCompare(b.field));
}

/** The one-line summary in words, with the estimated total. */
export function summaryLine(g) {
  const total = estimateTotal(g.eligible);
  const tail = [
    g.near.length > 0 ? t('summaryNear', { n: g.near.length }) : null,
    g.needs.length > 0 ? t('summaryNeeds', { n: g.needs.length }) : null,
  ]
    .filter(Boolean)
    .join(t('summarySep'));
  const end = tail ? `${tail}${t('summaryEnd')}` : '';
  if (g.eligible.length === 0) return `${t('summaryNone')}${end}`;
  const head = t('summaryEligible', { n: g.eligible.length });
  if (total.count === 0) return `${head}${t('summaryNoEstimate')}${end}`;
  const money = t(total.tax ? 'summaryTax' : 'summaryValue', { amount: formatEstimate(total.amount) });
  return `${head}${money}${end}`;
}

/**
 * Renders the groups into `host`; returns the summary line (for the heading and the live region).
 * `onJump(field)` moves to a form field; `open` names the folded groups left open (kept across re-renders).
 */
export function renderResults(host, match, { onJump, open = [] }) {
  const g = groupResults(match.results);
  const ctx = { onJump, fiscalYear: match.fiscalYear, asOf: match.asOf };
  setChildren(
    host,
    h(
      'p',
      { class: 'meta' },
      t('resultsMeta', {
        year: match.fiscalYear,
        asOf: match.asOf,
        version: match.rulePackVersion.replace(/^sha256:/, '').slice(0, 12),
      }),
    ),
    overview(g),
    firstFields(g.needs, ctx),
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
    cardGroup('eligible', t('groupEligible'), t('groupEligibleNote'), g.eligible, t('emptyEligible'), ctx),
    g.near.length > 0 ? cardGroup('near', t('groupNear'), t('groupNearNote'), g.near, '', ctx) : null,
    ladderSection(match.ladder),
    needsGroup(g.needs, ctx),
    foldedGroup('benchmarks', t('groupBenchmarks'), t('groupBenchmarksNote'), g.benchmarks, ctx, open),
    foldedGroup('guidance', t('groupGuidance'), t('groupGuidanceNote'), g.guidance, ctx, open),
    foldedGroup('rest', t('groupRest'), t('groupRestNote'), g.rest, ctx, open),
    foldedGroup('expired', t('groupExpired'), t('groupExpiredNote'), g.expired, ctx, open),
  );
  return summaryLine(g);
}

/** What the firm can pursue next (资质进阶路径), after what it can claim now and before what it should fill in. */
function ladderSection(ladder) {
  const section = h('section', { id: 'ladder' });
  renderLadder(section, ladder, getLang());
  return section;
}

/** The ids of the folded groups now open, to keep them open when the results are drawn again. */
export function openGroups(host) {
  return [...host.querySelectorAll('.result-group button.toggle[aria-expanded="true"]')].map((b) => b.dataset.group);
}

/** Counts that jump to each group. */
function overview(g) {
  const items = [
    ['eligible', 'groupEligible', g.eligible.length],
    ['near', 'groupNear', g.near.length],
    ['needs', 'groupNeeds', g.needs.length],
    ['benchmarks', 'groupBenchmarks', g.benchmarks.length],
    ['guidance', 'groupGuidance', g.guidance.length],
    ['rest', 'groupRestShort', g.rest.length],
    ['expired', 'groupExpiredShort', g.expired.length],
  ].filter(([id, , n]) => n > 0 || id === 'eligible');
  return h(
    'nav',
    { class: 'overview no-print', 'aria-label': t('overviewLabel') },
    h(
      'ul',
      {},
      items.map(([id, key, n]) =>
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
        ),
      ),
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

function groupHeading(id, title, n) {
  return h(
    'h3',
    { id: `results-${id}-title`, class: 'group-heading' },
    h('span', { class: 'group-icon', 'aria-hidden': 'true' }),
    title,
    h('span', { class: 'count' }, ` ${n}`),
  );
}

function cardGroup(id, title, note, items, empty, ctx) {
  return h(
    'section',
    { class: `result-group group-${id}`, id: `results-${id}`, 'aria-labelledby': `results-${id}-title` },
    groupHeading(id, title, items.length),
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

/**
 * The three fields that would decide the most undecided measures, at the top: what to fill in first. Shown when
 * the undecided are many (a sparse profile); a handful is listed further down anyway.
 */
function firstFields(needs, ctx) {
  if (needs.length < FIRST_FIELDS_FROM) return null;
  const top = needsByField(needs).slice(0, 3);
  return h(
    'p',
    { class: 'first-fields no-print' },
    h('strong', {}, t('firstFields')),
    top.map(({ field, items }, i) => [
      i > 0 ? t('listSep') : null,
      jumpLink(field, ctx),
      h('span', { class: 'first-count' }, t('firstFieldsCount', { n: items.length })),
    ]),
  );
}

/** Undecided measures by the field that decides them: one line per field, the measures listed on demand. */
function needsGroup(needs, ctx) {
  if (needs.length === 0) return null;
  return h(
    'section',
    { class: 'result-group group-needs', id: 'results-needs', 'aria-labelledby': 'results-needs-title' },
    groupHeading('needs', t('groupNeeds'), needs.length),
    h('p', { class: 'group-note' }, t('groupNeedsNote')),
    h(
      'ul',
      { class: 'field-groups' },
      needsByField(needs).map(({ field, items }) => fieldGroup(field, items, ctx)),
    ),
  );
}

function fieldGroup(field, items, ctx) {
  const listId = `needs-${field}-list`;
  const list = h(
    'ul',
    { class: 'needs-list', id: listId, hidden: true },
    items.map((r) => needsItem(r, field, ctx)),
  );
  const toggle = toggleButton(list, t('needsShow', { n: items.length }), t('needsHide'), field);
  return h(
    'li',
    { class: 'field-group', 'data-field': field },
    h(
      'p',
      { class: 'field-line' },
      t('needsFieldBefore'),
      jumpLink(field, ctx, 'field-link'),
      t('needsFieldAfter', { n: items.length }),
      ' ',
      toggle,
    ),
    list,
  );
}

/** One undecided measure: its title (the full card opens under it, built on first open) and any other field it needs. */
function needsItem(r, field, ctx) {
  const detail = h(
    'details',
    { class: 'needs-detail' },
    h(
      'summary',
      {},
      h('span', { class: 'needs-title' }, r.title),
      ' ',
      h('span', { class: 'badge kind' }, L(KIND_LABELS[r.kind]) || r.kind),
    ),
  );
  detail.addEventListener('toggle', () => {
    if (detail.open && !detail.querySelector('article')) detail.append(card(r, ctx));
  });
  return h(
    'li',
    { class: 'needs-item', 'data-measure': r.measureId },
    detail,
    r.missingFacts.length > 1
      ? h(
          'p',
          { class: 'needs-also' },
          `${t('needsAlso')}${t('colon')}`,
          r.missingFacts.filter((f) => f !== field).map((f, i) => [i > 0 ? t('listSep') : null, jumpLink(f, ctx)]),
        )
      : null,
  );
}

function jumpLink(field, ctx, extraClass = '') {
  return h(
    'a',
    {
      href: `#field-${field}`,
      class: `jump ${extraClass}`.trim(),
      'data-field': field,
      title: t('missingLinkTitle', { label: factLabel(field) }),
      onclick: (e) => {
        e.preventDefault();
        ctx.onJump(field);
      },
    },
    factLabel(field),
  );
}

function toggleButton(list, showText, hideText, group) {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'link-button toggle',
      'aria-expanded': String(!list.hidden),
      'aria-controls': list.id,
      'data-group': group,
      onclick: () => {
        const opening = list.hidden;
        list.hidden = !opening;
        button.setAttribute('aria-expanded', String(opening));
        button.textContent = opening ? hideText : showText;
        list.dispatchEvent(new CustomEvent('toggled', { detail: opening }));
      },
    },
    list.hidden ? showText : hideText,
  );
  return button;
}

/** A group folded behind its count; its cards are built when first opened. */
function foldedGroup(id, title, note, items, ctx, open) {
  if (items.length === 0) return null;
  const isOpen = open.includes(id);
  const list = h('div', { class: 'cards', id: `results-${id}-list`, hidden: !isOpen });
  const fill = () => {
    if (list.childElementCount === 0)
      setChildren(
        list,
        items.map((r) => card(r, ctx)),
      );
  };
  if (isOpen) fill();
  list.addEventListener('toggled', (e) => e.detail && fill());
  return h(
    'section',
    { class: `result-group folded group-${id}`, id: `results-${id}`, 'aria-labelledby': `results-${id}-title` },
    groupHeading(id, title, items.length),
    h('p', { class: 'group-note' }, note),
    toggleButton(list, t('showGroup', { n: items.length }), t('hideGroup'), id),
    list,
  );
}

const NATURE_LABEL = {
  entitlement: 'natureEntitlement',
  application: 'natureApplication',
  benchmark: 'natureBenchmark',
  guidance: 'natureGuidance',
};

function card(r, ctx) {
  const titleId = `card-${r.measureId}-title`;
  return h(
    'article',
    {
      class: `card status-${r.status} nature-${r.nature}${r.inForce ? '' : ' out-of-force'}`,
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
        h('span', { class: `badge nature ${r.nature}` }, t(NATURE_LABEL[r.nature])),
        h('span', { class: 'badge kind' }, L(KIND_LABELS[r.kind]) || r.kind),
        r.documentStatus === 'draft' ? h('span', { class: 'badge draft' }, t('badgeDraft')) : null,
        r.documentStatus === 'superseded' ? h('span', { class: 'badge expired' }, t('badgeSuperseded')) : null,
        !r.inForce ? h('span', { class: 'badge not-in-force' }, t('badgeNotInForce')) : null,
      ),
    ),
    r.estimate ? estimateBox(r.estimate) : null,
    r.status === 'needs_info' && r.missingFacts.length > 0 ? missingBox(r, ctx) : null,
    r.nearMiss.length > 0 ? nearBox(r) : null,
    h(
      'dl',
      { class: 'facts' },
      h('dt', {}, t('benefit')),
      h('dd', {}, r.benefit),
      h('dt', {}, t('departments')),
      h('dd', { class: 'departments' }, r.departments.join(getLang() === 'zh' ? '、' : '; ')),
      r.status === 'eligible' && CLAIMABLE.has(r.nature) ? howToApply(r) : null,
      h('dt', {}, t('period')),
      h(
        'dd',
        {},
        periodText(r.period),
        !r.inForce && r.inForceReason ? h('span', { class: 'period-note' }, ` ${r.inForceReason}`) : null,
      ),
      r.supersededBy
        ? [
            h('dt', {}, t('supersededBy')),
            h('dd', { class: 'superseded' }, `${r.supersededBy.number ?? ''} ${r.supersededBy.title ?? ''}`.trim()),
          ]
        : null,
    ),
    r.documentNotice ? h('p', { class: 'notice draft-notice' }, r.documentNotice) : null,
    basisAndConditions(r),
  );
}

/** 估算 ¥X, with the formula and assumptions one click away. */
function estimateBox(est) {
  return h(
    'details',
    { class: 'estimate' },
    h(
      'summary',
      {},
      h('span', { class: 'estimate-label' }, t('estimateLabel')),
      ' ',
      h('strong', { class: 'estimate-amount' }, t('estimateAmount', { amount: formatEstimate(est.amount) })),
      h('span', { class: 'estimate-how' }, ` ${t('estimateHow')}`),
    ),
    h('p', { class: 'estimate-text' }, est.text),
    est.assumptions.length > 0
      ? h(
          'ul',
          { class: 'estimate-assumptions' },
          est.assumptions.map((a) => h('li', {}, a)),
        )
      : null,
    h('p', { class: 'hint' }, t('estimateNote', { yuan: formatYuan(est.amount) })),
  );
}

function howToApply(r) {
  const how = r.howToApply;
  if (!how) return [h('dt', {}, t('howToApply')), h('dd', { class: 'how-to-apply' }, t('howToApplyDefault'))];
  return [
    h('dt', {}, t('howToApply')),
    h(
      'dd',
      { class: 'how-to-apply' },
      [how.department, how.channel].filter(Boolean).join(t('colon')),
      how.window ? h('span', { class: 'apply-window' }, `${t('listSep')}${t('applyWindow')}${how.window}`) : null,
    ),
  ];
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
                `${t('listSep')}${t('nearExtra', { amount: formatYuan(m.extraAmount) })}`,
              )
            : null,
        ),
      ),
    ),
  );
}

/** The quoted clauses and the conditions behind the verdict, folded: read on demand, printed folded. */
function basisAndConditions(r) {
  const tally = ['pass', 'fail', 'unknown']
    .map((o) => [o, r.conditions.filter((c) => c.outcome === o).length])
    .filter(([, n]) => n > 0);
  return h(
    'details',
    { class: 'conditions' },
    h(
      'summary',
      { class: 'sub' },
      t('conditionsAndSources'),
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
    citations(r),
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
