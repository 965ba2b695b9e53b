import {
  checkFieldValue, DERIVED_FACTS, EnterpriseProfile, FactValues, FieldErrors, FieldSpec, Lang, PROFILE_FIELD_NAMES, PROFILE_FIELDS,
  ProfileField, profileWarnings, ProfileWarning, renderFieldError,
} from '@app/engine';
import { Coercer, coercerFor, EMPTY } from './cell-coercion';
import { ColumnPlan } from './header-map';
import type { Cell } from './raw-record';

export type RowCheck =
  | { ok: true; facts: FactValues; warnings: ProfileWarning[] }
  | { ok: false; errors: FieldErrors };

// Bound once: a call through the package's re-export getter costs more than the check itself on this path.
const checkValue = checkFieldValue;
const derivedFacts = DERIVED_FACTS;
const warningsOf = profileWarnings;

const FACT_NAMES = [...PROFILE_FIELD_NAMES, ...DERIVED_FACTS.map((f) => f.name)];
/**
 * Facts objects all of one shape (every field present, `undefined` = unknown), so the generated status
 * functions see a single hidden class and their property reads stay monomorphic.
 */
// eslint-disable-next-line @typescript-eslint/no-implied-eval
const newFacts = new Function(`return {${FACT_NAMES.map((n) => `${JSON.stringify(n)}:undefined`).join(',')}};`) as () => FactValues;

const NO_WARNINGS: ProfileWarning[] = [];
const TEXT_FIELDS = new Set<string>(['creditCode', 'name', 'parkId']);

interface Column {
  index: number;
  field: ProfileField;
  spec: FieldSpec;
  coerce: Coercer;
  text: boolean;
}

/**
 * Checks one batch row with the API's rules and messages (checkFieldValue + renderFieldError), after
 * coercing spreadsheet spellings (是/否, 1,234, 深圳, ;-separated lists). An empty cell is unknown.
 * A bad row yields `{ field: [reason] }` — the same shape and words as an API 400.
 */
export class RowValidator {
  private readonly columns: Column[];
  private readonly width: number;
  /** Columns with an empty header cell. */
  private readonly headerless: number[];

  constructor(plan: ColumnPlan, private readonly lang: Lang = 'zh') {
    this.width = plan.fields.length;
    this.headerless = plan.fields.flatMap((f, i) => (f === null && !plan.annotations[i] ? [i] : []));
    this.columns = plan.fields.flatMap((field, index) => {
      if (!field) return [];
      const spec = PROFILE_FIELDS[field] as FieldSpec;
      return [{ index, field, spec, coerce: coercerFor(spec), text: TEXT_FIELDS.has(field) }];
    });
  }

  check(cells: readonly Cell[]): RowCheck {
    const facts = newFacts();
    let errors: FieldErrors | null = null;
    const columns = this.columns;
    for (let k = 0; k < columns.length; k++) {
      const col = columns[k];
      const cell = cells[col.index];
      if (cell === undefined || cell === null || cell === '') continue;
      const value = col.coerce(cell);
      if (value === EMPTY) continue;
      const code = checkValue(col.spec, value);
      if (code) (errors ??= {})[col.field] = [renderFieldError(col.field, code, this.lang)];
      else if (col.text && (value as string).includes('\uFFFD')) (errors ??= {})[col.field] = [this.garbled(col.field)];
      else facts[col.field] = value;
    }
    if (this.headerless.length > 0 || cells.length > this.width) {
      const stray = this.strayCells(cells);
      if (stray) errors = { ...errors, ...stray };
    }
    if (errors) return { ok: false, errors };
    for (const d of derivedFacts) facts[d.name] = d.derive!(facts);
    const warnings = facts.creditCode === undefined ? NO_WARNINGS : warningsOf(facts as EnterpriseProfile, this.lang);
    return { ok: true, facts, warnings };
  }

  /** Values in columns without a header would otherwise be dropped silently: they make the row bad. */
  private strayCells(cells: readonly Cell[]): FieldErrors | null {
    let out: FieldErrors | null = null;
    const report = (i: number) => {
      (out ??= {})[`column ${i + 1}`] = [this.lang === 'zh'
        ? `第 ${i + 1} 列没有表头，其中的值无法归入任何字段` : `column ${i + 1} has a value but no header`];
    };
    for (const i of this.headerless) if (i < cells.length && !isEmpty(cells[i])) report(i);
    for (let i = this.width; i < cells.length; i++) if (!isEmpty(cells[i])) report(i);
    return out;
  }

  private garbled(field: ProfileField): string {
    const label = (PROFILE_FIELDS[field] as FieldSpec).label;
    return this.lang === 'zh'
      ? `${label.zh}（${field}）含有无法识别的字符（文件编码可能有误）`
      : `${field} (${label.en}) contains characters that could not be decoded (wrong file encoding?)`;
  }
}

function isEmpty(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || cell === '' || (typeof cell === 'string' && cell.trim() === '');
}

/** The profile part of a facts object as the API would have received it (unknown fields left out). */
export function profileJson(facts: FactValues): string {
  return JSON.stringify(facts, PROFILE_FIELD_NAMES as string[]);
}
