import fc from 'fast-check';
import {
  ALL_DECORATOR_NAMES, ALL_OPERATOR_NAMES, buildFacts, compilePack, compileStatus, ConditionNode, LeafCondition, loadRulePack, screenFacts,
  compilePackScreen,
} from '@app/engine';
import { seededRandom, syntheticProfile } from '../synthetic/synthetic-tenants';

/** The engine's answer, one generated function per tree; undefined where it throws (so must the fused one). */
function engineOutcomes(trees: ConditionNode[], facts: Record<string, unknown>): (number | 'throws')[] {
  return trees.map((t) => {
    try {
      return compileStatus(t)(facts);
    } catch {
      return 'throws';
    }
  });
}

const FACT_NAMES = ['a', 'b', 'c', 'd'];
const scalar = fc.oneof(fc.constantFrom(0, -0, 1, 0.06, 10, '', 'x', '5', 'NaN', true, false, null, undefined), fc.double());
const value = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) });
const operator = fc.tuple(fc.array(fc.constantFrom(...ALL_DECORATOR_NAMES), { maxLength: 1 }), fc.constantFrom(...ALL_OPERATOR_NAMES))
  .map(([d, base]) => [...d, base].join(':'));
const leaf: fc.Arbitrary<LeafCondition> = fc.record({
  fact: fc.constantFrom(...FACT_NAMES), operator, value, label: fc.constant({ zh: '', en: '' }),
});
const tree = fc.letrec<{ node: ConditionNode; group: ConditionNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('group')),
  group: fc.oneof(
    fc.record({ all: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ not: tie('node') }),
  ),
})).group;
const facts = fc.record(Object.fromEntries(FACT_NAMES.map((n) => [n, value])) as Record<string, typeof value>);

describe(compilePackScreen.name, () => {
  it('agrees with the engine on random packs of trees sharing leaves, for any facts (operators, decorators, unknowns)', () => {
    fc.assert(fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), facts, (trees, f) => {
      const expected = engineOutcomes(trees, f);
      const out = new Uint8Array(trees.length);
      if (expected.includes('throws')) return true; // json-rules-engine would crash too; not a rule the loader accepts
      compilePackScreen(trees)(f, out);
      expect(Array.from(out)).toEqual(expected);
      return true;
    }), { numRuns: 5000 });
  });

  it('agrees with screenFacts on the whole rule pack for 3,000 synthetic enterprises', () => {
    const compiled = compilePack(loadRulePack());
    const sut = compilePackScreen(compiled.measures.map((m) => m.measure.conditions));
    const rng = seededRandom(99);
    const expected = new Uint8Array(compiled.measures.length);
    const actual = new Uint8Array(compiled.measures.length);
    for (let i = 0; i < 3000; i++) {
      const f = buildFacts(syntheticProfile(rng, i));
      screenFacts(compiled, f, expected);
      sut(f, actual);
      expect(Array.from(actual)).toEqual(Array.from(expected));
    }
  });

  it('passes `all: []` and `any: []` as json-rules-engine does', () => {
    const out = new Uint8Array(2);
    compilePackScreen([{ all: [] }, { any: [] }])({}, out);
    expect(Array.from(out)).toEqual([1, 1]);
  });
});
