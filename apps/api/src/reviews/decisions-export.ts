import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { DecisionExportRow } from './decisions.service';

const COLUMNS: { header: string; value: (r: DecisionExportRow) => string | number | null }[] = [
  { header: 'decidedAt', value: (r) => r.decidedAt },
  { header: 'decision', value: (r) => r.decision },
  { header: 'comment', value: (r) => r.comment },
  { header: 'previousState', value: (r) => r.previousState },
  { header: 'decidedBy', value: (r) => r.decidedBy.name },
  { header: 'reviewId', value: (r) => r.reviewId },
  { header: 'seq', value: (r) => r.seq },
  { header: 'source', value: (r) => r.item.sourceType },
  { header: 'sourceId', value: (r) => r.item.sourceId },
  { header: 'sourceRow', value: (r) => r.item.sourceKey || null },
  { header: 'measureId', value: (r) => r.item.measureId },
  { header: 'measureVersion', value: (r) => r.item.measureVersion },
  { header: 'rulePackVersion', value: (r) => r.item.rulePackVersion },
  { header: 'matchStatus', value: (r) => r.item.matchStatus },
  { header: 'companyName', value: (r) => r.item.companyName },
  { header: 'creditCode', value: (r) => r.item.creditCode },
  { header: 'city', value: (r) => r.item.city },
  { header: 'parkId', value: (r) => r.item.parkId },
];

/**
 * A spreadsheet opening the CSV would run a cell starting with = + - @ as a formula; comments are free text,
 * so such cells get a leading apostrophe (OWASP "CSV injection"). XLSX cells are typed strings: no need there.
 */
export function neutralizeFormula(value: string | number | null): string | number | null {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** UTF-8 with a BOM, so Excel opens the Chinese text correctly. */
export function decisionsCsv(rows: DecisionExportRow[]): Buffer {
  const body = stringify([
    COLUMNS.map((c) => c.header),
    ...rows.map((r) => COLUMNS.map((c) => neutralizeFormula(c.value(r)))),
  ]);
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}

export async function decisionsXlsx(rows: DecisionExportRow[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('decisions');
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, key: c.header, width: c.header === 'comment' ? 60 : 20 }));
  for (const r of rows) sheet.addRow(COLUMNS.map((c) => c.value(r) ?? ''));
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
