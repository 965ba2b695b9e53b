import { ELIGIBLE, INELIGIBLE, MeasureColumn, NEAR_MISS, NEEDS_INFO } from './tenant-screener';

export interface MeasureSummary {
  measureId: string;
  title: string;
  eligible: number;
  needsInfo: number;
  /** Including near misses. */
  ineligible: number;
  nearMiss: number;
}

export interface SummaryJson {
  /** Data rows read (blank rows aside): rowsIn = screened + rejected. */
  rowsIn: number;
  screened: number;
  rejected: number;
  blankRows: number;
  /** Tenants accepted with a warning (credit code check character). */
  warnings: number;
  measures: MeasureSummary[];
}

/** Running totals of a screening; restorable from its JSON so a resumed screening continues the count. */
export class ScreeningSummary {
  screened = 0;
  rejected = 0;
  blankRows = 0;
  warnings = 0;
  /** [measure * 4 + status code] */
  private readonly counts: Float64Array;

  constructor(readonly measures: readonly MeasureColumn[]) {
    this.counts = new Float64Array(measures.length * 4);
  }

  get rowsIn(): number {
    return this.screened + this.rejected;
  }

  addTenant(statuses: Uint8Array, warned: boolean): void {
    this.screened++;
    if (warned) this.warnings++;
    for (let i = 0; i < statuses.length; i++) this.counts[i * 4 + statuses[i]]++;
  }

  addRejected(): void {
    this.rejected++;
  }

  addBlank(): void {
    this.blankRows++;
  }

  /** Everything counted, as numbers: for adding up the summaries of chunks screened in parallel. */
  rawCounts(): Float64Array {
    const raw = new Float64Array(4 + this.counts.length);
    raw.set([this.screened, this.rejected, this.blankRows, this.warnings]);
    raw.set(this.counts, 4);
    return raw;
  }

  addRawCounts(raw: Float64Array): void {
    this.screened += raw[0];
    this.rejected += raw[1];
    this.blankRows += raw[2];
    this.warnings += raw[3];
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += raw[4 + i];
  }

  toJSON(): SummaryJson {
    return {
      rowsIn: this.rowsIn,
      screened: this.screened,
      rejected: this.rejected,
      blankRows: this.blankRows,
      warnings: this.warnings,
      measures: this.measures.map((m, i) => {
        const c = (code: number) => this.counts[i * 4 + code];
        return {
          measureId: m.id, title: m.title,
          eligible: c(ELIGIBLE), needsInfo: c(NEEDS_INFO), ineligible: c(INELIGIBLE) + c(NEAR_MISS), nearMiss: c(NEAR_MISS),
        };
      }),
    };
  }

  /** Continues from a saved summary; measures are matched by id (the caller ensures the same rule pack). */
  static restore(measures: readonly MeasureColumn[], saved: SummaryJson): ScreeningSummary {
    const s = new ScreeningSummary(measures);
    s.screened = saved.screened;
    s.rejected = saved.rejected;
    s.blankRows = saved.blankRows;
    s.warnings = saved.warnings;
    measures.forEach((m, i) => {
      const found = saved.measures.find((x) => x.measureId === m.id);
      if (!found) return;
      s.counts[i * 4 + ELIGIBLE] = found.eligible;
      s.counts[i * 4 + NEEDS_INFO] = found.needsInfo;
      s.counts[i * 4 + NEAR_MISS] = found.nearMiss;
      s.counts[i * 4 + INELIGIBLE] = found.ineligible - found.nearMiss;
    });
    return s;
  }
}
