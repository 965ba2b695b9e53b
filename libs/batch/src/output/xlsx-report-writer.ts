import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { Writable } from 'node:stream';
import type * as ExcelJS from 'exceljs';
import type { Worksheet } from 'exceljs';
import type { Lang } from '@app/engine';
import type { SummaryJson } from '../screening/screening-summary';
import { neutralizeFormula } from './formula-guard';
import {
  OutputCell,
  RejectedOutputRow,
  rejectedCells,
  rejectedHeader,
  ResultRow,
  resultCells,
  resultHeader,
} from './result-columns';
import type { MeasureColumn } from '../screening/tenant-screener';

/** Excel's limit is 1,048,576 rows a sheet; past it the results continue on "筛查结果 (2)". */
const MAX_DATA_ROWS = 1_048_575;

const SHEETS = {
  zh: { results: '筛查结果', rejected: '未通过校验的行', summary: '汇总' },
  en: { results: 'Results', rejected: 'Rejected rows', summary: 'Summary' },
};

export interface XlsxReportOptions {
  /** A file path, or a stream (an HTTP response). */
  out: string | Writable;
  measures: readonly MeasureColumn[];
  /** The uploaded file's own headers, for the rejected-rows sheet. */
  sourceHeaders: readonly string[];
  lang: Lang;
  /** Shown on the summary sheet. */
  title?: string;
  rulePackVersion?: string;
}

/**
 * An XLSX report streamed with exceljs's WorkbookWriter: a results sheet (one row per tenant), a rejected-rows
 * sheet and a summary sheet. Sheets are zipped one after another, so rejected rows that arrive while results
 * are still being written wait in a temporary file (not in memory) until the results sheet is closed.
 */
