import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Lang } from '@app/engine';

/** A column of an export: its header in each language, and the cell of a row. */
export interface ExportColumn<T> {
  zh: string;
  en: string;
  // A method signature (bivariant), so sheets of different row types can go into one workbook.
  value(row: T, lang: Lang): string | number | null;
  width?: number;
}

export interface ExportSheet<T> {
  name: { zh: string; en: string };
  columns: ExportColumn<T>[];
  rows: T[];
}

/**
 * A spreadsheet opening the CSV would run a cell starting with = + - @ as a formula; comments are free text,
 * so such cells get a leading apostrophe (OWASP "CSV injection"). XLSX cells are typed strings: no need there.
 */
export function neutralizeFormula(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** UTF-8 with a BOM, so Excel opens the Chinese text correctly; headers in `lang`. */
export function tableCsv<T>(sheet: ExportSheet<T>, lang: Lang): Buffer {
  const body = stringify([
    sheet.columns.map((c) => c[lang]),
    ...sheet.rows.map((r) => sheet.columns.map((c) => neutralizeFormula(c.value(r, lang)))),
  ]);
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}

/** One worksheet per sheet, headers in `lang`, bold. */
export async function tablesXlsx(sheets: ExportSheet<unknown>[], lang: Lang): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = workbook.addWorksheet(s.name[lang]);
    ws.columns = s.columns.map((c, i) => ({ header: c[lang], key: `c${i}`, width: c.width ?? 18 }));
    for (const r of s.rows) ws.addRow(s.columns.map((c) => c.value(r, lang) ?? ''));
    ws.getRow(1).font = { bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Decision and state names as a person reads them. */
export const STATE_LABELS: Record<string, { zh: string; en: string }> = {
  pending: { zh: '待审核', en: 'pending' },
  confirmed: { zh: '审核通过', en: 'confirmed' },
  rejected: { zh: '不予通过', en: 'rejected' },
  'needs-info': { zh: '需补充材料', en: 'needs info' },
  paid: { zh: '已拨付', en: 'paid' },
  decided: { zh: '已办结', en: 'decided' },
  eligible: { zh: '符合', en: 'eligible' },
  needs_info: { zh: '需补充信息', en: 'needs info' },
  submission: { zh: '企业申报', en: 'company application' },
  screening: { zh: '园区推送', en: 'park screening' },
};

export const labelOf = (value: string | null, lang: Lang): string | null =>
  value === null ? null : (STATE_LABELS[value]?.[lang] ?? value);
