import { FactValues, FieldErrors, Lang, ProfileWarning } from '@app/engine';
import { Cell, TenantFile } from '../input/tenant-file';
import { isRejected, RowScreening } from './row-screening';
import { ScreeningSummary } from './screening-summary';
import { TenantCounts, TenantScreener } from './tenant-screener';

export interface TenantOutcome {
  rowNumber: number;
  /** The validated profile plus derived facts (unknown fields are undefined). */
  facts: FactValues;
  /** One StatusCode per measure, in the screener's measure order. */
  statuses: Uint8Array;
  counts: TenantCounts;
  warnings: ProfileWarning[];
}

export interface RejectedRow {
  rowNumber: number;
  /** `{ field: [reason] }`, as in an API 400. */
  errors: FieldErrors;
  /** The row as it was in the file, to be written back beside the reasons. */
  cells: Cell[];
}

/** Consecutive rows of the file, every data row in exactly one of the two lists. */
export interface ScreeningBatch {
  tenants: TenantOutcome[];
  rejected: RejectedRow[];
  /** The last row number read into this batch (blank rows included). */
  lastRowNumber: number;
}

/** Where outcomes go: a file writer (CLI) or the database (API). Called once per batch, in file order. */
export interface ScreeningSink {
  write(batch: ScreeningBatch, summary: ScreeningSummary): Promise<void> | void;
}

export interface ScreenRowsOptions {
  screener: TenantScreener;
  lang?: Lang;
  /** Rows per batch handed to the sink (the API writes one transaction per batch). */
  batchSize?: number;
  /** Resume: rows up to and including this row number were already written. */
  resumeAfterRow?: number;
  /** Totals so far, when resuming. */
  summary?: ScreeningSummary;
  /** After each batch: the rows done so far (screened + rejected). */
  onProgress?: (summary: ScreeningSummary) => void;
  /** Checked between batches: true stops the screening after the batch that is being written. */
  shouldStop?: () => boolean;
}

export interface ScreenRowsResult {
  summary: ScreeningSummary;
  /** False when shouldStop ended it early. */
  completed: boolean;
}

/**
 * The screening loop: every data row of the file is either screened or rejected, never dropped
 * (summary.rowsIn = screened + rejected). A bad row is recorded with its reasons and the loop goes on.
 */
export async function screenRows(file: TenantFile, sink: ScreeningSink, options: ScreenRowsOptions): Promise<ScreenRowsResult> {
  const { screener } = options;
  const batchSize = options.batchSize ?? 1000;
  const resumeAfter = options.resumeAfterRow ?? 0;
  const rows = new RowScreening(file.columns, screener, options.lang ?? 'zh');
  const summary = options.summary ?? new ScreeningSummary(screener.measures);
  const width = screener.measureCount;
  let batch = newBatch();
  let statuses = new Uint8Array(batchSize * width);
  let size = 0;

  const flush = async () => {
    await sink.write(batch, summary);
    options.onProgress?.(summary);
    batch = newBatch();
    statuses = new Uint8Array(batchSize * width);
    size = 0;
  };

  for await (const record of file.rows()) {
    if (record.rowNumber <= resumeAfter) continue;
    batch.lastRowNumber = record.rowNumber;
    const outcome = rows.process(record.rowNumber, record.cells, statuses.subarray(size * width, (size + 1) * width), summary);
    if (outcome === null) continue;
    if (isRejected(outcome)) batch.rejected.push(outcome);
    else batch.tenants.push(outcome);
    if (++size === batchSize) {
      await flush();
      if (options.shouldStop?.()) {
        file.close();
        return { summary, completed: false };
      }
    }
  }
  if (batch.lastRowNumber > 0) await flush();
  return { summary, completed: true };
}

function newBatch(): ScreeningBatch {
  return { tenants: [], rejected: [], lastRowNumber: 0 };
}
