import type { Lang } from '@app/engine';
import type { ColumnPlan } from '../input/header-map';
import type { RawRecord } from '../input/raw-record';
import { RowScreening } from './row-screening';
import { isRejected, ScreeningBatch } from './screening-outcome';
import { ScreeningSummary } from './screening-summary';
import type { TenantScreener } from './tenant-screener';

export interface ScreenedRecords {
  /** Every data row of `records` in one of the two lists (blank rows are counted in the summary only). */
  batch: ScreeningBatch;
  /** The summary of these rows alone: add the parts' summaries up for the whole file (`ScreeningSummary.merge`). */
  summary: ScreeningSummary;
}

/**
 * Screens rows already read from a file (a queue chunk: row numbers and cells, the file's column plan), the same
 * way the streaming loop does (`RowScreening`): each row rejected with its reasons or screened, none dropped.
 */
export function screenRecords(
  records: readonly RawRecord[],
  columns: ColumnPlan,
  screener: TenantScreener,
  lang: Lang,
): ScreenedRecords {
  const rows = new RowScreening(columns, screener, lang);
  const summary = new ScreeningSummary(screener.measures);
  const width = screener.measureCount;
  const statuses = new Uint8Array(records.length * width);
  const batch: ScreeningBatch = { tenants: [], rejected: [], lastRowNumber: 0 };
  records.forEach((record, i) => {
    batch.lastRowNumber = Math.max(batch.lastRowNumber, record.rowNumber);
    const outcome = rows.process(
      record.rowNumber,
      record.cells,
      statuses.subarray(i * width, (i + 1) * width),
      summary,
    );
    if (outcome === null) return;
    if (isRejected(outcome)) batch.rejected.push(outcome);
    else batch.tenants.push(outcome);
  });
  return { batch, summary };
}
