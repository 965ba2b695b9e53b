import fc from 'fast-check';
import { propertyRuns } from '../../../../../test/support/property-runs';
import {
  MEASURES_PER_CHAR,
  packDigitStatuses,
  packedLength,
  packStatuses,
  STATUS_ALPHABET,
  statusFilter,
  unpackStatuses,
} from './packed-statuses';

/** What `SUBSTR(statuses, position, 1) IN (chars)` answers, in JavaScript. */
const sqlFilter = (packed: string, index: number, status: number) => {
  const { position, chars } = statusFilter(index, status);
  return chars.includes(packed.substring(position - 1, position));
};

describe('packed statuses', () => {
  it('uses 64 distinct ASCII characters that need no quoting in SQL', () => {
    expect(new Set(STATUS_ALPHABET).size).toBe(64);
    expect(STATUS_ALPHABET).toMatch(/^[A-Za-z0-9_-]{64}$/);
  });

  it('packs 121 measures into 41 characters', () => {
    expect(packedLength(121)).toBe(41);
    expect(packStatuses(new Uint8Array(121))).toHaveLength(41);
    expect(packStatuses(new Uint8Array(121))).toBe('A'.repeat(41));
  });

  it('round-trips every status at every position, alone and among other statuses, and the SQL filter finds exactly it', () => {
    for (const count of [1, 2, 3, 4, 5, 6, 7, 121]) {
      for (let i = 0; i < count; i++) {
        for (let s = 0; s <= 3; s++) {
          for (const background of [0, 1, 2, 3]) {
            const codes = new Array<number>(count).fill(background);
            codes[i] = s;
            const packed = packStatuses(codes);
            expect(packed).toHaveLength(Math.ceil(count / MEASURES_PER_CHAR));
            expect(unpackStatuses(packed, count)).toEqual(codes);
            for (let other = 0; other <= 3; other++) expect(sqlFilter(packed, i, other)).toBe(other === s);
          }
        }
      }
    }
  });

  it('round-trips any statuses, and the filter agrees with the unpacked codes for every measure and status', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }), (codes) => {
        const packed = packStatuses(Uint8Array.from(codes));
        expect(unpackStatuses(packed, codes.length)).toEqual(codes);
        codes.forEach((code, i) => {
          for (let s = 0; s <= 3; s++) expect(sqlFilter(packed, i, s)).toBe(code === s);
        });
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('lists 16 characters per measure and status, and the four statuses of a measure split the alphabet', () => {
    for (let i = 0; i < 6; i++) {
      const all = [0, 1, 2, 3].flatMap((s) => statusFilter(i, s).chars);
      expect(all.sort()).toEqual(Array.from(STATUS_ALPHABET).sort());
      for (let s = 0; s <= 3; s++) expect(statusFilter(i, s).chars).toHaveLength(16);
      expect(statusFilter(i, 0).position).toBe(Math.floor(i / 3) + 1);
    }
  });

  it('converts the one-digit-per-measure format of earlier versions', () => {
    const digits = '0123012301233';
    expect(unpackStatuses(packDigitStatuses(digits), digits.length).join('')).toBe(digits);
  });

  it('refuses codes, characters and lengths it cannot stand for, naming them', () => {
    expect(() => packStatuses([0, 4])).toThrow('status code 4 of measure 1');
    expect(() => packStatuses([-1])).toThrow(RangeError);
    expect(() => unpackStatuses('A*', 6)).toThrow('"*" at 1');
    expect(() => unpackStatuses('AA', 7)).toThrow('3 expected for 7');
    expect(() => packDigitStatuses('019')).toThrow('"9" is not a status digit');
    expect(() => statusFilter(0, 4)).toThrow(RangeError);
    expect(() => statusFilter(-1, 0)).toThrow(RangeError);
  });
});
