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
  const gap = round(upward ? required - actual : actual - required);
  const miss: NearMiss = { fact: e.leaf.fact, actual, required, gap, hint: '' };
  if (e.leaf.fact === 'rdIntensity' && upward && typeof facts.revenue === 'number') {
    const needed = Math.round(required * facts.revenue * 1e6) / 1e6;
    miss.extraAmount = Math.ceil(needed - (facts.rdExpense as number));
  }
  miss.hint = hint(miss, upward, lang);
  return miss;
}

function hint(m: NearMiss, upward: boolean, lang: Lang): string {
  const fact = FACTS.get(m.fact)!;
  const name = lang === 'zh' ? fact.label.zh : fact.label.en;
  if (m.extraAmount !== undefined) {
    return lang === 'zh'
      ? `研发费用再增加 ${formatYuan(m.extraAmount, 'zh')}即可达到 ${formatPercent(m.required)}`
      : `Spend ${formatYuan(m.extraAmount, 'en')} more on R&D to reach ${formatPercent(m.required)}`;
  }
  const isMoney = fact.unit?.zh === '元';
  const amount = m.fact === 'rdIntensity' ? formatPercent(m.gap) : isMoney ? formatYuan(m.gap, lang) : `${m.gap}${fact.unit ? (lang === 'zh' ? ` ${fact.unit.zh}` : ` ${fact.unit.en}`) : ''}`;
  if (lang === 'zh') return upward ? `${name}还差 ${amount}` : `${name}须再减少 ${amount}`;
  return upward ? `${name}: ${amount} short of the threshold` : `${name}: ${amount} above the limit`;
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
