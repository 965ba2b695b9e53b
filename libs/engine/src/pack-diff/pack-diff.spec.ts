import { compilePack } from '../evaluator/compiled-pack';
import { defaultFixturesDir, loadFixtureFiles } from '../fixtures/fixture-runner';
import { defaultRulesDir, loadRulePack } from '../rules/rule-pack-loader';
import { applyScenario } from '../scenarios/apply-scenario';
import { RulePack } from '../types';
import { fixtureRegression } from './fixture-regression';
import { diffPacks } from './pack-diff';

const RD = 'pi-rd-intensity-benchmark';

describe(diffPacks.name, () => {
  let base: RulePack;
  beforeAll(() => {
    base = loadRulePack();
  });

  it('says a changed threshold in words, in both languages', () => {
    const { pack } = applyScenario(base, {
      name: '5%',
      changes: [{ measureId: RD, fact: 'rdIntensity', value: 0.05 }],
    });
    const sut = diffPacks(base, pack);
    expect(sut).toMatchObject({
      from: base.version,
      to: pack.version,
      added: [],
      removed: [],
      unchanged: base.measures.length - 1,
      documents: [],
    });
    expect(sut.changed).toEqual([
      {
        measureId: RD,
        title: base.measures.find((m) => m.id === RD)!.title.zh,
        nature: 'benchmark',
        changes: [
          {
            aspect: 'condition',
            text: '研发投入强度 ≥ 6% → ≥ 5%',
            path: 'all[3]',
            before: { fact: 'rdIntensity', operator: 'greaterThanInclusive', value: 0.06 },
            after: { fact: 'rdIntensity', operator: 'greaterThanInclusive', value: 0.05 },
          },
        ],
      },
    ]);
    expect(diffPacks(base, pack, 'en').changed[0].changes[0].text).toBe('R&D intensity ≥ 6% → ≥ 5%');
  });

  it('lists periods, added and removed conditions, estimate parameters and switched-off measures', () => {
    const { pack } = applyScenario(base, {
      name: 'many',
      changes: [
        { measureId: RD, period: { to: '2027-12-31' } },
        { measureId: RD, addCondition: { fact: 'employees', operator: 'greaterThanInclusive', value: 50 } },
        { measureId: RD, removeCondition: 'all[2]' },
        { measureId: 'pi-talent', off: true },
        { measureId: 'k895-high-tech-preferential-rate', estimate: { reducedRate: 0.1 } },
      ],
    });
    const sut = diffPacks(base, pack);
    expect(sut.removed.map((m) => m.measureId)).toEqual(['pi-talent']);
    const texts = Object.fromEntries(sut.changed.map((c) => [c.measureId, c.changes.map((x) => x.text)]));
    expect(texts[RD]).toEqual([
      '删除条件：资质 包含 龙头骨干企业',
      '新增条件：从业人员数 ≥ 50 人',
      '执行期 2021-01-01 至 2025-12-31 → 2021-01-01 至 2027-12-31',
    ]);
    expect(texts['k895-high-tech-preferential-rate']).toEqual(['估算参数 reducedRate：0.15 → 0.1']);
    // Running a measure past its plan's end extends the plan (the only way it can be in force then): said too.
    expect(sut.documents).toEqual([
      {
        documentId: 'gd-precision-instruments-2021-2025',
        title: expect.any(String),
        change: 'changed',
        changes: [
          expect.objectContaining({
            aspect: 'document',
            text: '文件执行期 2021-01-01 至 2025-12-31 → 2021-01-01 至 2027-12-31',
          }),
        ],
      },
    ]);
  });

  it('finds no difference between a pack and itself', () => {
    expect(diffPacks(base, loadRulePack())).toMatchObject({ added: [], removed: [], changed: [], documents: [] });
  });
});

describe(fixtureRegression.name, () => {
  it('lists the fixture cases whose outcome a changed threshold alters, and those whose expectations now fail', () => {
    const base = loadRulePack();
    const { pack } = applyScenario(base, {
      name: '5%',
      changes: [{ measureId: RD, fact: 'rdIntensity', value: 0.05 }],
    });
    const files = loadFixtureFiles(defaultFixturesDir(defaultRulesDir()));
    const sut = fixtureRegression(compilePack(base), compilePack(pack), files, 'en');
    const rdCases = sut.filter((c) => c.changes.some((x) => x.measureId === RD));
    expect(rdCases.length).toBeGreaterThan(0);
    const fivePercent = sut.find((c) => c.name.startsWith('A Shenzhen key backbone enterprise spending 5% misses'))!;
    expect(fivePercent.changes).toEqual([
      {
        measureId: RD,
        before: { status: 'ineligible', inForce: true, nearMiss: true, estimate: null },
        after: { status: 'eligible', inForce: true, nearMiss: false, estimate: null },
      },
    ]);
    expect(fivePercent.failuresUnderB.join()).toMatch(/expected ineligible, got eligible/);
    // Only measures the scenario touched can change.
    expect(new Set(sut.flatMap((c) => c.changes.map((x) => x.measureId)))).toEqual(new Set([RD]));
  });
});
