import { FieldSpec } from '@app/engine';

/**
 * Headers that carry their unit, as government spreadsheets write them: 营业收入（万元）, 研发费用(千元),
 * 出口交货值【亿元】, revenue (yuan). Compared on the normalised header (NFKC, so full-width brackets are ASCII).
 */
const UNIT_SUFFIX = /^(.+?)(?:\(|\[|【)(?:单位[:：]?)?([^()[\]【】]+)(?:\)|\]|】)$/;

/** Money units to 元: the factor a cell is multiplied by. */
const MONEY_UNITS: ReadonlyMap<string, number> = new Map([
  ['元', 1],
  ['人民币元', 1],
  ['元人民币', 1],
  ['yuan', 1],
  ['cny', 1],
  ['rmb', 1],
  ['千元', 1_000],
  ['万元', 10_000],
  ['万', 10_000],
  ['万元人民币', 10_000],
  ['百万元', 1_000_000],
  ['亿元', 100_000_000],
  ['亿', 100_000_000],
]);

/** `营业收入(万元)` (normalised) → base `营业收入`, unit `万元`; null when the header names no unit. */
export function splitUnit(normalizedHeader: string): { base: string; unit: string } | null {
  const m = UNIT_SUFFIX.exec(normalizedHeader);
  return m ? { base: m[1], unit: m[2] } : null;
}

/**
 * The factor to the field's own unit: for an amount (元) any money unit above; for another field only its own unit
 * (从业人员（人）), factor 1. Undefined when the unit does not fit the field: the header is then unknown.
 */
export function unitFactor(spec: FieldSpec, unit: string): number | undefined {
  if (spec.unit?.zh === '元') return MONEY_UNITS.get(unit);
  if (spec.unit && [spec.unit.zh, spec.unit.en.toLowerCase()].includes(unit)) return 1;
  return undefined;
}

/** A cell's amount in 元 from the amount in the column's unit, to the fen, without binary fractions (1.23 万 = 12300). */
export function scaleAmount(value: number, factor: number): number {
  return factor === 1 ? value : Math.round(value * factor * 100) / 100;
}
