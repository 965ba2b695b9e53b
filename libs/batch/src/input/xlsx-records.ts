import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type * as ExcelJS from 'exceljs';
import { BatchFileError } from '../batch-file-error';
import { ByteMeter, Cell, isBlank, RawRecord } from './raw-record';
import { checkControl, DEFAULT_READ_LIMITS, ReadControl, ReadLimits, tooLarge, tooManyRows } from './read-limits';
import { openXlsxParts, SMALL_PART_BYTES, XlsxPart, XlsxParts } from './xlsx-parts';

interface Budget {
  left: number;
  total: number;
}

/** The parts of exceljs's streaming WorkbookReader used here (pinned exceljs 4.4.0; see readXlsxRecords). */
interface WorkbookReaderParts {
  model?: { sheets?: { name: string; rId: string }[] };
  workbookRels?: { Id: string; Target: string }[];
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    chunks: AsyncIterable<string>,
    sheetNo: string,
  ): Generator<{ value: AsyncIterable<{ number: number; values: unknown }> }>;
}

/**
 * Streams the rows of the workbook's first sheet, in tab order, that holds data: a park's workbook often opens with
 * an empty or cover sheet, which is read past (its blank rows count against the same caps).
 *
 * The zip's central directory is read first (yauzl-style random access through unzipper's `Open.file`), so each
 * part's declared size is checked before anything is inflated, and the parts are read in the order this reader
 * needs: relationships, workbook, shared strings, then only the first sheet. exceljs's own zip loop is not used:
 * it writes a sheet stored before the shared strings (or any sheet of a workbook without them) to a temporary
 * file in full before parsing it, which is how a 1.7 MB file became 1.1 GB of blank rows on disk. exceljs still
 * does the XML: its workbook, shared-strings and worksheet parsers are fed decompressed text that is counted as it
 * is inflated (declared sizes can lie) and decoded with a streaming UTF-8 decoder (a character split between two
 * chunks stays whole). A sheet whose XML does not end with `</worksheet>` is truncated: an error names the row.
 */
export async function* readXlsxRecords(
  file: string,
  meter?: ByteMeter,
  limits: ReadLimits = DEFAULT_READ_LIMITS,
  prescan = false,
  control: ReadControl = {},
): AsyncGenerator<RawRecord> {
  if (prescan) await prescanSheet(file, limits, control);
  const parts = await openXlsxParts(file, limits);
  const budget = { left: limits.maxXlsxBytes, total: limits.maxXlsxBytes };
  try {
    const reader = await openWorkbook(parts, budget);
    const strings = parts.find('xl/sharedStrings.xml');
    if (strings) {
      const text = inflated(strings, limits.maxSharedStringsBytes, 'MAX_XLSX_SHARED_STRINGS_BYTES', budget);
      for await (const s of reader._parseSharedStrings(Readable.from(text))) void s;
    }
    for (const [index, sheet] of sheetsInTabOrder(parts, reader).entries()) {
      if (meter) meter.size = sheet.declaredSize;
      const tail = new SheetWatch(limits.maxRows);
      const text = tail.watch(inflated(sheet, limits.maxXlsxBytes, 'MAX_XLSX_BYTES', budget, meter));
      const [{ value: rows }] = [...reader._parseWorksheet(text, String(index + 1))];
      let last = 0;
      let sawData = false;
      for await (const row of rows) {
        last = Number.isFinite(row.number) ? row.number : last + 1; // `<row>` without r= follows the previous one
        const cells = toCells(row.values as unknown[]);
        if (!sawData && isBlank(cells)) continue; // blank rows before a sheet's first data are not passed on
        sawData = true;
        yield { rowNumber: last, cells };
      }
      tail.checkComplete(last);
      if (sawData) return; // the first sheet that holds data is the tenant list
    }
  } catch (e) {
    throw asFileError(e);
  } finally {
    await parts.close();
  }
}

/**
 * Counts the first sheet's `<row` tags in its inflated text without parsing it (~10 ms per million rows, where
 * exceljs needs seconds), so a sheet of millions of empty rows is refused before the real read starts. exceljs
 * yields rows only as fast as it parses them, so the count in the real read cannot run ahead of it.
 */
export async function prescanSheet(file: string, limits: ReadLimits, control: ReadControl = {}): Promise<void> {
  const parts = await openXlsxParts(file, limits);
  const budget = { left: limits.maxXlsxBytes, total: limits.maxXlsxBytes };
  try {
    for (const sheet of sheetsInTabOrder(parts, await openWorkbook(parts, budget))) {
      const watch = new SheetWatch(limits.maxRows);
      for await (const text of watch.watch(inflated(sheet, limits.maxXlsxBytes, 'MAX_XLSX_BYTES', budget))) {
        void text;
        checkControl(control, 0);
      }
    }
  } catch (e) {
    throw asFileError(e);
  } finally {
    await parts.close();
  }
}

