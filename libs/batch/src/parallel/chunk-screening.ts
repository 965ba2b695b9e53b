import { Options, parse } from 'csv-parse/sync';
import * as iconv from 'iconv-lite';
import { CompiledPack, Lang } from '@app/engine';
import { ColumnPlan } from '../input/header-map';
import { csvParseOptions, CsvDialect } from '../input/csv-records';
import { CsvLineEncoder } from '../output/csv-line-encoder';
import { RowScreening } from '../screening/row-screening';
import { isRejected, RejectedRow } from '../screening/screening-outcome';
import { ScreeningSummary } from '../screening/screening-summary';
import { TenantScreener } from '../screening/tenant-screener';
import type { RecordDelimiter } from './csv-record-scanner';

export interface ChunkContext {
  columns: ColumnPlan;
  dialect: CsvDialect;
  recordDelimiter: RecordDelimiter;
  lang: Lang;
  /** The date validity is judged at (YYYY-MM-DD). */
  asOf: string;
}

export interface ChunkTask {
  index: number;
  /** Raw bytes of whole records, in the file's encoding. */
  bytes: Uint8Array;
  firstRowNumber: number;
  /** How many records the scanner found in these bytes: the parser must find as many. */
  records: number;
}

export interface ChunkResult {
  index: number;
  /** Result lines (CSV, UTF-8, each ending in CRLF). */
  results: Uint8Array;
  /** Rejected-row lines, likewise. */
  rejected: Uint8Array;
  /** ScreeningSummary.rawCounts() of this chunk alone. */
  counts: Float64Array;
  records: number;
}

/**
 * Screens one chunk of a CSV: parse (csv-parse, the same options as the streaming reader), validate,
 * screen, and format result and rejected lines — everything but the file I/O. Runs in a worker thread.
 */
export class ChunkScreening {
  private readonly rows: RowScreening;
  private readonly encoder: CsvLineEncoder;
  private readonly options: Options;

  constructor(
    private readonly screener: TenantScreener,
    private readonly ctx: ChunkContext,
  ) {
    this.rows = new RowScreening(ctx.columns, screener, ctx.lang);
    this.encoder = new CsvLineEncoder(ctx.lang, 8 << 20);
    this.options = { ...csvParseOptions(ctx.dialect), record_delimiter: [ctx.recordDelimiter] };
  }

  static forPack(pack: CompiledPack, ctx: ChunkContext): ChunkScreening {
    return new ChunkScreening(new TenantScreener(pack, ctx.lang, ctx.asOf), ctx);
  }

  run(task: ChunkTask): ChunkResult {
    const text =
      this.ctx.dialect.encoding === 'utf-8'
        ? Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.length)
        : iconv.decode(
            Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.length),
            this.ctx.dialect.encoding,
          );
    const records = parse(text, this.options) as string[][];
    if (records.length !== task.records) {
      throw new Error(
        `chunk ${task.index} (rows ${task.firstRowNumber}…): the parser found ${records.length} records where the scanner found ${task.records}`,
      );
    }
    const summary = new ScreeningSummary(this.screener.measures);
    const statuses = new Uint8Array(this.screener.measureCount);
    const rejected: RejectedRow[] = [];
    for (let i = 0; i < records.length; i++) {
      const outcome = this.rows.process(task.firstRowNumber + i, records[i], statuses, summary);
      if (outcome === null) continue;
      if (isRejected(outcome)) rejected.push(outcome);
      else this.encoder.tenant(outcome);
    }
    const results = this.encoder.take();
    for (const r of rejected) this.encoder.rejected(r, this.ctx.lang);
    return {
      index: task.index,
      results,
      rejected: this.encoder.take(),
      counts: summary.rawCounts(),
      records: records.length,
    };
  }
}
