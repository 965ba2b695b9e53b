import type { MeasureNature } from '@app/engine';
import { ELIGIBLE, INELIGIBLE, MeasureColumn, NEAR_MISS, NEEDS_INFO, TenantCounts } from './tenant-screener';

export interface MeasureSummary {
  measureId: string;
  title: string;
  nature?: MeasureNature;
  /** At the screening's asOf. */
  inForce?: boolean;
  eligible: number;
  needsInfo: number;
  nearMiss: number;
  /** Not including near misses: eligible + needsInfo + nearMiss + ineligible = tenants screened. */
  ineligible: number;
}

/**
 * CONTRACT §2's summary over a whole screening: eligible, needsInfo, nearMiss and ineligible add up tenant × measure
 * pairs of in-force entitlements and applications; notInForce, benchmarks and guidance count measures (the same for
 * every tenant). `estimatedValue` is the total of the tenants' estimates (元 a year).
 */
export interface ScreeningTotals {
  eligible: number;
  needsInfo: number;
  nearMiss: number;
  ineligible: number;
  notInForce: number;
  benchmarks: number;
  guidance: number;
  tenantsWithEligible: number;
  estimatedValue: number;
}

export interface SummaryJson {
  /** Data rows read (blank rows aside): rowsIn = screened + rejected. */
  rowsIn: number;
  screened: number;
  rejected: number;
  blankRows: number;
  /** Tenants accepted with a warning (credit code check character). */
  warnings: number;
  totals?: ScreeningTotals;
  measures: MeasureSummary[];
  /** What reading the file did that a person should know: title rows skipped, unit columns converted to 元. */
  notes?: ScreeningNote[];
}

/** One note on how the file was read, in the screening's language. */
export interface ScreeningNote {
  code: string;
  message: string;
}

const TOTAL_KEYS = [
  'eligible',
  'needsInfo',
  'nearMiss',
  'ineligible',
  'tenantsWithEligible',
  'estimatedValue',
] as const;

/** Running totals of a screening; restorable from its JSON so a resumed screening continues the count. */
export class ScreeningSummary {
  screened = 0;
  rejected = 0;
  blankRows = 0;
  warnings = 0;
  notes: ScreeningNote[] = [];
  /** [measure * 4 + status code] */
  private readonly counts: Float64Array;
  /** Sums of the tenants' counts, in TOTAL_KEYS order. */
  private readonly totals = new Float64Array(TOTAL_KEYS.length);

  constructor(readonly measures: readonly MeasureColumn[]) {
    this.counts = new Float64Array(measures.length * 4);
  }

  get rowsIn(): number {
    return this.screened + this.rejected;
  }

  addTenant(statuses: Uint8Array, counts: TenantCounts, warned: boolean): void {
    this.screened++;
    if (warned) this.warnings++;
    for (let i = 0; i < statuses.length; i++) this.counts[i * 4 + statuses[i]]++;
    const t = this.totals;
    t[0] += counts.eligible;
    t[1] += counts.needsInfo;
    t[2] += counts.nearMiss;
    t[3] += counts.ineligible;
    if (counts.eligible > 0) t[4]++;
    t[5] += counts.estimatedValue;
  }

  addRejected(): void {
    this.rejected++;
  }

  addBlank(): void {
    this.blankRows++;
  }

  /** Everything counted, as numbers: for adding up the summaries of chunks screened in parallel. */
  rawCounts(): Float64Array {
    const head = 4 + this.totals.length;
    const raw = new Float64Array(head + this.counts.length);
    raw.set([this.screened, this.rejected, this.blankRows, this.warnings]);
    raw.set(this.totals, 4);
    raw.set(this.counts, head);
    return raw;
  }

  addRawCounts(raw: Float64Array): void {
    this.screened += raw[0];
    this.rejected += raw[1];
    this.blankRows += raw[2];
    this.warnings += raw[3];
    for (let i = 0; i < this.totals.length; i++) this.totals[i] += raw[4 + i];
    const head = 4 + this.totals.length;
    for (let i = 0; i < this.counts.length; i++) this.counts[i] += raw[head + i];
  }

