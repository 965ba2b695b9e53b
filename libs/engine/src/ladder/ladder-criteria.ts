import { FactValues } from '../facts/fact-registry';
import { QUALIFICATION_LABELS } from '../profile/profile-enums';
import { localeNumber } from '../evaluator/near-miss';
import { Lang } from '../types';
import { CriterionTest, LadderCriterion, LadderRule, RdBand } from './ladder-steps';
import { CriterionOutcome, LadderCitation, LadderCriterionResult } from '../types';

type Verdict = Pick<LadderCriterionResult, 'outcome' | 'actual' | 'required' | 'gap' | 'extraAmount' | 'gapText'>;

const SME_SIZES = ['medium', 'small', 'micro'];
const PRECISION = 1e9;
const round = (x: number) => Math.round(x * PRECISION) / PRECISION;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Evaluates one criterion of the ladder table on a firm's facts: met, missing, or unknown when a figure is absent. */
export function evaluateCriterion(
  criterion: LadderCriterion,
  versionRule: LadderRule,
  facts: FactValues,
  lang: Lang,
): LadderCriterionResult {
  const verdict = judge(criterion.test, facts, lang);
  return {
    id: criterion.id,
    label: criterion.label[lang],
    ...verdict,
    citation: citationOf(criterion.rule ?? versionRule),
  };
}

export function citationOf(rule: LadderRule): LadderCitation {
  return {
    number: rule.number,
    title: rule.title,
    period: rule.period,
    ...(rule.article ? { article: rule.article } : {}),
  };
}

function judge(test: CriterionTest, facts: FactValues, lang: Lang): Verdict {
  switch (test.kind) {
    case 'isEnterprise':
      return known(facts.entityType, (v) => v === 'enterprise');
    case 'isSme':
      return known(facts.enterpriseSize, (v) => SME_SIZES.includes(v as string));
    case 'holds': {
      const held = (facts.qualifications as string[] | undefined) ?? [];
      if (held.includes(test.qualification)) return { outcome: 'met' };
      const name = QUALIFICATION_LABELS[test.qualification][lang];
      return { outcome: 'missing', gapText: lang === 'zh' ? `须先取得${name}认定` : `First obtain: ${name}` };
    }
    case 'atMost':
      return ceiling(num(facts[test.fact]), test.value, test.fact, lang);
    case 'atLeast':
      return floor(num(facts[test.fact]), test.value, test.fact, lang);
    case 'rdIntensityAtLeast':
      return intensityFloor(facts, test.value, lang);
    case 'rdBands':
      return rdBand(facts, test.bands, lang);
  }
}

function known(value: unknown, ok: (v: unknown) => boolean): Verdict {
  if (value === undefined) return { outcome: 'unknown' };
  return { outcome: ok(value) ? 'met' : 'missing', actual: value as string };
}

function ceiling(actual: number | undefined, max: number, fact: string, lang: Lang): Verdict {
  if (actual === undefined) return { outcome: 'unknown' };
  if (actual <= max) return { outcome: 'met', actual, required: max };
  const over = round(actual - max);
  const amount = fact === 'employees' ? peopleText(over, lang) : yuanText(over, lang);
  const gapText = lang === 'zh' ? `超出上限 ${amount}` : `${amount} over the limit`;
  return { outcome: 'missing', actual, required: max, gap: over, gapText };
}

function floor(actual: number | undefined, min: number, fact: string, lang: Lang): Verdict {
  if (actual === undefined) return { outcome: 'unknown' };
  if (actual >= min) return { outcome: 'met', actual, required: min };
  const gap = round(min - actual);
  const name = FACT_NAMES[fact]?.[lang] ?? fact;
  const gapText = lang === 'zh' ? `${name}还差 ${yuanText(gap, lang)}` : `${name} ${yuanText(gap, lang)} short`;
  return { outcome: 'missing', actual, required: min, gap, gapText };
}

function intensityFloor(facts: FactValues, min: number, lang: Lang): Verdict {
  const intensity = num(facts.rdIntensity);
  const revenue = num(facts.revenue);
  if (intensity === undefined || revenue === undefined) return { outcome: 'unknown' };
  if (intensity >= min) return { outcome: 'met', actual: intensity, required: min };
  const gap = round(min - intensity);
  const extraAmount = Math.max(0, Math.ceil(Math.round(min * revenue * 1e6) / 1e6 - (num(facts.rdExpense) ?? 0)));
  const points = Math.round(gap * 1e4) / 100;
  const gapText =
    lang === 'zh'
      ? `研发费用占比还差 ${points} 个百分点，约 ${yuanText(extraAmount, lang)}`
      : `R&D intensity is ${points} percentage points short, about ${yuanText(extraAmount, lang)}`;
  return { outcome: 'missing', actual: intensity, required: min, gap, extraAmount, gapText };
}

/** The band the firm's revenue falls in decides the test; unknown revenue leaves the band, and so the test, unknown. */
function rdBand(facts: FactValues, bands: RdBand[], lang: Lang): Verdict {
  const revenue = num(facts.revenue);
  if (revenue === undefined) return { outcome: 'unknown' };
  const band = bands.find(
    (b) => b.revenueMax === null || (b.inclusive ? revenue <= b.revenueMax : revenue < b.revenueMax),
  )!;
  if (band.minIntensity !== undefined) return intensityFloor(facts, band.minIntensity, lang);
  return floor(num(facts.rdExpense), band.minRdExpense!, 'rdExpense', lang);
}

const FACT_NAMES: Partial<Record<string, { zh: string; en: string }>> = {
  rdExpense: { zh: '研发费用', en: 'R&D expense' },
  revenue: { zh: '营业收入', en: 'Revenue' },
};

/** 600000 → "¥60 万元" / "¥600,000". */
export function yuanText(amount: number, lang: Lang): string {
  if (lang === 'en') return `¥${localeNumber(Math.round(amount), 'en-US')}`;
  if (Math.abs(amount) >= 10_000) return `¥${localeNumber(amount / 10_000, 'zh-CN', 2)} 万元`;
  return `¥${localeNumber(Math.round(amount), 'zh-CN')} 元`;
}

function peopleText(n: number, lang: Lang): string {
  return lang === 'zh' ? `${n} 人` : `${n} employees`;
}

export function readinessOf(outcomes: CriterionOutcome[]): 'ready' | 'gaps' | 'needs-info' {
  if (outcomes.includes('missing')) return 'gaps';
  return outcomes.includes('unknown') ? 'needs-info' : 'ready';
}
