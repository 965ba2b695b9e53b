import type { FactValues } from '../facts/fact-registry';
import type { ProfileField } from '../profile/profile-fields';
import { Estimate, Lang } from '../types';
import { formatPercent, formatYuan } from '../evaluator/near-miss';

/** What a formula sees besides the facts. */
export interface EstimateContext {
  fiscalYear: number;
  lang: Lang;
}

/**
 * One estimate formula: the clause or its basis gives it; its rates and caps are parameters in the measure file
 * (so a scenario can change them), checked by the loader with `paramProblems`.
 */
export interface EstimateFormula {
  id: string;
  /** Profile fields the formula reads; any of them unknown → no estimate. */
  inputs: readonly ProfileField[];
  paramProblems(params: Record<string, unknown>): string[];
  /** The estimate with its words; null when the parameters give nothing for this year. */
  compute(facts: FactValues, params: Record<string, unknown>, ctx: EstimateContext): Estimate | null;
  /** The amount alone (batch screening, the sandbox): no words built. Must equal `compute(…).amount`. */
  amount(facts: FactValues, params: Record<string, unknown>, fiscalYear: number): number | null;
}

const t = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const yuan = formatYuan;
const pct = formatPercent;
const rate = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;
const num = (facts: FactValues, f: string) => facts[f] as number;
const amountOf = (x: number) => Math.round(x);
const requireRates = (p: Record<string, unknown>, names: string[]) =>
  names.filter((n) => !rate(p[n])).map((n) => `estimate.${n} must be a rate between 0 and 1`);

/** Enterprise income tax rate for the estimate: 15% for a 高新技术企业 (企业所得税法 第二十八条), else 25%. */
function incomeTaxRate(facts: FactValues, p: Record<string, unknown>): number {
  const q = facts.qualifications as string[];
  return q.includes('high-tech-enterprise') ? (p.highTechRate as number) : (p.standardRate as number);
}

interface DatedRate {
  from: string;
  to: string | null;
  rate: number;
  basis: string;
}

function datedRateProblems(value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0) return ['estimate.rates must list {from, to, rate, basis}'];
  return value.flatMap((r: Record<string, unknown>, i) => {
    const ok =
      typeof r.from === 'string' &&
      (r.to === null || typeof r.to === 'string') &&
      typeof r.rate === 'number' &&
      r.rate >= 0 &&
      r.rate <= 5 &&
      typeof r.basis === 'string' &&
      r.basis.length > 0;
    return ok ? [] : [`estimate.rates[${i}] must be {from, to (or null), rate (0–5), basis}`];
  });
}

/** The rate for the figures year: the dated rate in force on the year's last day (annual settlement). */
function rateForYear(rates: DatedRate[], year: number): DatedRate | undefined {
  const day = `${year}-12-31`;
  return rates.find((r) => r.from <= day && (r.to === null || r.to >= day));
}

function superDeduction(facts: FactValues, p: Record<string, unknown>, fiscalYear: number) {
  const dated = rateForYear(p.rates as DatedRate[], fiscalYear);
  if (!dated) return null;
  const rd = num(facts, 'rdExpense');
  const extra = rd * dated.rate;
  const taxRate = incomeTaxRate(facts, p);
  const taxable = facts.taxableIncome as number | undefined;
  const deductible = taxable === undefined ? extra : Math.min(extra, taxable);
  return { dated, rd, extra, taxRate, taxable, capped: deductible < extra, amount: amountOf(deductible * taxRate) };
}

