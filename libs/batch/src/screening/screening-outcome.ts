import type { FactValues, FieldErrors, ProfileWarning } from '@app/engine';
import type { Cell } from '../input/raw-record';
import type { ScreeningSummary } from './screening-summary';
import type { TenantCounts } from './tenant-screener';

/** What screening one row gives, and where batches of rows go: shared by the streaming loop, the chunk workers and the sinks. */

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

export function isRejected(outcome: TenantOutcome | RejectedRow): outcome is RejectedRow {
  return 'errors' in outcome;
}
