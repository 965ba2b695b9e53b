import { EnterpriseProfile } from '../profile/profile';
import { LeafCondition, Measure, PolicyDocument } from '../types';
import { compilePack } from './compiled-pack';
import { matchProfile } from './match';

const PLAN: PolicyDocument = {
  id: 'plan',
  title: '行动计划',
  titleEn: 'Plan',
  number: null,
  issuers: ['省科技厅'],
  issueDate: '2020-09-29',
  period: { from: '2021-01-01', to: '2025-12-31' },
  status: 'in-force',
  source: 'seed',
  text: '落实国家税收优惠政策。',
};
const leaf = (fact: string, operator: string, value: unknown): LeafCondition => ({
  fact,
  operator,
  value,
  label: { zh: fact, en: fact },
});
const measure = (id: string, over: Partial<Measure>): Measure => ({
  id,
  title: { zh: id, en: id },
  kind: 'subsidy',
  nature: 'application',
  benefit: { zh: '补助', en: 'Grant' },
  departments: [],
  citations: [{ role: 'clause', documentId: 'plan', section: '一', quote: '落实国家税收优惠政策' }],
  period: PLAN.period,
  conditions: { all: [leaf('inGuangdong', 'equal', true)] },
  notCheckable: [],
  ...over,
});
const MEASURES: Measure[] = [
  measure('rate', {
    kind: 'tax-incentive',
    nature: 'entitlement',
    national: true,
    period: { from: '2008-01-01', to: null },
    citations: [
      { role: 'clause', documentId: 'plan', section: '一', quote: '落实国家税收优惠政策' },
      { role: 'basis', title: '企业所得税法', number: '主席令第63号', period: null, quote: '' },
    ],
    conditions: {
      all: [leaf('inGuangdong', 'equal', true), leaf('qualifications', 'contains', 'high-tech-enterprise')],
    },
    estimate: { formula: 'high-tech-rate', standardRate: 0.25, reducedRate: 0.15 },
    howToApply: {
      department: { zh: '主管税务机关', en: 'Tax office' },
      channel: { zh: '纳税申报', en: 'Tax return' },
      window: { zh: '汇算清缴', en: 'Annual settlement' },
      source: '企业所得税法',
    },
  }),
  measure('grant', {
    conditions: { all: [leaf('inGuangdong', 'equal', true), leaf('employees', 'greaterThanInclusive', 100)] },
  }),
  measure('target', {
    kind: 'benchmark',
    nature: 'benchmark',
    conditions: { all: [leaf('rdIntensity', 'greaterThanInclusive', 0.06)] },
  }),
  measure('goal', {
    kind: 'other',
    nature: 'guidance',
    conditions: { all: [leaf('revenue', 'greaterThanInclusive', 1e9)] },
  }),
  measure('sme', { conditions: { all: [leaf('employees', 'lessThanInclusive', 70)] } }), // 80 is within 30% of 70, but a ceiling
];
const compiled = compilePack({
  version: 'test',
  documents: [PLAN],
  measures: MEASURES,
  measureVersions: {},
});
const byId = (r: ReturnType<typeof matchProfile>) => new Map(r.results.map((x) => [x.measureId, x]));

describe(matchProfile.name, () => {
  const firm: EnterpriseProfile = {
    city: 'shenzhen',
    qualifications: ['high-tech-enterprise'],
    employees: 80,
    revenue: 9e8,
    rdExpense: 5e7,
    taxableIncome: 2e7,
  };

  it('inside the plan: counts only in-force entitlements and applications, benchmarks and guidance apart', () => {
    const r = matchProfile(compiled, firm, { asOf: '2025-06-30' });
    expect(r.asOf).toBe('2025-06-30');
    expect(r.fiscalYear).toBe(2024);
    // rate eligible; grant a near miss (80 of 100); sme ineligible (a ceiling, no near miss); target and goal apart
    expect(r.summary).toEqual({
      eligible: 1,
      needsInfo: 0,
      nearMiss: 1,
      ineligible: 1,
      notInForce: 0,
      benchmarks: 1,
      guidance: 1,
    });
    const m = byId(r);
    expect(m.get('target')!.nearMiss).toEqual([expect.objectContaining({ fact: 'rdIntensity', gap: 0.004444444 })]);
    expect(m.get('goal')!.nearMiss).toEqual([]); // guidance: never a near miss, though 9 亿 is within 30% of 10 亿
    expect(m.get('rate')!.estimate).toMatchObject({ amount: 2_000_000 });
    expect(m.get('rate')!.howToApply).toEqual({
      department: '主管税务机关',
      channel: '纳税申报',
      window: '汇算清缴',
      source: '企业所得税法',
    });
  });

  it('after the plan: its measures are out of force with a reason and no near miss; the national rule goes on', () => {
    const r = matchProfile(compiled, firm, { asOf: '2026-11-26', lang: 'en' });
    expect(r.fiscalYear).toBe(2025);
    expect(r.summary).toEqual({
      eligible: 1,
      needsInfo: 0,
      nearMiss: 0,
      ineligible: 0,
      notInForce: 4,
      benchmarks: 0,
      guidance: 0,
    });
    const m = byId(r);
    expect(m.get('rate')).toMatchObject({ inForce: true, status: 'eligible', nature: 'entitlement' });
    expect(m.get('grant')).toMatchObject({
      inForce: false,
      inForceReason: 'Its period 2021-01-01 to 2025-12-31 ended on 2025-12-31',
      nearMiss: [],
    });
    expect(m.get('target')!.nearMiss).toEqual([]);
  });

  it('never estimates when an input is unknown, nor for a result that is not eligible', () => {
    const m = byId(
      matchProfile(compiled, { city: 'shenzhen', qualifications: ['high-tech-enterprise'] }, { asOf: '2026-11-26' }),
    );
    expect(m.get('rate')!.status).toBe('eligible');
    expect(m.get('rate')!.estimate).toBeUndefined();
    const none = byId(
      matchProfile(compiled, { city: 'shenzhen', qualifications: [], taxableIncome: 1e7 }, { asOf: '2026-11-26' }),
    );
    expect(none.get('rate')!.estimate).toBeUndefined();
  });

  it('defaults asOf to today in Asia/Shanghai and the fiscal year to the year before', () => {
    const r = matchProfile(compiled, {}, { now: new Date('2026-12-31T17:00:00Z') });
    expect(r.asOf).toBe('2027-01-01');
    expect(r.fiscalYear).toBe(2026);
  });
});
