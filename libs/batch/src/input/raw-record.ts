/** Rows as the readers produce them, before any header mapping: shared by the CSV and XLSX readers and the tenant file. */

/** One cell as read: text from CSV; text, number or boolean from XLSX; null when empty. */
export type Cell = string | number | boolean | null;

export interface RawRecord {
  /** The row number a spreadsheet shows: the header is row 1 (blank rows above it count too). */
  rowNumber: number;
  cells: Cell[];
}

/** Bytes of the file read so far and its size: progress without counting rows first. */
export interface ByteMeter {
  bytesRead: number;
  size: number;
}

/** A row with nothing in it (blank rows are counted and skipped, never screened). */
export function isBlank(cells: readonly Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c !== null && c !== '' && !(typeof c === 'string' && c.trim() === '')) return false;
  }
  return true;
}
