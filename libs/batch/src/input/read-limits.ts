import { BatchFileError } from '../batch-file-error';
import type { RawRecord } from './raw-record';

/**
 * Caps on what reading one tenant file may cost, checked while streaming so that a hostile file is refused
 * after a bounded amount of work and memory (issue 14: a 1.7 MB XLSX expanding to 1.1 GB of blank rows).
 */
export interface ReadLimits {
  /** Rows read from the file, blank rows included (a run of blank rows counts against the cap). */
  maxRows: number;
  /** Decompressed bytes of the XLSX parts read (workbook, shared strings, sheet): declared and actual. */
  maxXlsxBytes: number;
  /** Decompressed bytes of the XLSX shared-strings part, which is held in memory while the sheet is read. */
  maxSharedStringsBytes: number;
}

export const DEFAULT_READ_LIMITS: Readonly<ReadLimits> = Object.freeze({
  maxRows: 2_000_000,
  maxXlsxBytes: 1024 * 1024 * 1024,
  maxSharedStringsBytes: 32 * 1024 * 1024,
});

/** How a read may be cut short from outside: a shutdown (signal) or the per-screening time limit (deadline). */
export interface ReadControl {
  signal?: AbortSignal;
  /** Epoch milliseconds after which reading fails with `time-limit`. */
  deadline?: number;
  /** The time limit in seconds, for the message. */
  timeLimitSeconds?: number;
}

/** Reading stopped because the signal was aborted (a shutdown): not a problem of the file. */
export class ReadAbortedError extends Error {
  constructor() {
    super('reading the tenant file was stopped');
    this.name = 'ReadAbortedError';
  }
}

/** Every record passes here: counts rows against the cap and honours the signal and the deadline. */
export async function* limitRecords(
  records: AsyncIterable<RawRecord>,
  limits: ReadLimits,
  control: ReadControl = {},
): AsyncGenerator<RawRecord> {
  let rows = 0;
  for await (const record of records) {
    if (++rows > limits.maxRows) throw tooManyRows(limits.maxRows);
    if ((rows & 1023) === 0) checkControl(control, record.rowNumber);
    yield record;
  }
}

export function checkControl(control: ReadControl, rowNumber: number): void {
  if (control.signal?.aborted) throw new ReadAbortedError();
  if (control.deadline !== undefined && Date.now() > control.deadline) {
    const s = control.timeLimitSeconds ?? Math.round((control.deadline - Date.now()) / 1000);
    throw new BatchFileError(
      'time-limit',
      {
        zh: `筛查超过时间上限（${s} 秒，SCREENING_TIME_LIMIT_SECONDS），在第 ${rowNumber} 行处停止`,
        en: `the screening took longer than its time limit (${s} s, SCREENING_TIME_LIMIT_SECONDS); stopped at row ${rowNumber}`,
      },
      [String(rowNumber)],
    );
  }
}

export function tooManyRows(max: number): BatchFileError {
  const n = max.toLocaleString('en-US');
  return new BatchFileError(
    'too-many-rows',
    {
      zh: `文件超过 ${n} 行（空行也计入；上限 MAX_SCREENING_ROWS），请拆分后上传`,
      en: `the file has more than ${n} rows (blank rows count too; the limit is MAX_SCREENING_ROWS): split it`,
    },
    [String(max)],
  );
}

export function tooLarge(part: string, limit: number, setting: string): BatchFileError {
  const mb = Math.round(limit / (1024 * 1024));
  return new BatchFileError(
    'too-large',
    {
      zh: `XLSX 文件解压后过大：${part} 超过 ${mb} MB（上限 ${setting}）`,
      en: `the XLSX expands too far: ${part} is over ${mb} MB decompressed (the limit is ${setting})`,
    },
    [part],
  );
}
