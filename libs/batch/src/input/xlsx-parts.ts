import type { Readable } from 'node:stream';
import { BatchFileError } from '../batch-file-error';
import { ReadLimits, tooLarge } from './read-limits';

/** One file inside the XLSX zip, with the size its central directory declares (which may lie). */
export interface XlsxPart {
  path: string;
  declaredSize: number;
  /** The part's decompressed bytes. */
  stream(): Readable;
}

export interface XlsxParts {
  /** The part at this path; its declared size is checked against the caps first (nothing inflated yet). */
  find(path: string): XlsxPart | undefined;
  close(): Promise<void>;
}

interface UnzipperEntry {
  path: string;
  type: string;
  uncompressedSize: number;
  stream(): Readable;
}

/** Shared strings and the sheet have their own caps; every other part is small in any real workbook. */
export const SMALL_PART_BYTES = 16 * 1024 * 1024;

/**
 * Reads the zip's central directory (at the end of the file) without inflating anything, through unzipper's
 * random-access `Open.file` (unzipper ships with exceljs). A part whose declared size is over its cap is refused
 * before a byte of it is inflated; the running count while inflating is `readXlsxRecords`'s job.
 */
export async function openXlsxParts(file: string, limits: ReadLimits): Promise<XlsxParts> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- unzipper ships no types; this names what is used
  const unzipper = require('unzipper') as { Open: { file(path: string): Promise<{ files: UnzipperEntry[] }> } };
  let entries: UnzipperEntry[];
  try {
    entries = (await unzipper.Open.file(file)).files;
  } catch (e) {
    throw new BatchFileError('malformed-file', {
      zh: `XLSX 文件不完整或已损坏（找不到 zip 目录：${(e as Error).message}），请重新保存后上传`,
      en: `the XLSX is incomplete or corrupt (its zip directory cannot be read: ${(e as Error).message}); save it again`,
    });
  }
  const byPath = new Map(entries.filter((e) => e.type === 'File').map((e) => [e.path, e]));
  const open: Readable[] = [];
  return {
    find(path: string): XlsxPart | undefined {
      const entry = byPath.get(path);
      if (!entry) return undefined;
      checkDeclared(entry, limits);
      return {
        path,
        declaredSize: entry.uncompressedSize,
        stream: () => {
          const s = entry.stream();
          open.push(s);
          return s;
        },
      };
    },
    async close() {
      for (const s of open) s.destroy();
    },
  };
}

function checkDeclared(entry: UnzipperEntry, limits: ReadLimits): void {
  const [max, setting] =
    entry.path === 'xl/sharedStrings.xml'
      ? [limits.maxSharedStringsBytes, 'MAX_XLSX_SHARED_STRINGS_BYTES']
      : /^xl\/worksheets\//.test(entry.path)
        ? [limits.maxXlsxBytes, 'MAX_XLSX_BYTES']
        : [SMALL_PART_BYTES, 'MAX_XLSX_BYTES'];
  if (entry.uncompressedSize > max) throw tooLarge(entry.path, max, setting);
}
