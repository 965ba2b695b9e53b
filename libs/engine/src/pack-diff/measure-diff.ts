import { canonicalJson } from '../rules/rule-pack-loader';
import { Citation, Lang, Measure, MeasureKind, MeasureNature } from '../types';
import { diffConditions, words } from './condition-diff';
import { periodInWords } from './condition-words';
import { ChangeInWords } from './pack-diff.types';

const NATURE_WORDS: Record<MeasureNature, [string, string]> = {
  entitlement: ['依法享受', 'entitlement'],
  application: ['申报', 'application'],
  benchmark: ['对标', 'benchmark'],
  guidance: ['政策导向', 'guidance'],
};
const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** Every difference between two versions of one measure, in words: conditions, period, nature, citations, estimate. */
export function diffMeasure(a: Measure, b: Measure, lang: Lang): ChangeInWords[] {
  const out: ChangeInWords[] = [...diffConditions(a.conditions, b.conditions, lang)];
  if (!same(a.period, b.period)) {
    out.push(
      words(
        'period',
        lang,
        `执行期 ${periodInWords(a.period, 'zh')} → ${periodInWords(b.period, 'zh')}`,
        `Period ${periodInWords(a.period, 'en')} → ${periodInWords(b.period, 'en')}`,
        a.period,
        b.period,
      ),
    );
  }
  if (a.nature !== b.nature) {
    out.push(
      words(
        'nature',
        lang,
        `性质：${NATURE_WORDS[a.nature][0]} → ${NATURE_WORDS[b.nature][0]}`,
        `Nature: ${NATURE_WORDS[a.nature][1]} → ${NATURE_WORDS[b.nature][1]}`,
        a.nature,
        b.nature,
      ),
    );
  }
  if (a.kind !== b.kind) out.push(kindChange(a.kind, b.kind, lang));
  if ((a.national === true) !== (b.national === true)) {
    out.push(
      words(
        'national',
        lang,
        b.national ? '改为依据国家规则（不再随行动计划到期）' : '不再依据国家规则（随行动计划到期）',
        b.national
          ? 'Now rests on a national rule (no longer ends with the plan)'
          : 'No longer rests on a national rule (ends with the plan)',
        !!a.national,
        !!b.national,
      ),
    );
  }
  out.push(...diffCitations(a.citations, b.citations, lang), ...diffEstimate(a, b, lang), ...diffTexts(a, b, lang));
  return out;
}

function kindChange(a: MeasureKind, b: MeasureKind, lang: Lang): ChangeInWords {
  return words('kind', lang, `类型：${a} → ${b}`, `Kind: ${a} → ${b}`, a, b);
}

const citationKey = (c: Citation) =>
  c.role === 'clause'
    ? canonicalJson(['clause', c.documentId, c.section, c.quote])
    : canonicalJson(['basis', c.number, c.title]);
const citationWords = (c: Citation, lang: Lang) =>
  c.role === 'clause'
    ? `${c.documentId} ${c.section}${lang === 'zh' ? '：' : ': '}“${c.quote}”`
    : `${c.title}（${c.number}）`;

function diffCitations(a: Citation[], b: Citation[], lang: Lang): ChangeInWords[] {
  const before = new Map(a.map((c) => [citationKey(c), c]));
  const after = new Map(b.map((c) => [citationKey(c), c]));
  const out: ChangeInWords[] = [];
  for (const [key, c] of before) {
    if (!after.has(key))
      out.push(
        words(
          'citation',
          lang,
          `删除引用：${citationWords(c, 'zh')}`,
          `Citation removed: ${citationWords(c, 'en')}`,
          c,
          undefined,
        ),
      );
    else if (!same(c, after.get(key))) {
      out.push(
        words(
          'citation',
          lang,
          `引用有改动：${citationWords(c, 'zh')}`,
          `Citation amended: ${citationWords(c, 'en')}`,
          c,
          after.get(key),
        ),
      );
    }
  }
  for (const [key, c] of after) {
    if (!before.has(key))
      out.push(
        words(
          'citation',
          lang,
          `新增引用：${citationWords(c, 'zh')}`,
          `Citation added: ${citationWords(c, 'en')}`,
          undefined,
          c,
        ),
      );
  }
  return out;
}

function diffEstimate(a: Measure, b: Measure, lang: Lang): ChangeInWords[] {
  if (same(a.estimate, b.estimate)) return [];
  if (!a.estimate || !b.estimate || a.estimate.formula !== b.estimate.formula) {
    const name = (m: Measure) => m.estimate?.formula ?? (lang === 'zh' ? '无' : 'none');
    return [
      words(
        'estimate',
        lang,
        `估算公式：${name(a)} → ${name(b)}`,
        `Estimate formula: ${name(a)} → ${name(b)}`,
        a.estimate,
        b.estimate,
      ),
    ];
  }
  const keys = [...new Set([...Object.keys(a.estimate), ...Object.keys(b.estimate)])].filter(
    (k) => !same(a.estimate![k], b.estimate![k]),
  );
  return keys.map((k) => {
    const v = (x: unknown) => (x === undefined ? '—' : JSON.stringify(x));
    return words(
      'estimate',
      lang,
      `估算参数 ${k}：${v(a.estimate![k])} → ${v(b.estimate![k])}`,
      `Estimate parameter ${k}: ${v(a.estimate![k])} → ${v(b.estimate![k])}`,
      a.estimate![k],
      b.estimate![k],
    );
  });
}

const TEXT_FIELDS: [keyof Measure, string, string][] = [
  ['title', '标题', 'Title'],
  ['benefit', '支持内容', 'Benefit'],
  ['departments', '责任部门', 'Departments'],
  ['notCheckable', '需人工核实事项', 'Criteria checked by hand'],
  ['howToApply', '申报方式', 'How to apply'],
];

function diffTexts(a: Measure, b: Measure, lang: Lang): ChangeInWords[] {
  return TEXT_FIELDS.filter(([k]) => !same(a[k], b[k])).map(([k, zh, en]) => {
    const pick = (m: Measure) => (k === 'title' || k === 'benefit' ? m[k][lang] : undefined);
    return words('text', lang, `${zh}已修改`, `${en} changed`, pick(a), pick(b));
  });
}
