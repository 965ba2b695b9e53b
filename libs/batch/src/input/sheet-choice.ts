import { Cell, isBlank } from './raw-record';

/**
 * Which sheet of a workbook holds the tenants: the first, in tab order, with a non-blank row. A park's workbook
 * often opens with an empty or cover sheet. The streaming reader meets sheets in storage order: one that is not
 * the sheet wanted now is drained, and an empty one moves the choice to the next tab.
 */
export class FirstSheetWithData {
  private index = 0;
  private sawData = false;

  /** `tabOrder()` gives the workbook's sheet names in tab order once the reader knows them (else undefined). */
  constructor(private readonly tabOrder: () => string[] | undefined) {}

  /** Whether the sheet named `name` is the one to read now. */
  wants(name: string | undefined): boolean {
    const wanted = this.tabOrder()?.[this.index];
    return wanted === undefined || name === undefined || name === wanted;
  }

  /** Whether a row of the sheet being read is passed on: blank rows before its first data are not. */
  accept(cells: readonly Cell[]): boolean {
    if (!this.sawData && isBlank(cells)) return false;
    this.sawData = true;
    return true;
  }

  /** After a sheet: true when it held data (reading stops); else the next tab is wanted. */
  finished(): boolean {
    if (!this.sawData) this.index++;
    return this.sawData;
  }
}
