import { ConditionNode, LeafCondition } from '../types';
import { compileExplain, Explanation } from './explain';
import { FAIL, PASS, UNKNOWN } from './outcome';

const leaf = (fact: string, value: number): LeafCondition => ({
  fact,
  operator: 'greaterThanInclusive',
  value,
  label: { zh: fact, en: fact },
});
const facts = (e: Explanation['decidingUnknowns'] | null) => (e === null ? null : e.map((l) => l.leaf.fact));

describe('compileExplain', () => {
  // a ≥ 1 and (b ≥ 1 or (c ≥ 1 and d ≥ 1)) and not(e ≥ 1)
  const tree: ConditionNode = {
    all: [leaf('a', 1), { any: [leaf('b', 1), { all: [leaf('c', 1), leaf('d', 1)] }] }, { not: leaf('e', 1) }],
  };
  const explain = compileExplain(tree);

  it('lists every leaf in the order written, each with the value it saw and its outcome', () => {
    const ex = explain({ a: 1, b: 0, c: 5, e: 0 });
    expect(ex.leaves.map((l) => [l.leaf.fact, l.actual, l.outcome])).toEqual([
      ['a', 1, PASS],
      ['b', 0, FAIL],
      ['c', 5, PASS],
      ['d', null, UNKNOWN],
      ['e', 0, FAIL],
    ]);
    expect(ex.outcome).toBe(UNKNOWN);
  });

  it('names the unknown leaves that decide an unknown outcome, and no blocking failures', () => {
    const ex = explain({ a: 1, b: 0, c: 5, e: 0 });
    expect(facts(ex.decidingUnknowns)).toEqual(['d']);
    expect(ex.blockingFailures).toEqual([]);
  });

  it('blames every failing part of an all, and the closest alternative of a failed any', () => {
    // a fails; the any fails with b (one fix) or c and d (two fixes): b is the closest.
    const ex = explain({ a: 0, b: 0, c: 0, d: 0, e: 0 });
    expect(ex.outcome).toBe(FAIL);
    expect(facts(ex.blockingFailures)).toEqual(['a', 'b']);
    expect(ex.decidingUnknowns).toEqual([]);
  });

  it('picks the first alternative of a failed any on a tie', () => {
    const ex = compileExplain({ any: [leaf('x', 1), leaf('y', 1)] })({ x: 0, y: 0 });
    expect(facts(ex.blockingFailures)).toEqual(['x']);
  });

  it('puts a failure down to no leaf when a not over something that passed fails', () => {
    const ex = explain({ a: 1, b: 1, e: 1 });
    expect(ex.outcome).toBe(FAIL);
    expect(ex.blockingFailures).toBeNull();
  });

  it('leaves out the blocking failures when the caller does not want them', () => {
    const ex = explain({ a: 0, b: 0, c: 0, d: 0, e: 0 }, false);
    expect(ex.outcome).toBe(FAIL);
    expect(ex.blockingFailures).toEqual([]);
    expect(ex.leaves).toHaveLength(5);
  });

  it('passes empty groups as json-rules-engine does', () => {
    expect(compileExplain({ all: [] })({}).outcome).toBe(PASS);
    expect(compileExplain({ any: [] })({}).outcome).toBe(PASS);
  });

  it('explains one tree after another with the shared scratch outcomes, each on its own', () => {
    const small = compileExplain({ not: leaf('z', 1) });
    const first = explain({ a: 0, b: 0, c: 0, d: 0, e: 0 });
    expect(small({ z: 0 }).outcome).toBe(PASS);
    expect(facts(first.blockingFailures)).toEqual(['a', 'b']);
    expect(facts(explain({ a: 0, b: 0, c: 0, d: 0, e: 0 }).blockingFailures)).toEqual(['a', 'b']);
  });
});