const rdSuperDeduction: EstimateFormula = {
  id: 'rd-super-deduction',
  inputs: ['rdExpense', 'qualifications'],
  paramProblems: (p) => [...datedRateProblems(p.rates), ...requireRates(p, ['standardRate', 'highTechRate'])],
  amount: (facts, p, fiscalYear) => superDeduction(facts, p, fiscalYear)?.amount ?? null,
  compute(facts, p, { fiscalYear, lang }) {
    const v = superDeduction(facts, p, fiscalYear);
    if (!v) return null;
    const { dated, rd, extra, taxRate, taxable, capped, amount } = v;
    const text = t(
      lang,
      `研发费用 ${yuan(rd, lang)} × 加计扣除比例 ${pct(dated.rate)} = 多扣除 ${yuan(extra, lang)}` +
        `${capped ? `（以应纳税所得额 ${yuan(taxable!, lang)} 为限）` : ''} × 企业所得税税率 ${pct(taxRate)} ≈ 少缴税 ${yuan(amount, lang)}`,
      `R&D expense ${yuan(rd, lang)} × super-deduction ${pct(dated.rate)} = extra deduction ${yuan(extra, lang)}` +
        `${capped ? ` (limited to taxable income ${yuan(taxable!, lang)})` : ''} × income tax rate ${pct(taxRate)} ≈ ${yuan(amount, lang)} less tax`,
    );
    return {
      amount,
      text,
      assumptions: [
        t(
          lang,
          `${fiscalYear} 年度加计扣除比例 ${pct(dated.rate)}（${dated.basis}）`,
          `Super-deduction of ${pct(dated.rate)} for ${fiscalYear} (${dated.basis})`,
        ),
        t(
          lang,
          '研发费用全部为可加计扣除的费用化支出；形成无形资产的按成本摊销，逐年计算',
          'All R&D expense is eligible and expensed; capitalised R&D is amortised over years instead',
        ),
        taxable === undefined
          ? t(
              lang,
              '假设应纳税所得额足以抵扣；不足部分形成亏损，可向以后年度结转',
              'Assumes enough taxable income; any excess becomes a loss carried forward',
            )
          : t(
              lang,
              '超出应纳税所得额的部分形成亏损，可向以后年度结转（未计入本估算）',
              'Any excess over taxable income becomes a loss carried forward (not in this estimate)',
            ),
        t(
          lang,
          `企业所得税税率按 ${pct(taxRate)} 计算（高新技术企业 15%，其他 25%）`,
          `Income tax at ${pct(taxRate)} (15% for high-tech enterprises, else 25%)`,
        ),
      ],
    };
  },
};

const highTechSaving = (facts: FactValues, p: Record<string, unknown>) =>
  amountOf(num(facts, 'taxableIncome') * ((p.standardRate as number) - (p.reducedRate as number)));

const highTechRate: EstimateFormula = {
  id: 'high-tech-rate',
  inputs: ['taxableIncome'],
  paramProblems: (p) => requireRates(p, ['standardRate', 'reducedRate']),
  amount: (facts, p) => highTechSaving(facts, p),
  compute(facts, p, { lang }) {
    const income = num(facts, 'taxableIncome');
    const amount = highTechSaving(facts, p);
    return {
      amount,
      text: t(
        lang,
        `应纳税所得额 ${yuan(income, lang)} × （${pct(p.standardRate as number)} − ${pct(p.reducedRate as number)}）≈ 少缴税 ${yuan(amount, lang)}`,
        `Taxable income ${yuan(income, lang)} × (${pct(p.standardRate as number)} − ${pct(p.reducedRate as number)}) ≈ ${yuan(amount, lang)} less tax`,
      ),
      assumptions: [
        t(
          lang,
          '高新技术企业证书在有效期内，且当年仍符合认定条件',
          'The high-tech certificate is valid and the firm still meets the criteria this year',
        ),
        t(
          lang,
          '未同时享受其他税率式优惠（不可叠加）',
          'No other reduced-rate preference is taken at the same time (they do not stack)',
        ),
      ],
    };
  },
};

function transferRelief(facts: FactValues, p: Record<string, unknown>) {
  const income = num(facts, 'techTransferIncome');
  const cap = p.exemptUpTo as number;
  const r = p.rate as number;
  const exempt = Math.min(income, cap);
  const halved = Math.max(0, income - cap);
  return { cap, r, exempt, halved, amount: amountOf(exempt * r + (halved * r) / 2) };
}

