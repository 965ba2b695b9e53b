import * as fs from 'node:fs';
import * as path from 'node:path';
import { BatchFileError } from '../batch-file-error';
import { readCsvRecords, sniffCsv, CsvDialect } from './csv-records';
import { ColumnPlan } from './header-map';
import { FileNote, headerNotes, LocatedHeader, locateHeader } from './header-locator';
import { ByteMeter, RawRecord } from './raw-record';
import { DEFAULT_READ_LIMITS, limitRecords, ReadControl, ReadLimits } from './read-limits';
import { readXlsxRecords } from './xlsx-records';

export type FileFormat = 'csv' | 'xlsx';
export interface TenantFile {
  path: string;
  format: FileFormat;
  /** CSV only: the detected encoding and delimiter. */
  dialect?: CsvDialect;
  columns: ColumnPlan;
  headerRowNumber: number;
  /** What reading the header did that a person should know (title rows skipped, units converted to 元). */
  notes: FileNote[];
  /** The data rows after the header, blank rows included (callers count and skip them). */
  rows(): AsyncIterable<RawRecord>;
  /** Releases the file when the rows are not read to the end. */
  close(): void;
  /** Bytes of the file read so far and its size: progress without counting rows first. */
  readonly meter: ByteMeter;
}

/** Caps (defaults: DEFAULT_READ_LIMITS) and how reading may be cut short (a shutdown signal, a deadline). */
export interface OpenTenantFileOptions extends ReadControl {
  limits?: ReadLimits;
  /** XLSX: count the sheet's rows in its raw text first (fast), refusing a sheet over the row cap before parsing. */
  prescan?: boolean;
}

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/** XLSX by its zip signature, whatever the extension says; .xls (BIFF) and other binaries are refused. */
export function sniffFormat(file: string): FileFormat {
  const head = Buffer.alloc(8);
  let read: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      read = fs.readSync(fd, head, 0, 8, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (e) {
    throw new BatchFileError('unreadable', {
      zh: `无法读取文件：${(e as Error).message}`,
      en: `cannot read the file: ${(e as Error).message}`,
    });
  }
  if (read === 0) throw new BatchFileError('empty-file', { zh: '文件是空的', en: 'the file is empty' });
  if (ZIP_MAGIC.every((b, i) => head[i] === b)) return 'xlsx';
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    throw new BatchFileError('unsupported-format', {
      zh: '不支持旧版 .xls 文件，请在 Excel 中另存为 .xlsx 或 CSV',
      en: 'old .xls files are not supported: save as .xlsx or CSV in Excel',
    });
  }
  return 'csv';
}

/**
 * Opens a tenant file (CSV in UTF-8, GB18030 or UTF-16; or the first sheet of an XLSX that holds data) and finds
 * its header row among the first rows (`locateHeader`: a title row above it is skipped). Throws BatchFileError for
 * a file that cannot be screened at all. Rows are then streamed: a file of a million rows is never held in memory.
 */
export async function openTenantFile(file: string, options: OpenTenantFileOptions = {}): Promise<TenantFile> {
  const format = sniffFormat(file);
  const dialect = format === 'csv' ? sniffCsv(file) : undefined;
  const meter: ByteMeter = { bytesRead: 0, size: fs.statSync(file).size };
  const limits = options.limits ?? DEFAULT_READ_LIMITS;
  const raw =
    format === 'csv'
      ? readCsvRecords(file, dialect!, meter)
      : readXlsxRecords(file, meter, limits, options.prescan ?? false, options);
  const records = limitRecords(raw, limits, options);
  const iterator = records[Symbol.asyncIterator]();
  let located: LocatedHeader;
  try {
    located = await locateHeader(iterator);
  } catch (e) {
    await iterator.return?.(undefined);
    throw e;
  }
  const { header, columns } = located;
  let consumed = false;
  return {
    path: file,
    format,
    dialect,
    columns,
    headerRowNumber: header.rowNumber,
    notes: headerNotes(located),
    rows: () => {
      if (consumed) throw new Error('the rows of a tenant file can be read once');
      consumed = true;
      return { [Symbol.asyncIterator]: () => iterator };
    },
    close: () => void iterator.return?.(undefined),
    meter,
  };
}

/** The extension a stored upload keeps, so a later reader (and a person) can tell the format. */
export function formatExtension(format: FileFormat): string {
  return format === 'xlsx' ? '.xlsx' : '.csv';
}

export function hasTenantFileExtension(name: string): boolean {
  return ['.csv', '.xlsx', '.txt'].includes(path.extname(name).toLowerCase());
}
