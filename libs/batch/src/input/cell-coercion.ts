import { FieldSpec, textReaderFor } from '@app/engine';
import type { Cell } from './raw-record';

/**
 * Turns one non-empty cell into the value the API would receive for that field. Text cells are read by the
 * engine's `textReaderFor` — the same reader as the web form's boxes, so "1000万", "１２３", "1,234", "是" and
 * "深圳市" mean the same in both (the rule is in libs/engine/src/profile/number-text.ts). XLSX cells that are
 * already numbers or booleans are taken as they are. Coercion never guesses: "abc" in a number column stays
 * "abc" and the engine's checkFieldValue refuses it with the API's own message. `undefined` = unknown.
 */
export type Coercer = (cell: Cell) => unknown;

export function coercerFor(spec: FieldSpec): Coercer {
  const read = textReaderFor(spec);
  switch (spec.type) {
    case 'string':
      // A name or park id that Excel stored as a number is still that text.
      return (cell) => (typeof cell === 'string' ? read(cell) : typeof cell === 'number' ? String(cell) : cell);
    case 'boolean':
      return (cell) =>
        typeof cell === 'string' ? read(cell) : typeof cell === 'number' ? numberAsBoolean(cell) : cell;
    default:
      // A credit code Excel turned into a number (losing digits) stays a number and fails as "must be text".
      return (cell) => (typeof cell === 'string' ? read(cell) : cell);
  }
}

function numberAsBoolean(n: number): unknown {
  return n === 1 ? true : n === 0 ? false : n;
}
