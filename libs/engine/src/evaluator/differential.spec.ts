import fc from 'fast-check';
import { Engine } from 'json-rules-engine';
import { ConditionNode, LeafCondition } from '../types';
import { ALL_DECORATOR_NAMES, ALL_OPERATOR_NAMES, parseOperator } from '../rules/operators';
import { compilePackScreen } from './compile-pack-screen';
import { compileExplain } from './explain';
import { FAIL, PASS, UNKNOWN } from './outcome';
import { propertyRuns } from '../../../../test/support/property-runs';

/**
 * The compiled evaluator must agree with json-rules-engine, the reference, whenever every fact is known:
 * every built-in operator and decorator, nesting, arrays, numbers at the boundary, strings.
 */
const FACT_NAMES = ['a', 'b', 'c', 'd', 'e'];
const BOUNDARY = [0, -0, 1, -1, 0.06, 0.059999999, 0.060000001, 10, 100, 2 ** 31, 1e9, 0.1 + 0.2, 0.3];

const scalar = fc.oneof(
  fc.constantFrom(...BOUNDARY),
  fc.integer({ min: -5, max: 5 }),
  fc.double({ noNaN: false, noDefaultInfinity: false }),
  fc.constantFrom('', 'a', 'b', 'shenzhen', '5', '0.06', '10abc', 'abc10', ' 7 ', 'NaN', 'Infinity'),
  fc.boolean(),
);
const factValue = fc.oneof(
  { weight: 3, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.array(fc.array(scalar, { maxLength: 2 }), { maxLength: 2 }) },
);
const facts = fc.record(Object.fromEntries(FACT_NAMES.map((n) => [n, factValue])));

const operatorName = fc
  .tuple(fc.array(fc.constantFrom(...ALL_DECORATOR_NAMES), { maxLength: 2 }), fc.constantFrom(...ALL_OPERATOR_NAMES))
  .map(([decorators, base]) => [...decorators, base].join(':'));

const leaf: fc.Arbitrary<LeafCondition> = fc.record({
  fact: fc.constantFrom(...FACT_NAMES),
  operator: operatorName,
  value: factValue,
  label: fc.constant({ zh: '条件', en: 'condition' }),
});

const tree = fc.letrec<{ node: ConditionNode; group: ConditionNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('group')),
  group: fc.oneof(
    fc.record({ all: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ any: fc.array(tie('node'), { maxLength: 4 }) }),
    fc.record({ not: tie('node') }),
  ),
})).group;

/** The generated code's outcome for one tree: the pack compiler's function over a pack of one measure. */
function compiledOutcome(conditions: ConditionNode, factValues: Record<string, unknown>): number {
  const out = new Uint8Array(1);
  compilePackScreen([conditions])(factValues, out);
  return out[0];
}

async function referenceOutcome(conditions: ConditionNode, factValues: Record<string, unknown>): Promise<number> {
  const engine = new Engine([], { allowUndefinedFacts: false });
  engine.addRule({ conditions: structuredClone(conditions) as never, event: { type: 'pass' } });
  const { events } = await engine.run(structuredClone(factValues));
  return events.length === 1 ? PASS : FAIL;
}

/** Operators json-rules-engine would crash on (e.g. `in` with a number as list) are outside the comparison. */
function evaluatesWithoutThrowing(conditions: ConditionNode, factValues: Record<string, unknown>): boolean {
  try {
    compileExplain(conditions)(factValues);
    return true;
  } catch {
    return false;
  }
}

describe('compiled evaluator vs json-rules-engine', () => {
  it('agrees on 10,000 generated rule/profile pairs with every fact known', async () => {
    let compared = 0;
    const operatorsSeen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(tree, facts, async (conditions, factValues) => {
        fc.pre(evaluatesWithoutThrowing(conditions, factValues));
        compared++;
        for (const n of JSON.stringify(conditions).matchAll(/"operator":"([^"]+)"/g))
          n[1].split(':').forEach((p) => operatorsSeen.add(p));
        const expected = await referenceOutcome(conditions, factValues);
        expect(compiledOutcome(conditions, factValues)).toBe(expected);
        expect(compileExplain(conditions)(factValues).outcome).toBe(expected);
      }),
      { numRuns: propertyRuns(10_000), seed: 20261122, maxSkipsPerRun: 100 },
    );
    expect(compared).toBeGreaterThanOrEqual(propertyRuns(10_000));
    expect([...operatorsSeen].sort()).toEqual([...ALL_OPERATOR_NAMES, ...ALL_DECORATOR_NAMES].sort());
  }, 120_000);

  it('agrees at the 6% boundary the rule pack relies on', async () => {
    const conditions: ConditionNode = {
      all: [{ fact: 'r', operator: 'greaterThanInclusive', value: 0.06, label: { zh: '', en: '' } }],
    };
    for (const r of [0.06, 0.0599999, 0.0600001, 6_000_000 / 100_000_000, 12_000_000 / 200_000_000, 0.1 * 0.6]) {
      expect(compiledOutcome(conditions, { r })).toBe(await referenceOutcome(conditions, { r }));
    }
  });
});

/** Kleene's strong three-valued logic, written the obvious way, as the reference for unknown facts. */
function kleene(node: ConditionNode, f: Record<string, unknown>): number {
  if ('fact' in node) {
    const v = f[node.fact];
    if (v === undefined || v === null) return UNKNOWN;
    return parseOperator(node.operator)!.fn(v, node.value) ? PASS : FAIL;
  }
  if ('not' in node) {
    const r = kleene(node.not, f);
    return r === UNKNOWN ? UNKNOWN : r === PASS ? FAIL : PASS;
  }
  const rs = ('all' in node ? node.all : node.any).map((c) => kleene(c, f));
  if ('all' in node) return rs.includes(FAIL) ? FAIL : rs.includes(UNKNOWN) ? UNKNOWN : PASS;
  if (rs.length === 0) return PASS;
  return rs.includes(PASS) ? PASS : rs.includes(UNKNOWN) ? UNKNOWN : FAIL;
}

describe('three-valued logic with unknown facts', () => {
  const partialFacts = fc.record(
    Object.fromEntries(FACT_NAMES.map((n) => [n, fc.option(factValue, { nil: undefined })])),
  );

  it('matches Kleene logic on 5,000 generated rules with some facts unknown', () => {
    fc.assert(
      fc.property(tree, partialFacts, (conditions, factValues) => {
        fc.pre(evaluatesWithoutThrowing(conditions, factValues));
        const expected = kleene(conditions, factValues);
        expect(compiledOutcome(conditions, factValues)).toBe(expected);
        expect(compileExplain(conditions)(factValues).outcome).toBe(expected);
      }),
      { numRuns: propertyRuns(5_000), seed: 42 },
    );
  });

  it('lists as deciding unknowns only leaves that could still change the outcome', () => {
    const L = (fact: string, value: number): LeafCondition => ({
      fact,
      operator: 'equal',
      value,
      label: { zh: '', en: '' },
    });
    const conditions: ConditionNode = { all: [{ any: [L('a', 1), L('b', 1)] }, L('c', 1)] };
    const ex = compileExplain(conditions)({ a: 1 });
    expect(ex.outcome).toBe(UNKNOWN);
    expect(ex.decidingUnknowns.map((e) => e.leaf.fact)).toEqual(['c']);
  });
});
