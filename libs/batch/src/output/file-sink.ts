import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Lang } from '@app/engine';
import type { ScreeningBatch, ScreeningSink, TenantOutcome } from '../screening/screening-outcome';
import type { SummaryJson } from '../screening/screening-summary';
import type { MeasureColumn } from '../screening/tenant-screener';
import { CsvLineEncoder } from './csv-line-encoder';
import { CsvTableWriter } from './csv-table-writer';
import { rejectedHeader, ResultRow, resultHeader } from './result-columns';
import { XlsxReportWriter } from './xlsx-report-writer';

/** Disk writes overlap with screening: only wait once several MB are queued. */
const WRITE_OPTIONS = { highWaterMark: 16 << 20 };

export function toResultRow(t: TenantOutcome): ResultRow {
  const f = t.facts;
  return {
    rowNumber: t.rowNumber,
    creditCode: (f.creditCode as string | undefined) ?? null,
    name: (f.name as string | undefined) ?? null,
    parkId: (f.parkId as string | undefined) ?? null,
    ...t.counts,
    statuses: t.statuses,
    warnings: t.warnings.length === 0 ? '' : t.warnings.map((w) => w.message).join('; '),
  };
}

export interface FileSink extends ScreeningSink {
  finish(summary: SummaryJson): Promise<void>;
  /** Where the rejected rows went: their own CSV file, or a sheet of the XLSX. */
  readonly rejectedTarget: string;
}

export interface FileSinkOptions {
  measures: readonly MeasureColumn[];
  sourceHeaders: readonly string[];
  lang: Lang;
  title?: string;
  rulePackVersion?: string;
}

/** `<out>.xlsx` → one workbook with results, rejected rows and a summary; otherwise CSV + `<out>.rejected.csv`. */
export function createFileSink(out: string, options: FileSinkOptions): FileSink {
  fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
  return path.extname(out).toLowerCase() === '.xlsx' ? new XlsxFileSink(out, options) : new CsvFileSink(out, options);
}

export function rejectedPathFor(out: string): string {
  const ext = path.extname(out);
  return `${ext ? out.slice(0, -ext.length) : out}.rejected.csv`;
}

export class CsvFileSink implements FileSink {
  readonly results: CsvTableWriter;
  readonly rejected: CsvTableWriter;
  private readonly encoder: CsvLineEncoder;
  readonly rejectedTarget: string;

  constructor(
    out: string,
    private readonly options: FileSinkOptions,
  ) {
    this.encoder = new CsvLineEncoder(options.lang);
    this.rejectedTarget = rejectedPathFor(out);
    this.results = new CsvTableWriter(
      fs.createWriteStream(out, WRITE_OPTIONS),
      resultHeader(options.measures, options.lang),
    );
    this.rejected = new CsvTableWriter(
      fs.createWriteStream(this.rejectedTarget, WRITE_OPTIONS),
      rejectedHeader(options.sourceHeaders, options.lang),
    );
  }

  async write(batch: ScreeningBatch): Promise<void> {
    for (const t of batch.tenants) this.encoder.tenant(t);
    await this.results.bytes(this.encoder.take());
    for (const r of batch.rejected) this.encoder.rejected(r, this.options.lang);
    await this.rejected.bytes(this.encoder.take());
  }

  /** The summary goes to the caller's console, not into a CSV. */
  async finish(_summary?: SummaryJson): Promise<void> {
    await Promise.all([this.results.end(), this.rejected.end()]);
  }
}

class XlsxFileSink implements FileSink {
  private readonly report: XlsxReportWriter;
  readonly rejectedTarget: string;

  constructor(out: string, options: FileSinkOptions) {
    this.report = new XlsxReportWriter({ out, ...options });
    this.rejectedTarget = `${out} (${options.lang === 'zh' ? '工作表“未通过校验的行”' : 'sheet "Rejected rows"'})`;
  }

  async write(batch: ScreeningBatch): Promise<void> {
    await this.report.writeResults(batch.tenants.map(toResultRow));
    await this.report.writeRejected(batch.rejected);
  }

  finish(summary: SummaryJson): Promise<void> {
    return this.report.finish(summary);
  }
}
