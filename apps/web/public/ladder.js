/**
 * The qualification ladder (资质进阶路径) of a match result, as a short path: each rung the firm can pursue next,
 * what stands between it and the rung (the gap in words), and what holding it would unlock. The criteria, with the
 * national rule each rests on, are one click away. Strings for both languages live here.
 */
import { h, setChildren } from './dom.js';

const STRINGS = {
  zh: {
    heading: '资质进阶路径',
    intro: '按国家认定标准，对照已填数据，下一步可争取的资质：',
    ready: '已填数据均达标',
    gaps: '尚有差距',
    'needs-info': '需补充数据',
    met: '达标',
    missing: '未达标',
    unknown: '待补充',
    unlocks: (n, value) =>
      n === 0 ? '暂未发现因此新增的可享受措施' : `可新增 ${n} 项措施${value > 0 ? `，估算约 ${wan(value)}/年` : ''}`,
    details: '查看认定条件和依据',
    criteria: '认定条件',
    unlockList: '取得后新增的措施',
    notCheckable: '无法根据填报数据核对的条件',
    fillIn: (labels) => `填写相关数据后可判断：${labels.join('；')}`,
    estimate: '估算',
    empty: '已持有阶梯上的全部资质，或暂无可进阶的资质。',
    step: (i) => `第 ${i} 步`,
  },
  en: {
    heading: 'Qualification ladder',
    intro: 'By the national recognition rules, against the figures you gave, the qualifications to pursue next:',
    ready: 'Every figure given meets the criteria',
    gaps: 'Gaps to close',
    'needs-info': 'More figures needed',
    met: 'met',
    missing: 'not met',
    unknown: 'unknown',
    unlocks: (n, value) =>
      n === 0
        ? 'No further measures found'
        : `Unlocks ${n} measure${n === 1 ? '' : 's'}${value > 0 ? `, about ${yuan(value)} a year (estimate)` : ''}`,
    details: 'Criteria and the rules they rest on',
    criteria: 'Criteria',
    unlockList: 'Measures it would unlock',
    notCheckable: 'Criteria the figures cannot decide',
    fillIn: (labels) => `Fill in the figures to decide: ${labels.join('; ')}`,
    estimate: 'estimate',
    empty: 'The firm holds every rung of the ladder, or none is open to it.',
    step: (i) => `Step ${i}`,
  },
};

const wan = (amount) => `¥${(amount / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 万元`;
const yuan = (amount) => `¥${Math.round(amount).toLocaleString('en-US')}`;
const money = (amount, lang) => (lang === 'en' ? yuan(amount) : wan(amount));
const ICONS = { met: '✓', missing: '✗', unknown: '?' };

/** Renders `ladder` (the match result's `ladder`) into `section`; hides the section when there is none. */
export function renderLadder(section, ladder, lang = 'zh') {
  if (!section) return;
  const s = STRINGS[lang] ?? STRINGS.zh;
  ensureStylesheet();
  section.classList.add('ladder');
  section.hidden = !ladder;
  if (!ladder) return setChildren(section);
  setChildren(
    section,
    h('h2', { id: 'ladder-heading' }, s.heading),
    ladder.steps.length === 0
      ? h('p', { class: 'ladder-empty' }, s.empty)
      : [
          h('p', { class: 'ladder-intro' }, s.intro),
          h(
            'ol',
            { class: 'ladder-path', 'aria-labelledby': 'ladder-heading' },
            ladder.steps.map((step, i) => stepItem(step, i + 1, s, lang)),
          ),
        ],
  );
}

function stepItem(step, n, s, lang) {
  const gaps = step.criteria.filter((c) => c.outcome === 'missing');
  const unknown = step.criteria.filter((c) => c.outcome === 'unknown');
  return h(
    'li',
    { class: `ladder-step ladder-${step.readiness}`, dataset: { qualification: step.qualification } },
    h(
      'div',
      { class: 'ladder-head' },
      h('span', { class: 'ladder-n' }, s.step(n)),
      h('strong', { class: 'ladder-title' }, step.title),
      h('span', { class: `ladder-badge ladder-badge-${step.readiness}` }, s[step.readiness]),
    ),
    gaps.length > 0
      ? h(
          'ul',
          { class: 'ladder-gaps' },
          gaps.map((c) => h('li', {}, c.gapText ?? c.label)),
        )
      : unknown.length > 0
        ? h('p', { class: 'ladder-gaps' }, s.fillIn(unknown.map((c) => c.label)))
        : null,
    h('p', { class: 'ladder-unlocks' }, s.unlocks(step.unlocks.length, step.unlockedValue)),
    details(step, s, lang),
  );
}

function details(step, s, lang) {
  return h(
    'details',
    { class: 'ladder-details' },
    h('summary', {}, s.details),
    h('h3', {}, s.criteria),
    h(
      'ul',
      { class: 'ladder-criteria' },
      step.criteria.map((c) =>
        h(
          'li',
          { class: `ladder-${c.outcome}` },
          h('span', { class: 'ladder-icon', 'aria-hidden': 'true' }, ICONS[c.outcome]),
          `${c.label} `,
          h('span', { class: 'ladder-outcome' }, lang === 'en' ? `(${s[c.outcome]})` : `（${s[c.outcome]}）`),
          h('cite', {}, `${c.citation.number}${c.citation.article ? ` ${c.citation.article}` : ''}`),
        ),
      ),
    ),
    step.unlocks.length > 0
      ? [
          h('h3', {}, s.unlockList),
          h(
            'ul',
            { class: 'ladder-unlock-list' },
            step.unlocks.map((u) =>
              h('li', {}, u.title, u.estimate ? ` — ${s.estimate} ${money(u.estimate, lang)}` : null),
            ),
          ),
        ]
      : null,
    step.notCheckable.length > 0
      ? [
          h('h3', {}, s.notCheckable),
          h(
            'ul',
            { class: 'ladder-not-checkable' },
            step.notCheckable.map((t) => h('li', {}, t)),
          ),
        ]
      : null,
    h('p', { class: 'ladder-rule' }, h('cite', {}, `${step.rule.number} ${step.rule.title}`)),
  );
}

/** The ladder's own stylesheet, linked once, so the page's stylesheet needs no change. */
function ensureStylesheet() {
  if (document.querySelector('link[data-ladder-css]')) return;
  document.head.append(h('link', { rel: 'stylesheet', href: 'ladder.css', dataset: { ladderCss: '1' } }));
}
