import {
  buildFacts,
  checkFieldValue,
  emptyProfile,
  FactValues,
  FieldErrors,
  FieldSpec,
  Lang,
  PROFILE_FIELD_NAMES,
  PROFILE_FIELDS,
  ProfileField,
  profileWarnings,
  ProfileWarning,
  renderFieldError,
} from '@app/engine';
import { Coercer, coercerFor } from './cell-coercion';
import { ColumnPlan } from './header-map';
import { scaleAmount } from './unit-headers';
import type { Cell } from './raw-record';

export type RowCheck = { ok: true; facts: FactValues; warnings: ProfileWarning[] } | { ok: false; errors: FieldErrors };

// Bound once: a call through the package's re-export getter costs more than the check itself on this path.
const checkValue = checkFieldValue;
const factsOf = buildFacts;
const newProfile = emptyProfile;
const warningsOf = profileWarnings;

const NO_WARNINGS: ProfileWarning[] = [];

interface Column {
  index: number;
  field: ProfileField;
  spec: FieldSpec;
  coerce: Coercer;
}

/**
 * Checks one batch row with the engine's field checker and messages (checkFieldValue + renderFieldError) after
 * reading each cell with the engine's text reader, then builds its facts with the engine's buildFacts: the
 * same three steps as an API request. An empty cell is unknown. A bad row yields `{ field: [reason] }` — the
 * same shape and words as an API 400.
 */
export class RowValidator {
  private readonly columns: Column[];
  private readonly width: number;
  /** Columns with an empty header cell. */
  private readonly headerless: number[];

  constructor(
    plan: ColumnPlan,
    private readonly lang: Lang = 'zh',
  ) {
    this.width = plan.fields.length;
    this.headerless = plan.fields.flatMap((f, i) => (f === null && !plan.annotations[i] ? [i] : []));
    this.columns = plan.fields.flatMap((field, index) => {
      if (!field) return [];
      const spec = PROFILE_FIELDS[field] as FieldSpec;
      const factor = plan.factors?.[index] ?? 1;
      return [{ index, field, spec, coerce: factor === 1 ? coercerFor(spec) : scaled(coercerFor(spec), factor) }];
    });
  }

  check(cells: readonly Cell[]): RowCheck {
    const profile = newProfile() as Record<string, unknown>;
    let errors: FieldErrors | null = null;
    const columns = this.columns;
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k];
      const cell = cells[col.index];
      if (cell === undefined || cell === null || cell === '') continue;
      const value = col.coerce(cell);
      if (value === undefined) continue;
      const code = checkValue(col.spec, value);
      if (code) (errors ??= {})[col.field] = [renderFieldError(col.field, code, this.lang)];
      else profile[col.field] = value;
    }
    if (this.headerless.length > 0 || cells.length > this.width) {
      const stray = this.strayCells(cells);
      if (stray) errors = { ...errors, ...stray };
    }
    if (errors) return { ok: false, errors };
    // Warnings need a credit code or an R&D expense (checked against revenue); most rows skip the call.
    const warnings =
      profile.creditCode === undefined && profile.rdExpense === undefined
        ? NO_WARNINGS
        : warningsOf(profile, this.lang);
    return { ok: true, facts: factsOf(profile), warnings };
  }

  /** Values in columns without a header would otherwise be dropped silently: they make the row bad. */
  private strayCells(cells: readonly Cell[]): FieldErrors | null {
    let out: FieldErrors | null = null;
    const report = (i: number) => {
      (out ??= {})[`column ${i + 1}`] = [
        this.lang === 'zh'
          ? `第 ${i + 1} 列没有表头，其中的值无法归入任何字段`
          : `column ${i + 1} has a value but no header`,
      ];
    };
    for (const i of this.headerless) if (i < cells.length && !isEmpty(cells[i])) report(i);
    for (let i = this.width; i < cells.length; i++) if (!isEmpty(cells[i])) report(i);
    return out;
  }
}

/**
 * A column whose header names a unit (万元): the amount read, in 元. Anything not a number is left to the checker, and
 * so is a cell that writes a unit of its own (`1000万` under 营业收入（万元）): scaling it again would be 10,000 times
 * too much, so it goes to the checker as text and the row is refused naming the field.
 */
function scaled(coerce: Coercer, factor: number): Coercer {
  return (cell) => {
    if (typeof cell === 'string' && /[万亿元]/.test(cell)) return cell;
    const value = coerce(cell);
    return typeof value === 'number' && Number.isFinite(value) ? scaleAmount(value, factor) : value;
  };
}

function isEmpty(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || cell === '' || (typeof cell === 'string' && cell.trim() === '');
}

/** The profile part of a facts object as the API would have received it (unknown fields left out). */
export function profileJson(facts: FactValues): string {
  return JSON.stringify(facts, PROFILE_FIELD_NAMES as string[]);
}
