import fc from 'fast-check';
import {
  buildFacts, compilePack, ConditionNode, FAIL, LeafCondition, loadRulePack, nearMisses, compileExplain,
  compilePackScreen,
} from '@app/engine';
import { seededRandom, syntheticProfile } from '../synthetic/synthetic-tenants';

const NEAR_MISS = 3;
/** The fused pack function's verdict for one tree: is this (failing) measure a near miss? */
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
const value = fc.oneof(fc.constantFrom(0, 1, 4, 5, 8, 9, 10, 0.06), fc.constant('x'), fc.constant(undefined), fc.constant(null));
const leaf: fc.Arbitrary<LeafCondition> = fc.record({
  fact: fc.constantFrom(...FACTS),
  operator: fc.constantFrom('greaterThan', 'greaterThanInclusive', 'lessThan', 'lessThanInclusive', 'equal', 'notEqual'),
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
const facts = fc.record(Object.fromEntries(FACTS.map((f) => [f, value])) as Record<string, typeof value>);

describe('near misses in compilePackScreen', () => {
  it('agrees with the engine on random condition trees and facts (all, any, not, thresholds, unknowns)', () => {
    fc.assert(fc.property(tree, facts, (root, f) => {
      const ex = compileExplain(root)(f);
      if (ex.outcome !== FAIL) return true; // only defined for a failing measure
      expect(sutSaysNearMiss(root, f)).toBe(engineSaysNearMiss(root, f));
      return true;
    }), { numRuns: 5000 });
  });

  it('agrees with the explainer on every measure of the rule pack for 500 synthetic enterprises', () => {
    const compiled = compilePack(loadRulePack());
    const sut = compilePackScreen(compiled.measures.map((m) => m.measure.conditions), { nearMiss: true });
    const out = new Uint8Array(compiled.measures.length);
    const rng = seededRandom(7);
    let nearMissesSeen = 0;
    for (let i = 0; i < 500; i++) {
      const f = buildFacts(syntheticProfile(rng, i));
      sut(f, out);
      compiled.measures.forEach((m, k) => {
        if (m.status(f) !== FAIL) return;
        const expected = nearMisses(m.explain(f).blockingFailures, f, 'en').length > 0;
        expect([m.measure.id, out[k]]).toEqual([m.measure.id, expected ? NEAR_MISS : FAIL]);
        if (expected) nearMissesSeen++;
      });
    }
    expect(nearMissesSeen).toBeGreaterThan(0);
  });

  it('never calls a measure without a numeric threshold a near miss', () => {
    expect(sutSaysNearMiss({ all: [{ fact: 'city', operator: 'equal', value: 'shenzhen', label: { zh: '', en: '' } }] }, { city: 'x' })).toBe(false);
  });
});
