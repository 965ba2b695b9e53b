import { FACTS, FactValues } from '../facts/fact-registry';
import { NUMERIC_OPERATORS } from '../rules/operators';
import { Lang, NearMiss } from '../types';
import { LeafEvaluation } from './explain';

const PRECISION = 1e9;
const round = (x: number) => Math.round(x * PRECISION) / PRECISION;

/**
 * For an ineligible measure whose blocking failures are all numeric thresholds, how far each one is.
 * Returns [] when any blocking failure is not a plain threshold (no honest "how close" exists).
 */
export function nearMisses(blocking: LeafEvaluation[] | null, facts: FactValues, lang: Lang): NearMiss[] {
  if (!blocking || blocking.length === 0) return [];
  if (!blocking.every(isThreshold)) return [];
  return blocking.map((e) => describeGap(e, facts, lang));
}

function isThreshold(e: LeafEvaluation): boolean {
  return NUMERIC_OPERATORS.includes(e.leaf.operator) && typeof e.leaf.value === 'number' && typeof e.actual === 'number';
}

function describeGap(e: LeafEvaluation, facts: FactValues, lang: Lang): NearMiss {
  const actual = e.actual as number;
  const required = e.leaf.value as number;
  const upward = e.leaf.operator.startsWith('greaterThan');
  // Strict thresholds ("超过10%") are not met at the threshold itself: the gap may be 0, yet more is needed.
  const strict = !e.leaf.operator.endsWith('Inclusive');
  const gap = round(upward ? required - actual : actual - required);
  const miss: NearMiss = { fact: e.leaf.fact, actual, required, gap, hint: '' };
  if (e.leaf.fact === 'rdIntensity' && upward && typeof facts.revenue === 'number') {
    const needed = Math.round(required * facts.revenue * 1e6) / 1e6 - (facts.rdExpense as number);
    // For a strict threshold this is what reaches it; the hint says "more than".
    miss.extraAmount = Math.max(0, Math.ceil(needed));
  }
  miss.hint = hint(miss, upward, strict, lang);
  return miss;
}

function hint(m: NearMiss, upward: boolean, strict: boolean, lang: Lang): string {
  const fact = FACTS.get(m.fact)!;
  const name = lang === 'zh' ? fact.label.zh : fact.label.en;
  const target = m.fact === 'rdIntensity' ? formatPercent(m.required) : formatAmount(m.required, fact, lang);
  if (m.extraAmount !== undefined) {
    const amount = formatYuan(m.extraAmount, lang);
    if (!strict) return lang === 'zh' ? `研发费用再增加 ${amount}即可达到 ${target}` : `Spend ${amount} more on R&D to reach ${target}`;
    if (m.extraAmount === 0) {
      return lang === 'zh' ? `研发投入强度正好为 ${target}，须超过 ${target}` : `R&D intensity is exactly ${target}; it must exceed ${target}`;
    }
    return lang === 'zh' ? `研发费用须再增加 ${amount}以上才能超过 ${target}` : `Spend more than ${amount} extra on R&D to exceed ${target}`;
  }
  const amount = m.fact === 'rdIntensity' ? formatPercent(m.gap) : formatAmount(m.gap, fact, lang);
  if (lang === 'zh') {
    if (upward) return strict ? `${name}须超过 ${target}（现差 ${amount}）` : `${name}还差 ${amount}即可达到 ${target}`;
    return strict ? `${name}须低于 ${target}（现超出 ${amount}）` : `${name}须再减少 ${amount}才不超过 ${target}`;
  }
  if (upward) return strict ? `${name} must exceed ${target} (now ${amount} short)` : `${name}: ${amount} short of ${target}`;
  return strict ? `${name} must be below ${target} (now ${amount} over)` : `${name}: ${amount} over the limit of ${target}`;
}

function formatAmount(x: number, fact: { unit?: { zh: string; en: string } }, lang: Lang): string {
  if (fact.unit?.zh === '元') return formatYuan(x, lang);
  return `${x}${fact.unit ? ` ${fact.unit[lang]}` : ''}`;
}

/** 2000000 → "200 万元" / "2,000,000 yuan". */
export function formatYuan(amount: number, lang: Lang): string {
  if (lang === 'en') return `${amount.toLocaleString('en-US', { maximumFractionDigits: 2 })} yuan`;
  if (Math.abs(amount) >= 10_000) return `${(amount / 10_000).toLocaleString('zh-CN', { maximumFractionDigits: 4 })} 万元`;
  return `${amount.toLocaleString('zh-CN', { maximumFractionDigits: 2 })} 元`;
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 1e6) / 1e4}%`;
}
