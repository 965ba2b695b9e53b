import fc from 'fast-check';
import { buildFacts } from '../facts/fact-registry';
import { ALL_DECORATOR_NAMES, ALL_OPERATOR_NAMES } from '../rules/operators';
import { loadRulePack } from '../rules/rule-pack-loader';
import { seededRandom, syntheticProfile } from '../synthetic/synthetic-profile';
import { ConditionNode, LeafCondition } from '../types';
import { compilePackScreen, packScreenSource } from './compile-pack-screen';
import { compilePack, screenSourceText } from './compiled-pack';
import { compileExplain } from './explain';
import { screenFacts } from './match';
import { nearMisses } from './near-miss';
import { FAIL } from './outcome';
import { propertyRuns } from '../../../../test/support/property-runs';

const NEAR_MISS = 3;

/** The explainer's answer per tree (the other implementation); 'throws' where it throws (so must the generated code). */
function explainerOutcomes(trees: ConditionNode[], facts: Record<string, unknown>): (number | 'throws')[] {
  return trees.map((t) => {
    try {
      return compileExplain(t)(facts).outcome;
    } catch {
      return 'throws';
    }
  });
}

const FACT_NAMES = ['a', 'b', 'c', 'd'];
const scalar = fc.oneof(
  fc.constantFrom(0, -0, 1, 0.06, 10, '', 'x', '5', 'NaN', true, false, null, undefined),
  fc.double(),
);
const value = fc.oneof({ weight: 3, arbitrary: scalar }, { weight: 2, arbitrary: fc.array(scalar, { maxLength: 3 }) });
const operator = fc
  .tuple(fc.array(fc.constantFrom(...ALL_DECORATOR_NAMES), { maxLength: 1 }), fc.constantFrom(...ALL_OPERATOR_NAMES))
  .map(([d, base]) => [...d, base].join(':'));
const leaf: fc.Arbitrary<LeafCondition> = fc.record({
  fact: fc.constantFrom(...FACT_NAMES),
  operator,
  value,
  label: fc.constant({ zh: '', en: '' }),
});
const tree = fc.letrec<{ node: ConditionNode; group: ConditionNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('group')),
  group: fc.oneof(
    fc.record({ all: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ not: tie('node') }),
  ),
})).group;
const facts = fc.record(Object.fromEntries(FACT_NAMES.map((n) => [n, value])));

describe(compilePackScreen.name, () => {
  it('agrees with the explainer on random packs of trees sharing leaves, for any facts (operators, decorators, unknowns)', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 5 }), facts, (trees, f) => {
        const expected = explainerOutcomes(trees, f);
        const out = new Uint8Array(trees.length);
        if (expected.includes('throws')) return true; // json-rules-engine would crash too; not a rule the loader accepts
        compilePackScreen(trees)(f, out);
        expect(Array.from(out)).toEqual(expected);
        return true;
      }),
      { numRuns: propertyRuns(5000) },
    );
  });

  it('passes `all: []` and `any: []` as json-rules-engine does', () => {
    const out = new Uint8Array(2);
    compilePackScreen([{ all: [] }, { any: [] }])({}, out);
    expect(Array.from(out)).toEqual([1, 1]);
  });

  it('keeps rule values out of the code: a value that would end a comment or a string stays data', () => {
    const sneaky = 'x\u2028out[0]=1;//\n"; out[0] = 1; "';
    const conditions: ConditionNode = {
      all: [{ fact: 'a\u2028b', operator: 'equal', value: sneaky, label: { zh: '', en: '' } }],
    };
    const out = new Uint8Array(1);
    const sut = compilePackScreen([conditions], { ids: ['m\u2028out[0]=1;'], title: 'pack\nout[0]=1;' });
    sut({ 'a\u2028b': 'other' }, out);
    expect(out[0]).toBe(FAIL);
    sut({ 'a\u2028b': sneaky }, out);
    expect(out[0]).toBe(1);
  });
});

describe('the compiled pack', () => {
  const compiled = compilePack(loadRulePack());

  it('screens the whole rule pack as the explainer and the near-miss rule decide, for 3,000 synthetic enterprises', () => {
    const rng = seededRandom(99);
    const actual = new Uint8Array(compiled.measures.length);
    let nearMissesSeen = 0;
    for (let i = 0; i < propertyRuns(3000); i++) {
      const f = buildFacts(syntheticProfile(rng, i));
      screenFacts(compiled, f, actual);
      const expected = compiled.measures.map((m) => {
        const ex = m.explain(f);
        if (ex.outcome !== FAIL || nearMisses(ex.blockingFailures, f, 'en').length === 0) return ex.outcome;
        nearMissesSeen++;
        return NEAR_MISS;
      });
      expect(Array.from(actual)).toEqual(expected);
    }
    expect(nearMissesSeen).toBeGreaterThan(0);
  });

  it('carries its generated source: a comment per measure naming its id, named facts, and a sourceURL', () => {
    const src = compiled.screenSource;
    compiled.measures.forEach((m, i) => expect(src).toContain(`\n  // [${i}] ${m.measure.id}\n`));
    expect(src).toMatch(/const f\d+_rdIntensity = f\["rdIntensity"\];/);
    expect(src).toMatch(/let c\d+_inGuangdong_equal = 3; \/\/ inGuangdong equal true/);
    const hex = compiled.pack.version.replace('sha256:', '').slice(0, 16);
    expect(src.trimEnd().endsWith(`//# sourceURL=rule-pack-${hex}.js`)).toBe(true);
  });

  it('names the generated code in stack traces, at the line of the printed text (`rules compile`)', () => {
    const conditions: ConditionNode = {
      all: [{ fact: 'a', operator: 'someFact:equal', value: 1, label: { zh: '', en: '' } }],
    };
    const { source } = packScreenSource([conditions], { sourceURL: 'rule-pack-test.js' });
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- runs the generated source as screenFunction does
    const run = new Function('k', 'isNumberLike', source)(
      [
        () => {
          throw new Error('boom');
        },
      ],
      () => true,
    );
    let stack = '';
    try {
      run({ a: [1] }, new Uint8Array(1));
    } catch (e) {
      stack = (e as Error).stack ?? '';
    }
    const line = Number(/rule-pack-test\.js:(\d+):\d+/.exec(stack)?.[1]);
    expect(screenSourceText(source).split('\n')[line - 1]).toContain('k[0](f0_a, 1)');
  });
});
