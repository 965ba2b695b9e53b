import fc from 'fast-check';
import { ConditionNode, LeafCondition } from '../types';
import { compilePackScreen } from './compile-pack-screen';
import { compileExplain } from './explain';
import { nearMisses } from './near-miss';
import { FAIL } from './outcome';
import { propertyRuns } from '../../../../test/support/property-runs';

const NEAR_MISS = 3;
/** The generated pack function's verdict for one tree: is this (failing) measure a near miss? */
function sutSaysNearMiss(root: ConditionNode, facts: Record<string, unknown>): boolean {
  const out = new Uint8Array(1);
  compilePackScreen([root], { nearMiss: true })(facts, out);
  return out[0] === NEAR_MISS;
}

/** The engine's own answer: the measure failed and its explanation names near misses. */
function engineSaysNearMiss(root: ConditionNode, facts: Record<string, unknown>): boolean {
  const ex = compileExplain(root)(facts);
  return ex.outcome === FAIL && nearMisses(ex.blockingFailures, facts, 'en').length > 0;
}

const FACTS = ['revenue', 'employees', 'exportValue']; // real facts: the engine words its hints with their labels
const value = fc.oneof(
  fc.constantFrom(0, 1, 4, 5, 8, 9, 10, 0.06),
  fc.constant('x'),
  fc.constant(undefined),
  fc.constant(null),
);
const leaf: fc.Arbitrary<LeafCondition> = fc.record({
  fact: fc.constantFrom(...FACTS),
  operator: fc.constantFrom(
    'greaterThan',
    'greaterThanInclusive',
    'lessThan',
    'lessThanInclusive',
    'equal',
    'notEqual',
  ),
  value: fc.constantFrom(0, 1, 5, 10, 'x'),
  label: fc.constant({ zh: '条件', en: 'condition' }),
});
const tree = fc.letrec<{ node: ConditionNode; group: ConditionNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('group')),
  group: fc.oneof(
    fc.record({ all: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('node'), { minLength: 1, maxLength: 4 }) }),
    fc.record({ not: tie('node') }),
  ),
})).group;
const facts = fc.record(Object.fromEntries(FACTS.map((f) => [f, value])));

describe('near misses in compilePackScreen', () => {
  it('agrees with the explainer on random condition trees and facts (all, any, not, thresholds, unknowns)', () => {
    fc.assert(
      fc.property(tree, facts, (root, f) => {
        const ex = compileExplain(root)(f);
        if (ex.outcome !== FAIL) return true; // only defined for a failing measure
        expect(sutSaysNearMiss(root, f)).toBe(engineSaysNearMiss(root, f));
        return true;
      }),
      { numRuns: propertyRuns(5000) },
    );
  });

  it('never calls a measure without a numeric threshold a near miss', () => {
    expect(
      sutSaysNearMiss(
        { all: [{ fact: 'city', operator: 'equal', value: 'shenzhen', label: { zh: '', en: '' } }] },
        { city: 'x' },
      ),
    ).toBe(false);
  });

  it('calls a lower bound within 30% a near miss, and one further away not', () => {
    const root: ConditionNode = {
      all: [{ fact: 'revenue', operator: 'greaterThanInclusive', value: 100, label: { zh: '', en: '' } }],
    };
    expect(sutSaysNearMiss(root, { revenue: 71 })).toBe(true);
    expect(sutSaysNearMiss(root, { revenue: 69 })).toBe(false);
  });
});