const techTransferExemption: EstimateFormula = {
  id: 'tech-transfer-exemption',
  inputs: ['techTransferIncome'],
  paramProblems: (p) => [
    ...requireRates(p, ['rate']),
    ...(typeof p.exemptUpTo === 'number' && p.exemptUpTo > 0
      ? []
      : ['estimate.exemptUpTo must be a positive amount in 元']),
  ],
  amount: (facts, p) => transferRelief(facts, p).amount,
  compute(facts, p, { lang }) {
    const { cap, r, exempt, halved, amount } = transferRelief(facts, p);
    const rest = halved > 0;
    return {
      amount,
      text: t(
        lang,
        `技术转让所得 ${yuan(exempt, lang)} 免税 × ${pct(r)}${rest ? ` + 超过 ${yuan(cap, lang)} 的 ${yuan(halved, lang)} 减半 × ${pct(r / 2)}` : ''} ≈ 少缴税 ${yuan(amount, lang)}`,
        `Exempt transfer income ${yuan(exempt, lang)} × ${pct(r)}${rest ? ` + ${yuan(halved, lang)} above ${yuan(cap, lang)} at half, × ${pct(r / 2)}` : ''} ≈ ${yuan(amount, lang)} less tax`,
      ),
      assumptions: [
        t(
          lang,
          '技术转让所得 = 技术转让收入 − 技术转让成本 − 相关税费，已单独核算',
          'Transfer income = transfer revenue − cost − related taxes, accounted for separately',
        ),
        t(lang, `按法定税率 ${pct(r)} 计算`, `At the statutory rate of ${pct(r)}`),
      ],
    };
  },
};

const vatRefund: EstimateFormula = {
  id: 'vat-refund',
  inputs: ['domesticInstrumentPurchases'],
  paramProblems: (p) => requireRates(p, ['vatRate']),
  amount: (facts, p) =>
    amountOf((num(facts, 'domesticInstrumentPurchases') * (p.vatRate as number)) / (1 + (p.vatRate as number))),
  compute(facts, p, { lang }) {
    const purchases = num(facts, 'domesticInstrumentPurchases');
    const r = p.vatRate as number;
    const amount = amountOf((purchases * r) / (1 + r));
    const n = Math.round(r * 100);
    return {
      amount,
      text: t(
        lang,
        `采购额 ${yuan(purchases, lang)}（含税）× ${n}/${100 + n} ≈ 退还增值税 ${yuan(amount, lang)}`,
        `Purchases ${yuan(purchases, lang)} (VAT included) × ${n}/${100 + n} ≈ ${yuan(amount, lang)} VAT refunded`,
      ),
      assumptions: [
        t(lang, `采购额为含增值税价款，税率 ${pct(r)}`, `Purchases include VAT at ${pct(r)}`),
        t(
          lang,
          '所购设备均在国产设备清单内，并取得增值税专用发票',
          'All equipment is on the domestic-equipment list and bought against special VAT invoices',
        ),
      ],
    };
  },
};

const firstSetPremiumSubsidy: EstimateFormula = {
  id: 'first-set-premium-subsidy',
  inputs: ['firstSetContractValue'],
  paramProblems: (p) => requireRates(p, ['premiumRateCap', 'subsidyShare']),
  amount: (facts, p) =>
    amountOf(num(facts, 'firstSetContractValue') * (p.premiumRateCap as number) * (p.subsidyShare as number)),
  compute(facts, p, { lang }) {
    const value = num(facts, 'firstSetContractValue');
    const cap = p.premiumRateCap as number;
    const share = p.subsidyShare as number;
    const amount = amountOf(value * cap * share);
    return {
      amount,
      text: t(
        lang,
        `合同金额 ${yuan(value, lang)} × 保险费率上限 ${pct(cap)} × 补贴比例 ${pct(share)} ≈ 保费补贴最高 ${yuan(amount, lang)}`,
        `Contract value ${yuan(value, lang)} × premium rate cap ${pct(cap)} × subsidy share ${pct(share)} ≈ at most ${yuan(amount, lang)}`,
      ),
      assumptions: [
        t(
          lang,
          '投保金额按合同金额计；实际费率更低时补贴相应减少',
          'The insured amount equals the contract value; a lower premium rate gives a smaller subsidy',
        ),
        t(
          lang,
          '产品在指导目录内、投保险种符合规定，补贴以主管部门审核为准',
          'The product is in the catalogue and the policy qualifies; the subsidy is set on review',
        ),
      ],
    };
  },
};

export const ESTIMATE_FORMULAS: ReadonlyMap<string, EstimateFormula> = new Map(
  [rdSuperDeduction, highTechRate, techTransferExemption, vatRefund, firstSetPremiumSubsidy].map((f) => [f.id, f]),
);
