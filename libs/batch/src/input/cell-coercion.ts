import { CITY_LABELS, FieldSpec, LocalizedText } from '@app/engine';
import type { Cell } from './raw-record';

/**
 * Turns one non-empty cell into the value the API would receive for that field, or leaves it as it is when
 * it cannot be read as such — then the engine's checkFieldValue rejects it with the API's own message.
 * Coercion never guesses: "abc" in a number column stays "abc" and is reported, not read as 0.
 */
export type Coercer = (cell: Cell) => unknown;

/** What a coercer returns for a cell of only spaces: unknown, like an empty cell. */
export const EMPTY = Symbol('empty cell');

const TRUE = new Set(['是', 'true', '1', 'y', 'yes', '√', 't']);
const FALSE = new Set(['否', 'false', '0', 'n', 'no', '×', 'f']);

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/;

/** "1,234,567.5" or "1234567.5" or " 12 " → number; anything else unchanged. Hex, "1_000", "" are not numbers. */
export function coerceNumber(cell: Cell): unknown {
  if (typeof cell !== 'string') return cell;
  let s = cell.trim();
  if (s === '') return EMPTY;
  if (PLAIN_NUMBER.test(s)) return Number(s);
  if (GROUPED_NUMBER.test(s)) {
    s = s.replace(/,/g, '');
    return Number(s);
  }
  return cell;
}

export function coerceBoolean(cell: Cell): unknown {
  if (typeof cell === 'boolean') return cell;
  if (typeof cell === 'number') return cell === 1 ? true : cell === 0 ? false : cell;
  const s = cell === null ? '' : cell.trim().toLowerCase();
  if (s === '') return EMPTY;
  if (TRUE.has(s)) return true;
  if (FALSE.has(s)) return false;
  return cell;
}

/** Every spelling of an enum value that a person might write: the id, the Chinese and English labels. */
function enumLookup(spec: { values: readonly string[]; labels: Record<string, LocalizedText> }): Map<string, string> {
  const lookup = new Map<string, string>();
  for (const id of spec.values) {
    const label = spec.labels[id];
    for (const spelling of [id, label.zh, label.en]) {
      lookup.set(spelling, id); // exact spellings first: no normalising on the common path
      lookup.set(normalize(spelling), id);
    }
    // 深圳市 as well as 深圳
    if (label === (CITY_LABELS as Record<string, LocalizedText>)[id] && id !== 'outside-guangdong') lookup.set(normalize(`${label.zh}市`), id);
  }
  return lookup;
}

/** Full-width → half-width, no spaces, lower case; curly quotes as straight ones (专精特新"小巨人"). */
function normalize(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, '').replace(/[“”]/g, '"').toLowerCase();
}

function trimmed(cell: string): string | typeof EMPTY {
  const t = cell.trim();
  return t === '' ? EMPTY : t;
}

/** The id for a spelling, or the trimmed text itself (which validation then rejects as not in the list). */
function lookupEnum(lookup: Map<string, string>, text: string): string {
  return lookup.get(text) ?? lookup.get(normalize(text)) ?? text;
}

const ARRAY_SEPARATOR = /[;；]/;

export function coercerFor(spec: FieldSpec): Coercer {
  switch (spec.type) {
    case 'creditCode':
      // A number here is a code Excel turned into a number (losing digits): let it fail as "must be text".
      return (cell) => (typeof cell === 'string' ? trimmed(cell) : cell);
    case 'string':
      return (cell) => (typeof cell === 'string' ? trimmed(cell) : typeof cell === 'number' ? String(cell) : cell);
    case 'integer':
    case 'number':
      return coerceNumber;
    case 'boolean':
      return coerceBoolean;
    case 'enum': {
      const lookup = enumLookup(spec);
      return (cell) => {
        if (typeof cell !== 'string') return cell;
        const t = cell.trim();
        return t === '' ? EMPTY : lookupEnum(lookup, t);
      };
    }
    case 'enumArray': {
      const lookup = enumLookup(spec);
      return (cell) => {
        if (typeof cell !== 'string') return cell;
        const out: string[] = [];
        const parts = cell.indexOf(';') < 0 && cell.indexOf('；') < 0 ? [cell] : cell.split(ARRAY_SEPARATOR);
        for (let i = 0; i < parts.length; i++) {
          const p = parts[i].trim();
          if (p !== '') out.push(lookupEnum(lookup, p));
        }
        return out.length === 0 && cell.trim() === '' ? EMPTY : out;
      };
    }
  }
}