export class XlsxReportWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private results: Worksheet;
  private resultSheets = 1;
  private resultRows = 0;
  private rejectedSheet: Worksheet | null = null;
  private spoolPath: string | null = null;
  private spool: fs.WriteStream | null = null;

  constructor(private readonly options: XlsxReportOptions) {
    const target = typeof options.out === 'string' ? { filename: options.out } : { stream: options.out };
    // Loaded on first use: exceljs takes a tenth of a second to load, which a CSV run should not pay.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, not at start-up
    const { stream: excelStream } = require('exceljs') as typeof ExcelJS;
    this.workbook = new excelStream.xlsx.WorkbookWriter({ ...target, useStyles: false, useSharedStrings: false });
    this.results = this.addResultSheet();
  }

  async writeResults(rows: readonly ResultRow[]): Promise<void> {
    for (const row of rows) {
      if (this.resultRows === MAX_DATA_ROWS) {
        this.results.commit();
        this.resultSheets++;
        this.results = this.addResultSheet();
        this.resultRows = 0;
      }
      this.results.addRow(guard(resultCells(row, this.options.lang))).commit();
      this.resultRows++;
    }
    await drained(this.results);
  }

  async writeRejected(rows: readonly RejectedOutputRow[]): Promise<void> {
    if (rows.length === 0) return;
    if (this.rejectedSheet) {
      for (const row of rows) this.rejectedSheet.addRow(guard(rejectedCells(row, this.options.lang))).commit();
      return drained(this.rejectedSheet);
    }
    if (!this.spool) {
      this.spoolPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-xlsx-')), 'rejected.jsonl');
      this.spool = fs.createWriteStream(this.spoolPath);
    }
    const ok = this.spool.write(rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
    if (!ok) await new Promise<void>((resolve) => this.spool!.once('drain', () => resolve()));
  }

  /** Closes the results sheet; rejected rows written after this go straight to their sheet. */
  async endResults(): Promise<void> {
    if (this.rejectedSheet) return;
    this.results.commit();
    this.rejectedSheet = this.workbook.addWorksheet(SHEETS[this.options.lang].rejected);
    this.rejectedSheet.addRow(guard(rejectedHeader(this.options.sourceHeaders, this.options.lang))).commit();
    if (this.spool) await this.replaySpool();
  }

  /**
   * Ends the workbook with its summary sheet. `null`: no summary was recorded for the screening (a row written before
   * summaries were kept, or one a person cleared): the sheet says so instead of inventing counts.
   */
  async finish(summary: SummaryJson | null): Promise<void> {
    await this.endResults();
    this.rejectedSheet!.commit();
    this.writeSummary(summary);
    await this.workbook.commit();
  }

  private addResultSheet(): Worksheet {
    const base = SHEETS[this.options.lang].results;
    const sheet = this.workbook.addWorksheet(this.resultSheets === 1 ? base : `${base} (${this.resultSheets})`, {
      views: [{ state: 'frozen', ySplit: 1, xSplit: 3 }],
    });
    sheet.addRow(guard(resultHeader(this.options.measures, this.options.lang))).commit();
    return sheet;
  }

  private async replaySpool(): Promise<void> {
    await new Promise<void>((resolve, reject) => this.spool!.end((e?: Error | null) => (e ? reject(e) : resolve())));
    const lines = readline.createInterface({ input: fs.createReadStream(this.spoolPath!), crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      if (line === '') continue;
      this.rejectedSheet!.addRow(
        guard(rejectedCells(JSON.parse(line) as RejectedOutputRow, this.options.lang)),
      ).commit();
      if (++n % 1000 === 0) await drained(this.rejectedSheet!);
    }
    fs.rmSync(path.dirname(this.spoolPath!), { recursive: true, force: true });
    this.spool = null;
  }

  private writeSummary(summary: SummaryJson | null): void {
    const zh = this.options.lang === 'zh';
    const sheet = this.workbook.addWorksheet(SHEETS[this.options.lang].summary);
    const add = (cells: OutputCell[]) => sheet.addRow(guard(cells)).commit();
    if (this.options.title) add([zh ? '文件' : 'File', this.options.title]);
    if (!summary) {
      add([
        zh
          ? '本次筛查没有记录汇总数据；各企业结果见“筛查结果”。'
          : 'No summary was recorded for this screening; see "Results" for each tenant.',
      ]);
      if (this.options.rulePackVersion) add([zh ? '规则包版本' : 'Rule pack version', this.options.rulePackVersion]);
      return;
    }
    add([zh ? '读取的数据行' : 'Rows read', summary.rowsIn]);
    add([zh ? '已筛查' : 'Screened', summary.screened]);
    add([zh ? '未通过校验（见“未通过校验的行”）' : 'Rejected (see "Rejected rows")', summary.rejected]);
    add([zh ? '空行（已跳过）' : 'Blank rows (skipped)', summary.blankRows]);
    add([zh ? '带提示的企业' : 'Tenants with a warning', summary.warnings]);
    if (this.options.rulePackVersion) add([zh ? '规则包版本' : 'Rule pack version', this.options.rulePackVersion]);
    for (const note of summary.notes ?? []) add([zh ? '读取说明' : 'How the file was read', note.message]);
    add([]);
    add(
      zh
        ? ['措施编号', '措施', '符合', '需补充信息', '不符合', '其中接近符合']
        : ['Measure id', 'Measure', 'Eligible', 'Needs info', 'Ineligible', 'of which near miss'],
    );
    for (const m of summary.measures) add([m.measureId, m.title, m.eligible, m.needsInfo, m.ineligible, m.nearMiss]);
  }
}

function guard(cells: readonly OutputCell[]): OutputCell[] {
  return cells.map((c) => (typeof c === 'string' ? neutralizeFormula(c) : c));
}

/** What a streamed sheet has queued for the zip: exceljs's buffer and the PassThrough archiver reads it through. */
interface PipeInternals {
  writableLength?: number;
  readableLength?: number;
  // readable-stream 2 (what archiver uses) has no writableLength/readableLength getters
  _writableState?: { length?: number };
  _readableState?: { length?: number };
}
interface SheetInternals {
  stream?: { buffers?: unknown[]; pipes?: PipeInternals[] };
}
const pending = (p: PipeInternals) =>
  (p.writableLength ?? p._writableState?.length ?? 0) + (p.readableLength ?? p._readableState?.length ?? 0);
const MAX_QUEUED_BYTES = 8 << 20;

/**
 * exceljs's streaming writer has no back-pressure: committed rows queue in memory until the zip (deflate, then
 * the file or HTTP response) takes them — hundreds of MB for a large screening. So after each batch, wait until
 * the sheet's queue is below a few MB. Reads exceljs and archiver internals; if they change, it only yields.
 */
async function drained(sheet: Worksheet): Promise<void> {
  const stream = (sheet as unknown as SheetInternals).stream;
  const queued = () =>
    (stream?.buffers?.length ?? 0) * 65536 + (stream?.pipes ?? []).reduce((n, p) => n + pending(p), 0);
  await new Promise((resolve) => setImmediate(resolve));
  for (let waited = 0; queued() > MAX_QUEUED_BYTES && waited < 60_000; waited += 5)
    await new Promise((resolve) => setTimeout(resolve, 5));
}
