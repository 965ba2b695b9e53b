import { FieldSpec, PROFILE_FIELD_NAMES, PROFILE_FIELDS, ProfileField } from '@app/engine';
import { BatchFileError } from '../batch-file-error';
import { splitUnit, unitFactor } from './unit-headers';

/**
 * Columns our own rejected-rows file adds, so a corrected rejected file can be uploaded again as it is.
 * They carry no profile data and are skipped on input.
 */
export const ANNOTATION_HEADERS = ['原行号', '错误原因', 'sourceRow', 'errors'];

export interface ColumnPlan {
  /** Per column: the profile field it holds, or null for a column with an empty or annotation header. */
  fields: (ProfileField | null)[];
  /** The headers as written in the file (trimmed). */
  headers: string[];
  /** Columns whose header is one of ours (ANNOTATION_HEADERS): their values are not profile data. */
  annotations: boolean[];
  /**
   * Per column: what a cell is multiplied by to reach the field's unit (元 for amounts), from a unit in the header
   * (营业收入（万元） → 10,000); 1 when the header names none. Absent in plans made before units were read.
   */
  factors?: number[];
  /** Per column: the unit its header names (万元), or null. */
  units?: (string | null)[];
}

/** Headers are compared after NFKC (full-width → half-width), without spaces, case-insensitively. */
export function normalizeHeader(header: string): string {
  return header
    .replace(/^\uFEFF/, '')
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .toLowerCase();
}

const HEADER_LOOKUP: ReadonlyMap<string, ProfileField> = new Map(
  PROFILE_FIELD_NAMES.flatMap((field) => {
    const spec = PROFILE_FIELDS[field] as FieldSpec;
    return [field, spec.header, spec.label.zh].map((h) => [normalizeHeader(h), field] as [string, ProfileField]);
  }),
);
const IGNORED = new Set(ANNOTATION_HEADERS.map(normalizeHeader));

/**
 * Maps a header row onto profile fields: each column is a field name (`revenue`), its CONTRACT §4 Chinese
 * header (`营业收入`) or its Chinese label. An unknown header stops the whole file — ignoring a column
 * would silently drop its data — and so does a field named twice (which value would count?).
 */
export function mapHeaders(cells: readonly unknown[]): ColumnPlan {
  const headers = cells.map((c) =>
    c === null || c === undefined
      ? ''
      : String(c as string | number)
          .trim()
          .replace(/^\uFEFF/, ''),
  );
  const fields: (ProfileField | null)[] = [];
  const annotations = headers.map((h) => IGNORED.has(normalizeHeader(h)));
  const unknown: string[] = [];
  const seen = new Map<ProfileField, string>();
  const duplicates: string[] = [];
  const factors: number[] = [];
  const units: (string | null)[] = [];
  headers.forEach((header) => {
    const key = normalizeHeader(header);
    factors.push(1);
    units.push(null);
    if (key === '' || IGNORED.has(key)) return void fields.push(null);
    const resolved = resolveHeader(key);
    if (!resolved) return void (unknown.push(header), fields.push(null));
    const { field } = resolved;
    if (resolved.unit !== null)
      [factors[factors.length - 1], units[units.length - 1]] = [resolved.factor, resolved.unit];
    if (seen.has(field)) duplicates.push(`${seen.get(field)} / ${header} → ${field}`);
    seen.set(field, header);
    fields.push(field);
  });
  if (seen.size === 0 && unknown.length === 0) {
    throw new BatchFileError('empty-file', { zh: '文件没有表头行', en: 'the file has no header row' });
  }
  if (unknown.length > 0) throw unknownHeaders(unknown);
  if (duplicates.length > 0) {
    throw new BatchFileError(
      'duplicate-headers',
      {
        zh: `同一字段出现在多列：${duplicates.join('；')}`,
        en: `the same field appears in several columns: ${duplicates.join('; ')}`,
      },
      duplicates,
    );
  }
  return { fields, headers, annotations, factors, units };
}

/** A header as a field name, its Chinese header or label — or one of those followed by its unit in brackets. */
function resolveHeader(key: string): { field: ProfileField; factor: number; unit: string | null } | null {
  const field = HEADER_LOOKUP.get(key);
  if (field) return { field, factor: 1, unit: null };
  const split = splitUnit(key);
  const base = split && HEADER_LOOKUP.get(split.base);
  if (!split || !base) return null;
  const factor = unitFactor(PROFILE_FIELDS[base], split.unit);
  return factor === undefined ? null : { field: base, factor, unit: split.unit };
}

/** How many cells of a row read as headers: the header locator prefers the row most like one. */
export function recognisedHeaders(cells: readonly unknown[]): number {
  let n = 0;
  for (const c of cells) {
    if (c === null || c === undefined) continue;
    const key = normalizeHeader(`${c as string | number}`.trim());
    if (key !== '' && resolveHeader(key)) n++;
  }
  return n;
}

function unknownHeaders(unknown: string[]): BatchFileError {
  const accepted = PROFILE_FIELD_NAMES.map((f) => `${(PROFILE_FIELDS[f] as FieldSpec).header} (${f})`).join(', ');
  return new BatchFileError(
    'unknown-headers',
    {
      zh: `无法识别的表头：${unknown.join('、')}。可用的表头：${accepted}`,
      en: `unknown column headers: ${unknown.join(', ')}. Accepted headers: ${accepted}`,
    },
    unknown,
  );
}
