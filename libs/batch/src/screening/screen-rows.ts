import type { Lang } from '@app/engine';
import type { TenantFile } from '../input/tenant-file';
import { RowScreening } from './row-screening';
import { isRejected, ScreeningBatch, ScreeningSink } from './screening-outcome';
import { ScreeningSummary } from './screening-summary';
import type { TenantScreener } from './tenant-screener';

export interface ScreenRowsOptions {
  screener: TenantScreener;
  lang?: Lang;
  /** Rows per batch handed to the sink (the API writes one transaction per batch). */
  batchSize?: number;
  /** Also hand a batch over once this many milliseconds have passed since the last one (progress on a clock). */
  flushAfterMs?: number;
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
export async function screenRows(
  file: TenantFile,
  sink: ScreeningSink,
  options: ScreenRowsOptions,
): Promise<ScreenRowsResult> {
  const { screener } = options;
  const batchSize = options.batchSize ?? 1000;
  const resumeAfter = options.resumeAfterRow ?? 0;
  const rows = new RowScreening(file.columns, screener, options.lang ?? 'zh');
  const summary = options.summary ?? new ScreeningSummary(screener.measures);
  const lang = options.lang ?? 'zh';
  if (summary.notes.length === 0) summary.notes = file.notes.map((n) => ({ code: n.code, message: n.message[lang] }));
  const width = screener.measureCount;
  let batch = newBatch();
  let statuses = new Uint8Array(batchSize * width);
  let size = 0;
  const clock = options.flushAfterMs;
  let lastFlush = Date.now();

  const flush = async () => {
    await sink.write(batch, summary);
    options.onProgress?.(summary);
    batch = newBatch();
    statuses = new Uint8Array(batchSize * width);
    size = 0;
    lastFlush = Date.now();
  };

  for await (const record of file.rows()) {
    if (record.rowNumber <= resumeAfter) continue;
    batch.lastRowNumber = record.rowNumber;
    const outcome = rows.process(
      record.rowNumber,
      record.cells,
      statuses.subarray(size * width, (size + 1) * width),
      summary,
    );
    if (outcome === null) continue;
    if (isRejected(outcome)) batch.rejected.push(outcome);
    else batch.tenants.push(outcome);
    if (++size === batchSize || (clock !== undefined && Date.now() - lastFlush >= clock)) {
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
