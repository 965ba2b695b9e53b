import type { Lang } from '@app/engine';
import { RowValidator } from '../input/row-validator';
import { ColumnPlan } from '../input/header-map';
import { Cell, isBlank } from '../input/raw-record';
import type { RejectedRow, TenantOutcome } from './screening-outcome';
import { ScreeningSummary } from './screening-summary';
import { TenantScreener } from './tenant-screener';

/**
 * One data row from cells to outcome: blank (skipped and counted), rejected with reasons, or screened.
 * Shared by the streaming loop and the parallel chunk workers so both decide every row the same way.
 */
export class RowScreening {
  private readonly validator: RowValidator;
  private readonly width: number;

  constructor(
    columns: ColumnPlan,
    private readonly screener: TenantScreener,
    lang: Lang,
  ) {
    this.validator = new RowValidator(columns, lang);
    this.width = screener.measureCount;
  }

  /** `statuses` receives the tenant's status codes (its length is the number of measures). */
  process(
    rowNumber: number,
    cells: Cell[],
    statuses: Uint8Array,
    summary: ScreeningSummary,
  ): TenantOutcome | RejectedRow | null {
    if (isBlank(cells)) {
      summary.addBlank();
      return null;
    }
    const checked = this.validator.check(cells);
    if (!checked.ok) {
      summary.addRejected();
      return { rowNumber, errors: checked.errors, cells };
    }
    const counts = this.screener.screen(checked.facts, statuses);
    summary.addTenant(statuses, counts, checked.warnings.length > 0);
    return { rowNumber, facts: checked.facts, statuses, counts, warnings: checked.warnings };
  }

  get measureCount(): number {
    return this.width;
  }
}
