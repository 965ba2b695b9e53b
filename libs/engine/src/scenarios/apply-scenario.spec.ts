import * as fs from 'node:fs';
import * as path from 'node:path';
import { compilePack } from '../evaluator/compiled-pack';
import { leaves } from '../rules/condition-tree';
import { loadRulePack } from '../rules/rule-pack-loader';
import { RulePack } from '../types';
import { applyScenario, packVersionOf } from './apply-scenario';
import { ScenarioError } from './scenario.types';

const RD = 'pi-rd-intensity-benchmark';
const rdLeaf = (pack: RulePack) =>
  leaves(pack.measures.find((m) => m.id === RD)!.conditions).find((l) => l.fact === 'rdIntensity')!;

/** The field → reasons of a refused scenario. */
function refusal(base: RulePack, scenario: unknown, lang: 'zh' | 'en' = 'en'): Record<string, string[]> {
  try {
    applyScenario(base, scenario, lang);
  } catch (e) {
    if (e instanceof ScenarioError) return e.errors;
    throw e;
  }
  throw new Error('the scenario was accepted');
}

describe(applyScenario.name, () => {
  let base: RulePack;
  beforeAll(() => {
    base = loadRulePack();
    compilePack(base); // freezes the base pack, as in the service: a scenario must copy, never mutate
  });

  it('addresses packs as the loader does: the same content hash for the same content', () => {
    expect(packVersionOf(base.documents, base.measures)).toBe(base.version);
  });

  it('lowers the R&D intensity benchmark from 6% to 5% in a new pack, relabelled, leaving the base and other measures alone', () => {
    const sut = applyScenario(base, {
      name: '研发投入 5%',
      changes: [{ measureId: RD, fact: 'rdIntensity', value: 0.05 }],
    });
    expect(rdLeaf(sut.pack)).toMatchObject({ operator: 'greaterThanInclusive', value: 0.05 });
    expect(rdLeaf(sut.pack).label.zh).toBe('年研发投入占销售收入的比重 ≥ 5%');
    expect(rdLeaf(base).value).toBe(0.06);
    expect(sut.pack.version).not.toBe(base.version);
    expect(sut.pack.measureVersions[RD]).not.toBe(base.measureVersions[RD]);
    const others = base.measures.filter((m) => m.id !== RD);
    for (const m of others) expect(sut.pack.measureVersions[m.id]).toBe(base.measureVersions[m.id]);
    expect(sut.touched).toEqual([RD]);
    expect(() => compilePack(sut.pack)).not.toThrow();
  });

  it('extends a measure’s period, switches one off, and changes estimate parameters', () => {
    const sut = applyScenario(base, {
      name: 'extend',
      changes: [
        { measureId: RD, period: { to: '2027-12-31' } },
        { measureId: 'pi-talent', off: true },
        { measureId: 'k895-high-tech-preferential-rate', estimate: { reducedRate: 0.1 } },
      ],
    });
    expect(sut.pack.measures.find((m) => m.id === RD)!.period).toEqual({ from: '2021-01-01', to: '2027-12-31' });
    expect(sut.pack.measures.some((m) => m.id === 'pi-talent')).toBe(false);
    expect(sut.pack.measures.length).toBe(base.measures.length - 1);
    expect(sut.pack.measures.find((m) => m.id === 'k895-high-tech-preferential-rate')!.estimate!.reducedRate).toBe(0.1);
  });

  it('adds, edits and removes conditions by their path', () => {
    const sut = applyScenario(base, {
      name: 'conditions',
      changes: [
        { measureId: RD, addCondition: { fact: 'employees', operator: 'greaterThanInclusive', value: 50 } },
        { measureId: RD, condition: 'all[3]', operator: 'greaterThan', value: 0.055 },
        { measureId: RD, removeCondition: 'all[2]' },
      ],
    });
    const ls = leaves(sut.pack.measures.find((m) => m.id === RD)!.conditions);
    expect(ls.map((l) => l.fact)).toEqual(['inGuangdong', 'clusters', 'rdIntensity', 'employees']);
    expect(ls[2]).toMatchObject({ operator: 'greaterThan', value: 0.055 });
    expect(ls[3].label).toEqual({ zh: '从业人员数 ≥ 50 人', en: 'Employees ≥ 50 persons' });
  });

  it('refuses an unknown measure, naming the field', () => {
    expect(
      refusal(base, { name: 'x', changes: [{ measureId: 'no-such-measure', fact: 'rdIntensity', value: 0.05 }] }),
    ).toEqual({ 'changes[0].measureId': ['no measure "no-such-measure" in the base pack'] });
  });

  it('refuses a string where a number belongs, naming the value', () => {
    const errors = refusal(base, { name: 'x', changes: [{ measureId: RD, fact: 'rdIntensity', value: '5%' }] });
    expect(Object.keys(errors)).toEqual(['changes[0].value']);
    expect(errors['changes[0].value'][0]).toMatch(/needs a number/);
  });

  it('refuses unknown facts, operators, enum values, keys, paths and dates, each by its field', () => {
    const errors = refusal(base, {
      name: '',
      extra: 1,
      changes: [
        { measureId: RD, fact: 'rdIntensityy', value: 0.05 },
        { measureId: RD, fact: 'employees', value: 3 },
        { measureId: RD, condition: 'all[9]', value: 1 },
        { measureId: RD, condition: 'all[3]', operator: 'atLeast' },
        { measureId: RD, fact: 'clusters', value: 'metaverse' },
        { measureId: RD, period: { to: '2027-02-30' } },
        { measureId: RD, off: true, fact: 'rdIntensity' },
        { measureId: RD, removeCondition: 'all[7]' },
        { measureId: RD, addCondition: { fact: 'revenue', operator: 'greaterThan', value: 'lots' } },
      ],
    });
    expect(Object.keys(errors).sort()).toEqual(
      [
        'changes[0].fact',
        'changes[1].fact',
        'changes[2].condition',
        'changes[3].operator',
        'changes[4].value',
        'changes[5].period.to',
        'changes[6]',
        'changes[7].removeCondition',
        'changes[8].addCondition.value',
        'extra',
        'name',
      ].sort(),
    );
    expect(errors['changes[4].value'][0]).toContain('metaverse');
  });

  it('runs the loader’s checks on the changed measure: a national measure may not be gated on a cluster', () => {
    const errors = refusal(base, {
      name: 'x',
      changes: [
        {
          measureId: 'pi-rd-institution-vat-refund',
          addCondition: { fact: 'clusters', operator: 'contains', value: 'precision-instruments' },
        },
      ],
    });
    expect(errors['changes[0]'][0]).toMatch(/national measure must not be gated on cluster/);
  });

  it('accepts the example scenario of the README, every kind of change in it', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../../../README.md'), 'utf8');
    const example = /## Policy sandbox[\s\S]*?```json\n([\s\S]*?)\n```/.exec(readme)![1];
    const sut = applyScenario(base, JSON.parse(example));
    expect(sut.touched).toEqual(['k895-high-tech-preferential-rate', 'pi-listing', RD, 'pi-talent']);
  });

  it('speaks Chinese by default', () => {
    const errors = refusal(base, { name: 'x', changes: [{ measureId: 'nope', off: true }] }, 'zh');
    expect(errors['changes[0].measureId']).toEqual(['基准规则包中没有措施“nope”']);
  });
});
