import { buildFacts } from '../facts/fact-registry';
import { EnterpriseProfile } from '../profile/profile';
import { computeEstimate, estimateAmount, estimateSpecProblems } from './estimate';

const SUPER = {
  formula: 'rd-super-deduction',
  rates: [{ from: '2023-01-01', to: null, rate: 1, basis: '财政部 税务总局公告2023年第7号' }],
  standardRate: 0.25,
  highTechRate: 0.15,
};
const facts = (p: EnterpriseProfile) => buildFacts(p);

describe(computeEstimate.name, () => {
  it('R&D super-deduction: extra deduction × 25% for an ordinary enterprise, with the numbers in words', () => {
    const e = computeEstimate(SUPER, facts({ rdExpense: 8_000_000, qualifications: [] }), 2025, 'zh')!;
    expect(e.amount).toBe(2_000_000);
    expect(e.text).toBe(
      '研发费用 800 万元 × 加计扣除比例 100% = 多扣除 800 万元 × 企业所得税税率 25% ≈ 少缴税 200 万元',
    );
    expect(e.assumptions.join()).toContain('财政部 税务总局公告2023年第7号');
  });

  it('R&D super-deduction: × 15% for a high-tech enterprise, limited by its taxable income when given', () => {
    expect(
      computeEstimate(SUPER, facts({ rdExpense: 8_000_000, qualifications: ['high-tech-enterprise'] }), 2025, 'en')!
        .amount,
    ).toBe(1_200_000);
    const capped = computeEstimate(
      SUPER,
      facts({ rdExpense: 8_000_000, qualifications: ['high-tech-enterprise'], taxableIncome: 3_000_000 }),
      2025,
      'en',
    )!;
    expect(capped.amount).toBe(450_000);
    expect(capped.text).toContain('limited to taxable income');
  });

  it('R&D super-deduction: no estimate for a year no dated rate covers, nor with qualifications unknown', () => {
    expect(computeEstimate(SUPER, facts({ rdExpense: 8_000_000, qualifications: [] }), 2022, 'zh')).toBeUndefined();
    expect(computeEstimate(SUPER, facts({ rdExpense: 8_000_000 }), 2025, 'zh')).toBeUndefined();
  });

  it('15% rate: taxable income × 10%', () => {
    const spec = { formula: 'high-tech-rate', standardRate: 0.25, reducedRate: 0.15 };
    expect(computeEstimate(spec, facts({ taxableIncome: 30_000_000 }), 2025, 'zh')!.amount).toBe(3_000_000);
    expect(computeEstimate(spec, facts({}), 2025, 'zh')).toBeUndefined();
  });

  it('technology transfer: 25% on the first 5,000,000 元, half of that on the rest', () => {
    const spec = { formula: 'tech-transfer-exemption', exemptUpTo: 5_000_000, rate: 0.25 };
    expect(computeEstimate(spec, facts({ techTransferIncome: 3_000_000 }), 2025, 'zh')!.amount).toBe(750_000);
    expect(computeEstimate(spec, facts({ techTransferIncome: 8_000_000 }), 2025, 'zh')!.amount).toBe(
      1_250_000 + 375_000,
    );
  });

  it('VAT refund: purchases including VAT × 13/113', () => {
    const e = computeEstimate(
      { formula: 'vat-refund', vatRate: 0.13 },
      facts({ domesticInstrumentPurchases: 1_130_000 }),
      2025,
      'zh',
    )!;
    expect(e.amount).toBe(130_000);
    expect(e.text).toBe('采购额 113 万元（含税）× 13/113 ≈ 退还增值税 13 万元');
  });

  it('首台（套） premium subsidy: contract value × premium rate cap × subsidy share', () => {
    const spec = { formula: 'first-set-premium-subsidy', premiumRateCap: 0.03, subsidyShare: 0.8 };
    expect(computeEstimate(spec, facts({ firstSetContractValue: 50_000_000 }), 2025, 'zh')!.amount).toBe(1_200_000);
  });

  it('the amount alone equals the amount of the worded estimate', () => {
    const p = facts({ rdExpense: 7_654_321, qualifications: ['high-tech-enterprise'], taxableIncome: 5_000_000 });
    expect(estimateAmount(SUPER, p, 2025)).toBe(computeEstimate(SUPER, p, 2025, 'zh')!.amount);
  });
});

describe(estimateSpecProblems.name, () => {
  it('names an unknown formula and bad parameters', () => {
    expect(estimateSpecProblems({ formula: 'magic' })[0]).toContain('estimate.formula "magic" is not one of');
    expect(estimateSpecProblems({ formula: 'vat-refund', vatRate: 13 })).toEqual([
      'estimate.vatRate must be a rate between 0 and 1',
    ]);
    expect(estimateSpecProblems({ ...SUPER, rates: [] })).toEqual(['estimate.rates must list {from, to, rate, basis}']);
    expect(estimateSpecProblems(SUPER)).toEqual([]);
  });
});
