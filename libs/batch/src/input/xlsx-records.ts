import * as fs from 'node:fs';
import type * as ExcelJS from 'exceljs';
import { BatchFileError } from '../batch-file-error';
import type { ByteMeter, Cell, RawRecord } from './raw-record';
import { FirstSheetWithData } from './sheet-choice';

interface SheetMeta {
  name: string;
}
interface ReaderInternals {
  model?: { sheets?: SheetMeta[] };
}

/**
 * Streams the rows of the workbook's first sheet that holds data (in the workbook's tab order; `sheet-choice.ts`)
 * with exceljs's streaming reader. Rows are numbered as Excel numbers them; rows Excel does not store are absent.
 */
export async function* readXlsxRecords(file: string, meter?: ByteMeter): AsyncGenerator<RawRecord> {
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (meter)
    input.on('data', (chunk) => {
      meter.bytesRead += chunk.length;
    });
  // Loaded on first use: exceljs takes a tenth of a second to load, which a CSV run should not pay.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
  const { stream: excelStream } = require('exceljs') as typeof ExcelJS;
  const reader = new excelStream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  let sawSheet = false;
  const choice = new FirstSheetWithData(() => (reader as unknown as ReaderInternals).model?.sheets?.map((s) => s.name));
  try {
    for await (const sheet of reader) {
      if (!choice.wants((sheet as unknown as { name?: string }).name)) {
        for await (const row of sheet) void row; // drain a sheet that is not the one wanted now
        continue;
      }
      sawSheet = true;
      for await (const row of sheet) {
        const cells = toCells(row.values as unknown[]);
        if (choice.accept(cells)) yield { rowNumber: row.number, cells };
      }
      if (choice.finished()) break;
    }
  } catch (e) {
    if (e instanceof BatchFileError) throw e;
    throw new BatchFileError('unreadable', {
      zh: `无法读取 XLSX 文件：${(e as Error).message}`,
      en: `cannot read the XLSX file: ${(e as Error).message}`,
    });
  } finally {
    input.destroy();
  }
  if (!sawSheet) throw new BatchFileError('empty-file', { zh: '工作簿没有工作表', en: 'the workbook has no sheet' });
}

/** exceljs row.values is 1-based and sparse. */
function toCells(values: unknown[]): Cell[] {
  const cells = new Array<Cell>(Math.max(0, values.length - 1));
  for (let i = 1; i < values.length; i++) cells[i - 1] = toCell(values[i]);
  return cells;
}

/** Excel values to plain cells: rich text joined, a formula's cached result, a hyperlink's text, an error's code. */
export function toCell(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
  if ('formula' in v || 'sharedFormula' in v) return toCell(v.result);
  if (typeof v.text === 'string') return v.text;
  if (typeof v.error === 'string') return v.error;
  return JSON.stringify(value);
}
