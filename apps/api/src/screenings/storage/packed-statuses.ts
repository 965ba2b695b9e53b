/**
 * A tenant's status per measure as stored in `screening_tenants.statuses`: three measures per character of a
 * 64-character alphabet (2 bits each: 0 ineligible, 1 eligible, 2 needs info, 3 near miss — @app/batch's
 * StatusCode), so 121 measures take 41 ASCII bytes instead of 121. Every reader and writer of the column goes
 * through this module.
 *
 * Character c (0-based) holds measures 3c, 3c+1, 3c+2 as the value 16·s(3c) + 4·s(3c+1) + s(3c+2); a missing
 * measure past the end counts as 0. The SQL filter for "measure i has status s" is
 * `SUBSTR(statuses, position, 1) IN (chars)` with the 16 characters `statusFilter(i, s)` lists: plain equality,
 * alike on SQLite and PostgreSQL (the alphabet is ASCII letters, digits, `-` and `_`: nothing a collation folds
 * together under `=`, nothing that needs quoting).
 */
export const STATUS_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
export const MEASURES_PER_CHAR = 3;
/** The highest status code a measure can hold (near miss). */
export const MAX_STATUS = 3;

const VALUE_OF = new Map<string, number>(Array.from(STATUS_ALPHABET, (ch, i) => [ch, i]));
const WEIGHTS = [16, 4, 1] as const;

/** Characters needed for `count` measures. */
export function packedLength(count: number): number {
  return Math.ceil(count / MEASURES_PER_CHAR);
}

/** One status code (0–3) per measure, in the screening's measure order, as the stored string. */
export function packStatuses(codes: ArrayLike<number>): string {
  let out = '';
  for (let c = 0; c < codes.length; c += MEASURES_PER_CHAR) {
    let value = 0;
    for (let k = 0; k < MEASURES_PER_CHAR; k++) {
      const code = c + k < codes.length ? codes[c + k] : 0;
      if (!Number.isInteger(code) || code < 0 || code > MAX_STATUS)
        throw new RangeError(`status code ${code} of measure ${c + k} is not 0–${MAX_STATUS}`);
      value += code * WEIGHTS[k];
    }
    out += STATUS_ALPHABET[value];
  }
  return out;
}

/** The stored string back as one status code per measure; `count` is the screening's number of measures. */
export function unpackStatuses(packed: string, count: number): number[] {
  if (packed.length !== packedLength(count))
    throw new RangeError(`statuses hold ${packed.length} characters, ${packedLength(count)} expected for ${count}`);
  const codes = new Array<number>(count);
  for (let c = 0; c < packed.length; c++) {
    const value = VALUE_OF.get(packed[c]);
    if (value === undefined) throw new RangeError(`statuses: "${packed[c]}" at ${c} is not a status character`);
    for (let k = 0; k < MEASURES_PER_CHAR; k++) {
      const i = c * MEASURES_PER_CHAR + k;
      if (i < count) codes[i] = Math.floor(value / WEIGHTS[k]) % 4;
    }
  }
  return codes;
}

/**
 * Where measure `index` (0-based) sits in the stored string — `position` is 1-based, for SQL's SUBSTR — and the
 * characters at that position that mean `status` for it (16 of the 64).
 */
export function statusFilter(index: number, status: number): { position: number; chars: string[] } {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`measure index ${index}`);
  if (!Number.isInteger(status) || status < 0 || status > MAX_STATUS) throw new RangeError(`status ${status}`);
  const weight = WEIGHTS[index % MEASURES_PER_CHAR];
  const chars = Array.from(STATUS_ALPHABET).filter((_, value) => Math.floor(value / weight) % 4 === status);
  return { position: Math.floor(index / MEASURES_PER_CHAR) + 1, chars };
}

/**
 * A string of the version-1 format (one digit per measure, `'0'`–`'3'`) in the packed form: the migration that
 * introduced packing converts stored rows with it.
 */
export function packDigitStatuses(digits: string): string {
  return packStatuses(
    Array.from(digits, (d) => {
      const code = d.charCodeAt(0) - 48;
      if (code < 0 || code > MAX_STATUS) throw new RangeError(`"${d}" is not a status digit`);
      return code;
    }),
  );
}