  toJSON(): SummaryJson {
    return {
      rowsIn: this.rowsIn,
      screened: this.screened,
      rejected: this.rejected,
      blankRows: this.blankRows,
      warnings: this.warnings,
      totals: this.totalsJson(),
      measures: this.measures.map((m, i) => {
        const c = (code: number) => this.counts[i * 4 + code];
        return {
          measureId: m.id,
          title: m.title,
          nature: m.nature,
          inForce: m.inForce,
          eligible: c(ELIGIBLE),
          needsInfo: c(NEEDS_INFO),
          nearMiss: c(NEAR_MISS),
          ineligible: c(INELIGIBLE),
        };
      }),
      ...(this.notes.length > 0 ? { notes: this.notes } : {}),
    };
  }

  private totalsJson(): ScreeningTotals {
    const t = Object.fromEntries(TOTAL_KEYS.map((k, i) => [k, this.totals[i]])) as Record<
      (typeof TOTAL_KEYS)[number],
      number
    >;
    const inForce = this.measures.filter((m) => m.inForce !== false);
    return {
      ...t,
      notInForce: this.measures.length - inForce.length,
      benchmarks: inForce.filter((m) => m.nature === 'benchmark').length,
      guidance: inForce.filter((m) => m.nature === 'guidance').length,
    };
  }

  /**
   * Adds a saved summary to this one: counts, totals and per-measure counts (matched by measure id; a measure this
   * summary does not hold is ignored), and its notes if this summary has none yet. Adding the summaries of the parts
   * of a file gives the summary of the whole file (the queue's chunks: `merge`).
   */
  add(part: SummaryJson): this {
    this.screened += part.screened;
    this.rejected += part.rejected;
    this.blankRows += part.blankRows;
    this.warnings += part.warnings;
    if (this.notes.length === 0 && part.notes?.length) this.notes = part.notes.map((n) => ({ ...n }));
    if (part.totals) TOTAL_KEYS.forEach((k, i) => (this.totals[i] += part.totals![k]));
    const index = new Map(this.measures.map((m, i) => [m.id, i]));
    for (const m of part.measures) {
      const i = index.get(m.measureId);
      if (i === undefined) continue;
      this.counts[i * 4 + ELIGIBLE] += m.eligible;
      this.counts[i * 4 + NEEDS_INFO] += m.needsInfo;
      this.counts[i * 4 + NEAR_MISS] += m.nearMiss;
      this.counts[i * 4 + INELIGIBLE] += m.ineligible;
    }
    return this;
  }

  /** The summary of a whole file from the summaries of its parts, in any order (notes: the first part that has some). */
  static merge(measures: readonly MeasureColumn[], parts: readonly SummaryJson[]): ScreeningSummary {
    const s = new ScreeningSummary(measures);
    for (const part of parts) s.add(part);
    return s;
  }

  /** Continues from a saved summary; measures are matched by id (the caller ensures the same rule pack). */
  static restore(measures: readonly MeasureColumn[], saved: SummaryJson): ScreeningSummary {
    const s = new ScreeningSummary(measures);
    s.screened = saved.screened;
    s.rejected = saved.rejected;
    s.blankRows = saved.blankRows;
    s.warnings = saved.warnings;
    s.notes = saved.notes ?? [];
    if (saved.totals) TOTAL_KEYS.forEach((k, i) => (s.totals[i] = saved.totals![k]));
    measures.forEach((m, i) => {
      const found = saved.measures.find((x) => x.measureId === m.id);
      if (!found) return;
      s.counts[i * 4 + ELIGIBLE] = found.eligible;
      s.counts[i * 4 + NEEDS_INFO] = found.needsInfo;
      s.counts[i * 4 + NEAR_MISS] = found.nearMiss;
      s.counts[i * 4 + INELIGIBLE] = found.ineligible;
    });
    return s;
  }
}
