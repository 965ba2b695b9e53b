import { TenantScreener } from '@app/batch';
import {
  buildFacts, CLAIMABLE_NATURES, compilePack, defaultRulesDir, loadRulePack, matchProfile, MatchResult, MeasureResult, seededRandom,
  syntheticProfile, validateProfile,
} from '@app/engine';
import { propertyRuns } from '../support/property-runs';

/**
 * Issue F's "done when", on the real rule pack: what each result means (nature), whether it is in force at `asOf`,
 * the summary, the near-miss policy and the estimates (CONTRACT §2 Version 2).
 */
const compiled = compilePack(loadRulePack(defaultRulesDir()));
const TODAY = '2026-11-26';
const match = (profile: Record<string, unknown>, asOf = TODAY, lang: 'zh' | 'en' = 'zh'): MatchResult => {
  const checked = validateProfile(profile, lang);
  if (!checked.profile) throw new Error(JSON.stringify(checked.errors));
  return matchProfile(compiled, checked.profile, { lang, asOf });
};
const result = (r: MatchResult, id: string): MeasureResult => {
  const found = r.results.find((x) => x.measureId === id);
  if (!found) throw new Error(`no measure ${id}`);
  return found;
};
const RUNS = Math.max(50, propertyRuns(600));

describe('CONTRACT §2 Version 2 on the rule pack', () => {
  it('gives a Shenzhen 高新技术企业 in no cluster the 15% rate and the R&D super-deduction in 2026, with estimates', () => {
    const r = match({ city: 'shenzhen', entityType: 'enterprise', clusters: [], qualifications: ['high-tech-enterprise'], rdExpense: 6_000_000, taxableIncome: 20_000_000 });
    const rate = result(r, 'k895-high-tech-preferential-rate');
    const deduction = result(r, 'k895-rd-super-deduction');
    for (const m of [rate, deduction]) expect(m).toMatchObject({ status: 'eligible', nature: 'entitlement', inForce: true });
    expect(rate.estimate!.amount).toBe(2_000_000); // 20,000,000 × (25% − 15%)
    expect(deduction.estimate!.amount).toBe(900_000); // 6,000,000 × 100% × 15%
    expect(deduction.estimate!.text).toContain('600 万元');
    expect(deduction.howToApply).toBeDefined();
  });

  it('judges validity at asOf: the 2021–2025 plans are out of force on 2026-11-26 with a reason, the national tax rules are not', () => {
    const r = match({ city: 'guangzhou', entityType: 'enterprise', clusters: ['precision-instruments'], qualifications: ['key-backbone'], revenue: 2e8, rdExpense: 1.5e7 });
    expect(r.asOf).toBe(TODAY);
    const benchmark = result(r, 'pi-rd-intensity-benchmark');
    expect(benchmark).toMatchObject({ status: 'eligible', inForce: false, documentStatus: 'expired' });
    expect(benchmark.inForceReason).toBe('执行期 2021-01-01 至 2025-12-31，已于 2025-12-31 结束');
    expect(result(r, 'k895-rd-super-deduction').inForce).toBe(true);
    const countedEligible = r.results.filter((x) => x.inForce && CLAIMABLE_NATURES.includes(x.nature) && x.status === 'eligible').length;
    expect(r.summary.eligible).toBe(countedEligible);
  });

  it('keeps the backbone near miss of 0.01 / 2,000,000 元 while the plan is in force, and drops it after', () => {
    const firm = { city: 'shenzhen', clusters: ['precision-instruments'], qualifications: ['key-backbone'], revenue: 200_000_000, rdExpense: 10_000_000 };
    const during = result(match(firm, '2025-06-30'), 'pi-rd-intensity-benchmark');
    expect(during.nearMiss).toEqual([expect.objectContaining({ fact: 'rdIntensity', gap: 0.01, extraAmount: 2_000_000, hint: '研发费用再增加 200 万元即可达到 6%' })]);
    expect(result(match(firm, TODAY), 'pi-rd-intensity-benchmark').nearMiss).toEqual([]);
  });

  it('carries 粤工信装备〔2023〕13号 as supersededBy on every result of the replaced draft (seed 001)', () => {
    const r = match({ city: 'foshan', entityType: 'enterprise' });
    const draft = r.results.filter((x) => x.measureId.startsWith('he-'));
    expect(draft.length).toBeGreaterThan(20);
    for (const x of draft) expect([x.measureId, x.supersededBy?.number]).toEqual([x.measureId, '粤工信装备〔2023〕13号']);
  });

  it('gives a university buying domestic instruments the VAT refund with an estimate', () => {
    const refund = result(match({ city: 'guangzhou', entityType: 'university', domesticInstrumentPurchases: 1_130_000 }), 'pi-rd-institution-vat-refund');
    expect(refund).toMatchObject({ status: 'eligible', inForce: true, nature: 'entitlement', estimate: { amount: 130_000 } });
  });

  it('asks a firm that gives no transfer figure for it, and tells one with none that the exemption does not apply', () => {
    const base = { city: 'dongguan', entityType: 'enterprise' };
    expect(result(match(base), 'k895-tech-transfer-income-exemption')).toMatchObject({ status: 'needs_info', missingFacts: expect.arrayContaining(['techTransferIncome']) });
    expect(result(match({ ...base, techTransferIncome: 0 }), 'k895-tech-transfer-income-exemption').status).toBe('ineligible');
    expect(result(match({ ...base, techTransferIncome: 8_000_000 }), 'k895-tech-transfer-income-exemption'))
      .toMatchObject({ status: 'eligible', estimate: { amount: 1_625_000 } });
  });

  it('matches no domestic firm to a measure for foreign-invested enterprises', () => {
    const foreignOnly = compiled.measures.filter((m) => JSON.stringify(m.measure.conditions).includes('"fact":"foreignInvested","operator":"equal","value":true'));
    expect(foreignOnly.length).toBeGreaterThan(0);
    const r = match({ city: 'foshan', entityType: 'enterprise', foreignInvested: false, clusters: ['high-end-equipment'], activities: ['overseas-rd', 'rd-platform'] }, '2025-06-30');
    for (const m of foreignOnly) {
      const x = result(r, m.measure.id);
      // An `any` may admit foreign-invested firms among others; a measure whose every route needs it is never eligible.
      if (!JSON.stringify(m.measure.conditions).includes('"any"')) expect([x.measureId, x.status]).toEqual([x.measureId, 'ineligible']);
    }
    expect(result(r, 'he-foreign-rd-center').status).toBe('ineligible');
  });

  it('does not offer 高新认定 to a firm that already holds it, and says so', () => {
    const r = result(match({ city: 'shenzhen', entityType: 'enterprise', qualifications: ['high-tech-enterprise'], revenue: 1e8, rdExpense: 6e6, employees: 200 }, '2025-06-30'), 'k895-hte-recognition');
    expect(r.status).toBe('ineligible');
    expect(r.conditions.find((c) => c.fact === 'qualifications' && c.outcome === 'fail')!.label).toContain('已持有');
  });

  it(`never gives a near miss on a ceiling, on guidance, out of force, or more than 30% away (${RUNS} synthetic firms × 3 dates)`, () => {
    const rng = seededRandom(11);
    let seen = 0;
    for (let i = 0; i < RUNS; i++) {
      const profile = syntheticProfile(rng, i) as unknown as Record<string, unknown>;
      for (const asOf of ['2024-06-30', '2025-06-30', TODAY]) {
        for (const x of match(profile, asOf).results) {
          if (x.nearMiss.length === 0) continue;
          seen++;
          expect([x.measureId, x.inForce, x.nature === 'guidance', x.status]).toEqual([x.measureId, true, false, 'ineligible']);
          for (const n of x.nearMiss) {
            expect(n.required).toBeGreaterThan(0);
            expect(n.gap).toBeLessThanOrEqual(0.3 * n.required + 1e-9);
            const leaves = x.conditions.filter((c) => c.fact === n.fact && c.outcome === 'fail');
            expect(leaves.every((c) => c.operator.startsWith('greaterThan'))).toBe(true);
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it(`counts a tenant in batch screening exactly as the match summary does, estimates included (${RUNS} synthetic firms)`, () => {
    const rng = seededRandom(5);
    for (const asOf of ['2025-06-30', TODAY]) {
      const screener = new TenantScreener(compiled, 'zh', asOf);
      const out = new Uint8Array(compiled.measures.length);
      for (let i = 0; i < RUNS; i++) {
        const profile = syntheticProfile(rng, i);
        const counts = screener.screen(buildFacts(profile), out);
        const r = matchProfile(compiled, profile, { asOf });
        const estimated = r.results.reduce((sum, x) => sum + (x.estimate?.amount ?? 0), 0);
        const { eligible, needsInfo, nearMiss, ineligible } = r.summary;
        expect({ ...counts, benchmarksMet: 0 }).toEqual({ eligible, needsInfo, nearMiss, ineligible, benchmarksMet: 0, estimatedValue: estimated });
        const met = r.results.filter((x) => x.inForce && x.nature === 'benchmark' && x.status === 'eligible').length;
        expect(counts.benchmarksMet).toBe(met);
      }
    }
  });
});
