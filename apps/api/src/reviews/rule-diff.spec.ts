import { diffRules } from './rule-diff';

const leaf = (value: number) => ({
  fact: 'rdIntensity',
  operator: 'greaterThanInclusive',
  value,
  label: { zh: '研发投入强度 ≥ 6%', en: 'R&D ≥ 6%' },
});

describe('diffRules', () => {
  it('names a changed threshold by its path and its condition', () => {
    const before = {
      id: 'm',
      conditions: {
        all: [{ fact: 'inGuangdong', operator: 'equal', value: true, label: { zh: '在广东', en: 'GD' } }, leaf(0.06)],
      },
    };
    const after = { id: 'm', conditions: { all: [before.conditions.all[0], leaf(0.05)] } };
    expect(diffRules(before, after)).toEqual([
      { path: 'conditions.all[1].value', condition: '研发投入强度 ≥ 6%', before: 0.06, after: 0.05 },
    ]);
    expect(diffRules(before, after, 'en')[0].condition).toBe('R&D ≥ 6%');
  });

  it('reports added and removed entries as undefined on the other side', () => {
    expect(diffRules({ a: [1] }, { a: [1, 2], b: 'x' })).toEqual([
      { path: 'a[1]', before: undefined, after: 2 },
      { path: 'b', before: undefined, after: 'x' },
    ]);
  });

  it('finds nothing between equal rules, and everything when one side is gone', () => {
    expect(diffRules({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual([]);
    expect(diffRules({ a: 1 }, null)).toEqual([{ path: '', before: { a: 1 }, after: null }]);
  });
});
