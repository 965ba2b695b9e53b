import { compilePack, InvalidRuleError, loadRulePack, Measure } from '@app/engine';
import { explainWithSnapshot, RuleSnapshot, snapshotOf } from './rule-snapshot';

describe(explainWithSnapshot.name, () => {
  const compiled = compilePack(loadRulePack());
  const m = compiled.measures.find((x) => x.measure.id === 'pi-rd-intensity-benchmark') ?? compiled.measures[0];
  /** As RuleSnapshotsService.get reads it back: parsed from the stored JSON. */
  const stored = (snapshot: RuleSnapshot): RuleSnapshot => JSON.parse(JSON.stringify(snapshot));
  const profile = { city: 'shenzhen', revenue: 2e8, rdExpense: 1e7 } as const;
  const at = new Date('2025-06-30T00:00:00Z');

  it('explains a profile against the rule as stored', () => {
    const result = explainWithSnapshot(stored(snapshotOf(compiled, m)), { ...profile }, 'en', at);
    expect(result.measureId).toBe(m.measure.id);
    expect(result.conditions.length).toBeGreaterThan(0);
  });

  it.each([
    ['an empty tree', {}],
    ['an empty node in a group', { all: [{}] }],
    [
      'a leaf with an unknown fact',
      { all: [{ fact: 'nope', operator: 'equal', value: 1, label: { zh: '无', en: 'none' } }] },
    ],
  ])(
    'refuses a snapshot whose tree is %s with InvalidRuleError (code rule-invalid), never "eligible"',
    (_, conditions) => {
      const snapshot = stored(snapshotOf(compiled, m));
      snapshot.measure = { ...snapshot.measure, conditions } as Measure;
      expect(() => explainWithSnapshot(snapshot, { ...profile }, 'en', at)).toThrow(InvalidRuleError);
      expect(() => explainWithSnapshot(snapshot, { ...profile }, 'en', at)).toThrow(
        expect.objectContaining({ code: 'rule-invalid' }),
      );
    },
  );
});
