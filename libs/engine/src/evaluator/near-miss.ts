import { FACTS, FactValues } from '../facts/fact-registry';
import { Lang, NearMiss } from '../types';
import { LeafEvaluation } from './explain';

const PRECISION = 1e9;
const round = (x: number) => Math.round(x * PRECISION) / PRECISION;

/** CONTRACT §2: a near miss is at most this share of the required value away. */
export const NEAR_MISS_REACH = 0.3;
/** Lower bounds only (≥, >): a firm can grow into a floor, while a ceiling is not a goal to aim for. */
export const LOWER_BOUND_OPERATORS: readonly string[] = ['greaterThan', 'greaterThanInclusive'];

/**
 * Whether `actual` is within reach of a lower bound `required`: the gap is at most 30% of the required value.
 * The one definition, used by the explainer and by the generated batch code (passed in as a constant).
 */
export function withinNearMissReach(actual: number, required: number): boolean {
  return required > 0 && round(required - actual) <= round(NEAR_MISS_REACH * required);
}

/**
 * For an ineligible measure whose blocking failures are all lower-bound numeric thresholds within reach, how far
 * each one is. Returns [] when any blocking failure is something else: no honest "how close" exists then.
 */
export function nearMisses(blocking: LeafEvaluation[] | null, facts: FactValues, lang: Lang): NearMiss[] {
  if (!blocking || blocking.length === 0) return [];
  if (!blocking.every(isReachableFloor)) return [];
  return blocking.map((e) => describeGap(e, facts, lang));
}

function isReachableFloor(e: LeafEvaluation): boolean {
  return (
    LOWER_BOUND_OPERATORS.includes(e.leaf.operator) &&
    typeof e.leaf.value === 'number' &&
    typeof e.actual === 'number' &&
    withinNearMissReach(e.actual, e.leaf.value)
  );
}

function describeGap(e: LeafEvaluation, facts: FactValues, lang: Lang): NearMiss {
  const actual = e.actual as number;
  const required = e.leaf.value as number;
  // Strict thresholds ("超过10%") are not met at the threshold itself: the gap may be 0, yet more is needed.
  const strict = !e.leaf.operator.endsWith('Inclusive');
  const gap = round(required - actual);
  const miss: NearMiss = { fact: e.leaf.fact, actual, required, gap, hint: '' };
  if (e.leaf.fact === 'rdIntensity' && typeof facts.revenue === 'number') {
    const needed = Math.round(required * facts.revenue * 1e6) / 1e6 - (facts.rdExpense as number);
    // For a strict threshold this is what reaches it; the hint says "more than".
    miss.extraAmount = Math.max(0, Math.ceil(needed));
  }
  miss.hint = hint(miss, strict, lang);
  return miss;
}

function hint(m: NearMiss, strict: boolean, lang: Lang): string {
  const fact = FACTS.get(m.fact)!;
  const name = lang === 'zh' ? fact.label.zh : fact.label.en;
  const target = m.fact === 'rdIntensity' ? formatPercent(m.required) : formatAmount(m.required, fact, lang);
  if (m.extraAmount !== undefined) {
    const amount = formatYuan(m.extraAmount, lang);
    if (!strict)
      return lang === 'zh'
        ? `研发费用再增加 ${amount}即可达到 ${target}`
        : `Spend ${amount} more on R&D to reach ${target}`;
    if (m.extraAmount === 0) {
      return lang === 'zh'
        ? `研发投入强度正好为 ${target}，须超过 ${target}`
        : `R&D intensity is exactly ${target}; it must exceed ${target}`;
    }
    return lang === 'zh'
      ? `研发费用须再增加 ${amount}以上才能超过 ${target}`
      : `Spend more than ${amount} extra on R&D to exceed ${target}`;
  }
  const amount = m.fact === 'rdIntensity' ? formatPercent(m.gap) : formatAmount(m.gap, fact, lang);
  if (lang === 'zh')
    return strict ? `${name}须超过 ${target}（现差 ${amount}）` : `${name}还差 ${amount}即可达到 ${target}`;
  return strict ? `${name} must exceed ${target} (now ${amount} short)` : `${name}: ${amount} short of ${target}`;
}

function formatAmount(x: number, fact: { unit?: { zh: string; en: string } }, lang: Lang): string {
  if (fact.unit?.zh === '元') return formatYuan(x, lang);
  return `${x}${fact.unit ? ` ${fact.unit[lang]}` : ''}`;
}

const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

/**
 * `x.toLocaleString(locale, { maximumFractionDigits })` — the same text (ECMA-402 defines toLocaleString as this
 * formatter's format) — with the formatter made once: toLocaleString builds one per call, which was 6-8% of
 * POST /api/match's CPU (near misses, estimates and the ladder word amounts).
 */
export function localeNumber(x: number, locale: 'en-US' | 'zh-CN', maximumFractionDigits?: number): string {
  const key = `${locale} ${maximumFractionDigits}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, maximumFractionDigits === undefined ? {} : { maximumFractionDigits });
    NUMBER_FORMATS.set(key, format);
  }
  return format.format(x);
}

/** 2000000 → "200 万元" / "2,000,000 yuan". */
export function formatYuan(amount: number, lang: Lang): string {
  if (lang === 'en') return `${localeNumber(amount, 'en-US', 2)} yuan`;
  if (Math.abs(amount) >= 10_000) return `${localeNumber(amount / 10_000, 'zh-CN', 4)} 万元`;
  return `${localeNumber(amount, 'zh-CN', 2)} 元`;
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 1e6) / 1e4}%`;
}