/** exceljs's reader with the workbook's relationships and sheet list read (small parts, capped). */
async function openWorkbook(parts: XlsxParts, budget: Budget): Promise<WorkbookReaderParts> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use: a CSV run skips it
  const { stream: excelStream } = require('exceljs') as typeof ExcelJS;
  const reader = new excelStream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  }) as unknown as WorkbookReaderParts;
  const rels = parts.find('xl/_rels/workbook.xml.rels');
  const workbook = parts.find('xl/workbook.xml');
  if (!rels || !workbook) throw notAWorkbook('xl/workbook.xml');
  await reader._parseRels(Readable.from(inflated(rels, SMALL_PART_BYTES, 'MAX_XLSX_BYTES', budget)));
  await reader._parseWorkbook(Readable.from(inflated(workbook, SMALL_PART_BYTES, 'MAX_XLSX_BYTES', budget)));
  return reader;
}

/** The workbook's sheets in tab order, as parts of the zip; a workbook without one is refused. */
function sheetsInTabOrder(parts: XlsxParts, reader: WorkbookReaderParts): XlsxPart[] {
  const sheets = (reader.model?.sheets ?? []).flatMap((sheet) => {
    const target = reader.workbookRels?.find((r) => r.Id === sheet.rId)?.Target;
    const part = target ? parts.find(target.startsWith('/') ? target.slice(1) : `xl/${target}`) : undefined;
    return part ? [part] : [];
  });
  if (sheets.length === 0) {
    throw new BatchFileError('empty-file', { zh: '工作簿没有工作表', en: 'the workbook has no sheet' });
  }
  return sheets;
}

const ROW_TAG = /<row[\s>/]/g;

/** A part's text as it is inflated, counted against its own cap and the workbook's total. */
async function* inflated(
  part: XlsxPart,
  max: number,
  setting: string,
  budget: Budget,
  meter?: ByteMeter,
): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  const stream = part.stream();
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      budget.left -= chunk.length;
      if (bytes > max) throw tooLarge(part.path, max, setting);
      if (budget.left < 0) throw tooLarge('the workbook', budget.total, 'MAX_XLSX_BYTES');
      if (meter) meter.bytesRead = bytes;
      yield decoder.write(chunk);
    }
    const rest = decoder.end();
    if (rest) yield rest;
  } finally {
    stream.destroy();
  }
}

/**
 * Watches the sheet's XML as it is inflated. Counts `<row` tags in the text, so the row cap is reached at the
 * speed of a string scan (a blank-row bomb is ~6 bytes a row; exceljs builds an object for each). Keeps the last
 * few kilobytes: a sheet cut short (a truncated upload, a broken zip writer) still parses up to the cut, since
 * exceljs never closes its XML parser, and without this check the rows after the cut would be dropped silently.
 */
class SheetWatch {
  private text = '';
  private rows = 0;

  constructor(private readonly maxRows: number) {}

  async *watch(chunks: AsyncIterable<string>): AsyncGenerator<string> {
    for await (const chunk of chunks) {
      const carry = this.text.slice(-4); // a tag split between two chunks is counted once
      ROW_TAG.lastIndex = 0;
      const seen = carry + chunk;
      while (ROW_TAG.exec(seen)) if (ROW_TAG.lastIndex > carry.length) this.rows++;
      if (this.rows > this.maxRows + 1) throw tooManyRows(this.maxRows); // + 1: the header row
      this.text = (this.text + chunk).slice(-4096);
      yield chunk;
    }
  }

  checkComplete(lastRow: number): void {
    if (/<\/(?:\w+:)?worksheet>\s*$/.test(this.text)) return;
    const open = this.text.lastIndexOf('<row');
    const inside = open > this.text.lastIndexOf('</row>') && open >= 0;
    const r = inside ? /^<row\b[^>]*?\br="(\d+)"/.exec(this.text.slice(open))?.[1] : undefined;
    const row = r ? Number(r) : lastRow + 1;
    throw new BatchFileError(
      'malformed-file',
      {
        zh: inside
          ? `XLSX 文件不完整：工作表 XML 在第 ${row} 行内中断，第 ${row} 行及其后的行无法读取`
          : `XLSX 文件不完整：工作表 XML 在第 ${lastRow} 行之后中断，其后的行无法读取`,
        en: inside
          ? `the XLSX is incomplete: the sheet XML ends inside row ${row}; row ${row} and any after it cannot be read`
          : `the XLSX is incomplete: the sheet XML ends after row ${lastRow}; any rows after it cannot be read`,
      },
      [String(inside ? row : lastRow + 1)],
    );
  }
}

function notAWorkbook(missing: string): BatchFileError {
  return new BatchFileError('unreadable', {
    zh: `不是有效的 XLSX 工作簿（缺少 ${missing}）`,
    en: `not a valid XLSX workbook (${missing} is missing)`,
  });
}

function asFileError(e: unknown): Error {
  if (e instanceof BatchFileError) return e;
  if (e instanceof Error && e.name === 'ReadAbortedError') return e;
  const message = (e as Error)?.message ?? String(e);
  return new BatchFileError('unreadable', {
    zh: `无法读取 XLSX 文件：${message}`,
    en: `cannot read the XLSX file: ${message}`,
  });
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
