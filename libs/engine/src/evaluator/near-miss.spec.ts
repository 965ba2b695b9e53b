import { ConditionNode, LeafCondition } from '../types';
import { buildFacts } from '../facts/fact-registry';
import { compileExplain } from './explain';
import * as fc from 'fast-check';
import { formatYuan, localeNumber, nearMisses, withinNearMissReach } from './near-miss';

const leaf = (fact: string, operator: string, value: unknown): LeafCondition => ({
  fact,
  operator,
  value,
  label: { zh: fact, en: fact },
});
const missesFor = (conditions: ConditionNode, profile: Record<string, unknown>, lang: 'zh' | 'en' = 'zh') => {
  const facts = buildFacts(profile);
  return nearMisses(compileExplain(conditions)(facts).blockingFailures, facts, lang);
};

describe(nearMisses.name, () => {
  it('gives the gap and the extra R&D spend for an R&D intensity threshold', () => {
    const [m] = missesFor(
      { all: [leaf('rdIntensity', 'greaterThanInclusive', 0.06)] },
      { revenue: 200_000_000, rdExpense: 10_000_000 },
    );
    expect(m).toMatchObject({ fact: 'rdIntensity', actual: 0.05, required: 0.06, gap: 0.01, extraAmount: 2_000_000 });
    expect(m.hint).toBe('研发费用再增加 200 万元即可达到 6%');
  });

  it('reports every failing threshold of an `all`', () => {
    const misses = missesFor(
      { all: [leaf('revenue', 'greaterThanInclusive', 1e8), leaf('employees', 'greaterThanInclusive', 300)] },
      { revenue: 9e7, employees: 250 },
      'en',
    );
    expect(misses.map((m) => [m.fact, m.gap])).toEqual([
      ['revenue', 1e7],
      ['employees', 50],
    ]);
  });

  it('reports only the closest alternative of a failed `any`, the first written on a tie', () => {
    const conditions: ConditionNode = {
      any: [
        { all: [leaf('revenue', 'greaterThan', 2e8), leaf('employees', 'greaterThanInclusive', 1000)] },
        leaf('rdIntensity', 'greaterThanInclusive', 0.04),
        leaf('inventionPatents', 'greaterThanInclusive', 5),
      ],
    };
    const misses = missesFor(conditions, { revenue: 1e8, employees: 10, rdExpense: 3e6, inventionPatents: 1 });
    expect(misses.map((m) => m.fact)).toEqual(['rdIntensity']);
  });

  it('offers no near miss when a blocking condition is not a numeric threshold', () => {
    expect(
      missesFor(
        { all: [leaf('rdIntensity', 'greaterThanInclusive', 0.06), leaf('listed', 'equal', true)] },
        { revenue: 1e8, rdExpense: 1e6, listed: false },
      ),
    ).toEqual([]);
  });

  it('offers no near miss when a `not` blocks', () => {
    expect(missesFor({ not: leaf('revenue', 'lessThan', 1e9) }, { revenue: 5 })).toEqual([]);
  });

  it('says a strict threshold must be exceeded, also when the firm sits exactly on it', () => {
    const strict: ConditionNode = { all: [leaf('rdIntensity', 'greaterThan', 0.1)] };
    expect(missesFor(strict, { revenue: 1e8, rdExpense: 8e6 })[0]).toMatchObject({
      extraAmount: 2_000_000,
      hint: '研发费用须再增加 200 万元以上才能超过 10%',
    });
    expect(missesFor(strict, { revenue: 1e8, rdExpense: 1e7 }, 'en')[0]).toMatchObject({
      gap: 0,
      extraAmount: 0,
      hint: 'R&D intensity is exactly 10%; it must exceed 10%',
    });
  });

  it('never offers a near miss on a ceiling: a firm does not aim to shrink under a limit', () => {
    expect(missesFor({ all: [leaf('employees', 'lessThanInclusive', 500)] }, { employees: 620 })).toEqual([]);
    expect(
      missesFor(
        { all: [leaf('rdIntensity', 'greaterThanInclusive', 0.06), leaf('employees', 'lessThan', 500)] },
        { revenue: 1e8, rdExpense: 5.5e6, employees: 600 },
      ),
    ).toEqual([]);
  });

  it('offers a near miss only within 30% of the required value (CONTRACT §2)', () => {
    const floor: ConditionNode = { all: [leaf('revenue', 'greaterThanInclusive', 1e9)] };
    expect(missesFor(floor, { revenue: 7e8 })).toEqual([expect.objectContaining({ gap: 3e8 })]);
    expect(missesFor(floor, { revenue: 6.99e8 })).toEqual([]);
    expect(missesFor(floor, { revenue: 8e6 })).toEqual([]); // 800万 against 10 亿: far, not "差一点"
  });

  it('offers no near miss on a "more than zero" test: there is no distance to speak of', () => {
    expect(missesFor({ all: [leaf('rdExpense', 'greaterThan', 0)] }, { rdExpense: 0 })).toEqual([]);
  });
});

describe(withinNearMissReach.name, () => {
  it.each([
    [0.05, 0.06, true],
    [0.042, 0.06, true],
    [0.0419, 0.06, false],
    [0, 0, false],
    [10, 0, false],
    [70, 100, true],
    [69.99, 100, false],
  ])('%d against %d: %s', (actual, required, expected) => {
    expect(withinNearMissReach(actual, required)).toBe(expected);
  });
});

describe(formatYuan.name, () => {
  it.each([
    [2_000_000, 'zh', '200 万元'],
    [12_345, 'zh', '1.2345 万元'],
    [800, 'zh', '800 元'],
    [2_000_000, 'en', '2,000,000 yuan'],
  ] as const)('formats %d in %s as %s', (amount, lang, text) => {
    expect(formatYuan(amount, lang)).toBe(text);
  });
});

describe('localeNumber', () => {
  it('writes what toLocaleString writes, with the formatter made once', () => {
    const amounts = fc.oneof(
      fc.double({ min: -1e15, max: 1e15, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }),
      fc.constantFrom(0, -0, 0.005, 1234.5678, 99_999.995, 1e15, Infinity, -Infinity, NaN),
    );
    fc.assert(
      fc.property(
        amounts,
        fc.constantFrom('en-US' as const, 'zh-CN' as const),
        fc.constantFrom(undefined, 2, 4),
        (x, locale, digits) => {
          const expected =
            digits === undefined
              ? x.toLocaleString(locale)
              : x.toLocaleString(locale, { maximumFractionDigits: digits });
          expect(localeNumber(x, locale, digits)).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
