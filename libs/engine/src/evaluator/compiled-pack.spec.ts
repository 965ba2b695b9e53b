import { InvalidRuleError } from '../errors';
import { loadRulePack } from '../rules/rule-pack-loader';
import { ConditionNode, Measure } from '../types';
import { compileMeasure, compilePack } from './compiled-pack';

describe(compileMeasure.name, () => {
  const pack = loadRulePack();
  const compiled = compilePack(pack);
  const { measure, version, document } = compiled.measures[0];
  const withConditions = (conditions: unknown): Measure => ({ ...measure, conditions: conditions as ConditionNode });

  it.each([
    ['an empty node', {}, /conditions: unknown fact "undefined"/],
    ['an empty node inside a group', { all: [{}] }, /conditions\.all\[0\]: unknown fact/],
    ['a group that is not a list', { any: 'x' }, /conditions\.any: must be a list/],
    [
      'an unknown operator',
      { all: [{ fact: 'revenue', operator: 'bigger', value: 1, label: { zh: '营收', en: 'revenue' } }] },
      /unknown operator "bigger"/,
    ],
    ['no tree at all', undefined, /conditions: must be an object/],
  ])('refuses %s with the code rule-invalid, naming where (never compiles it to "pass")', (_, conditions, problem) => {
    let error: unknown;
    try {
      compileMeasure(withConditions(conditions), version, document);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InvalidRuleError);
    expect(error).toMatchObject({ code: 'rule-invalid', measureId: measure.id });
    expect((error as InvalidRuleError).problems.join('\n')).toMatch(problem);
  });

  it('refuses an estimate the loader would refuse', () => {
    expect(() => compileMeasure({ ...measure, estimate: { formula: 'nope' } }, version, document)).toThrow(
      InvalidRuleError,
    );
  });

  it('compiles a valid measure to the same explanation as the pack', () => {
    const sut = compileMeasure(JSON.parse(JSON.stringify(measure)) as Measure, version, document);
    const facts = { inGuangdong: true, revenue: 1e8 };
    expect(sut.explain(facts)).toEqual(compiled.measures[0].explain(facts));
  });
});

describe(compilePack.name, () => {
  it('refuses a pack whose measure has a malformed tree', () => {
    const pack = loadRulePack();
    const broken = {
      ...pack,
      measures: [{ ...pack.measures[0], conditions: {} as ConditionNode }, ...pack.measures.slice(1)],
    };
    expect(() => compilePack(broken)).toThrow(expect.objectContaining({ code: 'rule-invalid' }));
  });
});
