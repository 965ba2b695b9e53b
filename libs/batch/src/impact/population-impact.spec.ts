import {
  applyScenario,
  buildFacts,
  CompiledPack,
  compilePack,
  EnterpriseProfile,
  loadRulePack,
  matchProfile,
  RulePack,
} from '@app/engine';
import { seededRandom, syntheticProfile } from '@app/engine';
import { PopulationImpact } from './population-impact';
import { propertyRuns } from '../../../../test/support/property-runs';

const RD = 'pi-rd-intensity-benchmark';
const DURING_PLANS = '2025-06-30';
const AFTER_PLANS = '2026-11-26';

function population(n: number, seed: number): EnterpriseProfile[] {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => syntheticProfile(rng, i));
}

function run(
  base: CompiledPack,
  scenario: CompiledPack,
  tenants: EnterpriseProfile[],
  asOf: string,
  touched: string[] = [],
  everyMeasure = false,
) {
  const sut = new PopulationImpact(base, scenario, { asOf, lang: 'zh', touched, everyMeasure });
  tenants.forEach((p, i) => sut.addFacts(i + 1, buildFacts(p)));
  return sut.report();
}

describe(PopulationImpact.name, () => {
  let pack: RulePack;
  let base: CompiledPack;
  // 10,000 at full size (the population); GDPM_PROPERTY_RUNS shrinks it for the unit tier.
  const size = Math.max(1000, propertyRuns(10_000));
  const tenants = population(size, 20251231);
  beforeAll(() => {
    pack = loadRulePack();
    base = compilePack(pack);
  });

  it('6% → 5%: exactly the tenants with R&D intensity in [5%, 6%) that meet the benchmark’s other conditions gain it', () => {
    const scenario = applyScenario(pack, {
      name: '5%',
      changes: [{ measureId: RD, fact: 'rdIntensity', value: 0.05 }],
    });
    const report = run(base, compilePack(scenario.pack), tenants, DURING_PLANS, scenario.touched);
    const expected = tenants.flatMap((p, i) => {
      const f = buildFacts(p);
      const others =
        f.inGuangdong === true &&
        (p.clusters ?? []).includes('precision-instruments') &&
        (p.qualifications ?? []).includes('key-backbone');
      return others && typeof f.rdIntensity === 'number' && f.rdIntensity >= 0.05 && f.rdIntensity < 0.06
        ? [i + 1]
        : [];
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(report.tenants.filter((t) => t.gained.length > 0).map((t) => t.row)).toEqual(expected);
    expect(report.tenants.every((t) => t.gained.every((id) => id === RD) && t.lost.length === 0)).toBe(true);
    expect(report).toMatchObject({
      gained: expected.length,
      lost: 0,
      valueChange: 0,
      population: { tenants: size, rejected: 0 },
    });
    expect(report.byMeasure).toEqual([
      expect.objectContaining({ measureId: RD, touched: true, gained: expected.length, lost: 0 }),
    ]);
    // A lower bar brings a lower near-miss reach: firms from 3.5% up are now within 30% of it.
    expect(report.byMeasure[0].newNearMisses).toBeGreaterThan(0);
  });

  it('extending the precision-instruments plan to 2027-12-31 brings its measures back in force at 2026-11-26 for the firms that meet them', () => {
    const pi = pack.measures.filter((m) => m.id.startsWith('pi-') && !m.national);
    const scenario = applyScenario(pack, {
      name: 'extend',
      changes: pi.map((m) => ({ measureId: m.id, period: { to: '2027-12-31' } })),
    });
    const compiled = compilePack(scenario.pack);
    const report = run(base, compiled, tenants, AFTER_PLANS, scenario.touched);
    expect(report.lost).toBe(0);
    expect(report.gained).toBeGreaterThan(0);
    for (const m of report.byMeasure.filter((x) => x.nature !== 'guidance' && x.gained > 0)) {
      expect(m).toMatchObject({ inForceBefore: false, inForceAfter: true });
    }
    // The explain path agrees, tenant by tenant, for a sample of those who gained.
    for (const t of report.tenants.filter((x) => x.gained.length > 0).slice(0, 25)) {
      const profile = tenants[t.row - 1];
      const before = matchProfile(base, profile, { asOf: AFTER_PLANS });
      const after = matchProfile(compiled, profile, { asOf: AFTER_PLANS });
      for (const id of t.gained) {
        expect(before.results.find((r) => r.measureId === id)).toMatchObject({ status: 'eligible', inForce: false });
        expect(after.results.find((r) => r.measureId === id)).toMatchObject({ status: 'eligible', inForce: true });
      }
    }
  });

  it('a change of an estimate parameter changes values, not statuses, exactly as the explainer estimates them', () => {
    const scenario = applyScenario(pack, {
      name: '10%',
      changes: [{ measureId: 'k895-high-tech-preferential-rate', estimate: { reducedRate: 0.1 } }],
    });
    const compiled = compilePack(scenario.pack);
    const report = run(base, compiled, tenants, AFTER_PLANS, scenario.touched);
    expect(report.gained + report.lost).toBe(0);
    expect(report.tenants.length).toBeGreaterThan(0);
    let total = 0;
    for (const t of report.tenants) {
      expect(t.statusChanges).toEqual([]);
      const estimate = (c: CompiledPack) =>
        matchProfile(c, tenants[t.row - 1], { asOf: AFTER_PLANS }).results.find(
          (r) => r.measureId === 'k895-high-tech-preferential-rate',
        )!.estimate!.amount;
      expect(t.valueChange).toBeCloseTo(estimate(compiled) - estimate(base), 6);
      total += t.valueChange;
    }
    expect(report.valueChange).toBeCloseTo(total, 4);
    expect(report.byMeasure[0].valueChange).toBeCloseTo(total, 4);
  });

  it('switching a measure off loses it for every tenant that had it, and a change to the same value changes nobody', () => {
    const off = applyScenario(pack, { name: 'off', changes: [{ measureId: 'k895-rd-super-deduction', off: true }] });
    const report = run(base, compilePack(off.pack), tenants.slice(0, 2000), AFTER_PLANS, off.touched);
    const had = tenants
      .slice(0, 2000)
      .filter(
        (p) =>
          matchProfile(base, p, { asOf: AFTER_PLANS }).results.find((r) => r.measureId === 'k895-rd-super-deduction')!
            .status === 'eligible',
      ).length;
    expect(report).toMatchObject({ gained: 0, lost: had });
    expect(report.byMeasure[0]).toMatchObject({ measureId: 'k895-rd-super-deduction', inForceAfter: null, lost: had });
    expect(report.valueChange).toBeLessThan(0);

    const same = applyScenario(pack, { name: 'same', changes: [{ measureId: RD, fact: 'rdIntensity', value: 0.06 }] });
    expect(same.pack.version).toBe(pack.version);
    expect(run(base, compilePack(same.pack), tenants.slice(0, 2000), DURING_PLANS)).toMatchObject({
      gained: 0,
      lost: 0,
      tenants: [],
      byMeasure: [],
    });
  });

  it('running only the measures that differ gives exactly what running every measure of the scenario gives', () => {
    const pi = pack.measures.filter((m) => m.id.startsWith('pi-') && !m.national).slice(0, 8);
    const scenario = applyScenario(pack, {
      name: 'mixed',
      changes: [
        { measureId: RD, fact: 'rdIntensity', value: 0.045 },
        ...pi.map((m) => ({ measureId: m.id, period: { to: '2027-12-31' } })),
        { measureId: 'k895-rd-super-deduction', off: true },
        { measureId: 'k895-high-tech-preferential-rate', estimate: { reducedRate: 0.12 } },
        {
          measureId: 'k895-tech-transfer-income-exemption',
          addCondition: { fact: 'employees', operator: 'greaterThan', value: 20 },
        },
      ],
    });
    const compiled = compilePack(scenario.pack);
    for (const asOf of [DURING_PLANS, AFTER_PLANS]) {
      const fast = run(base, compiled, tenants.slice(0, 3000), asOf, scenario.touched);
      const every = run(base, compiled, tenants.slice(0, 3000), asOf, scenario.touched, true);
      expect(fast.tenants.length).toBeGreaterThan(0);
      expect(fast).toEqual(every);
    }
  });
});
