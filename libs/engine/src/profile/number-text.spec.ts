import fc from 'fast-check';
import { propertyRuns } from '../../../../test/support/property-runs';
import { parseNumberText } from './number-text';

const amount = (text: string) => parseNumberText(text, { amount: true });

describe(parseNumberText.name, () => {
  it.each([
    ['1000万', 10_000_000],
    ['1000万元', 10_000_000],
    ['1.2亿', 120_000_000],
    ['1.2 亿元', 120_000_000],
    ['3.14159万', 31_415.9],
    ['1.23万', 12_300],
    ['500元', 500],
    ['１０００万', 10_000_000],
    ['１２３', 123],
    ['１，２３４．５', 1234.5],
    ['－５', -5],
    ['1,234,567.5', 1_234_567.5],
    ['1,000万', 10_000_000],
    [' 12 ', 12],
    ['.5', 0.5],
    ['1.2E+08', 120_000_000],
    ['+7', 7],
  ])('reads the amount %s as %d', (text, expected) => {
    expect(amount(text)).toBe(expected);
  });

  it.each([
    '1,2,3',
    '12,34',
    '1,234,5',
    '1,2345',
    ',123',
    '123,',
    '1 000',
    '2 000 000',
    'abc',
    '12abc',
    '0x10',
    '1_000',
    'Infinity',
    'NaN',
    '万',
    '元',
    '1万万',
    '10²',
    '①',
    '1e3万',
    '1,234e3',
    '--5',
    '1.2.3',
  ])('refuses %s: returns the text itself, never a number', (text) => {
    expect(amount(text)).toBe(text.trim());
  });

  it('takes no 万/亿/元 on whole-number fields', () => {
    expect(parseNumberText('3万')).toBe('3万');
    expect(parseNumberText('３２０')).toBe(320);
    expect(parseNumberText('1,200')).toBe(1200);
  });

  it('reads a blank text as unknown', () => {
    expect(amount('')).toBeUndefined();
    expect(amount('  \u3000 ')).toBeUndefined();
  });

  it('never reads commas between digits as a number unless they group threes: "1,2,3" is never 123', () => {
    const digits = fc.stringMatching(/^[0-9]{1,4}$/);
    fc.assert(
      fc.property(fc.array(digits, { minLength: 2, maxLength: 5 }), (groups) => {
        const text = groups.join(',');
        const properlyGrouped = /^\d{1,3}(,\d{3})+$/.test(text);
        const read = amount(text);
        expect(typeof read === 'number').toBe(properlyGrouped);
        if (properlyGrouped) expect(read).toBe(Number(groups.join('')));
      }),
      { numRuns: propertyRuns(2000) },
    );
  });

  it('reads every whole number the same in plain, grouped and full-width spelling', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => {
        const grouped = n.toLocaleString('en-US');
        const fullWidth = grouped.replace(/[0-9,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
        expect([String(n), grouped, fullWidth].map((t) => parseNumberText(t))).toEqual([n, n, n]);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
