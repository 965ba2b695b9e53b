import * as fs from 'node:fs';
import type { Lang } from '@app/engine';
import { BatchFileError } from '../batch-file-error';
import { MAX_RECORD_BYTES } from '../input/csv-records';
import type { TenantFile } from '../input/tenant-file';
import type { CsvTableWriter } from '../output/csv-table-writer';
import { ScreeningSummary, SummaryJson } from '../screening/screening-summary';
import type { TenantScreener } from '../screening/tenant-screener';
import { ChunkRunner, InProcessRunner, WorkerRunner } from './chunk-runner';
import { ChunkContext, ChunkResult, ChunkScreening } from './chunk-screening';
import { CsvRecordScanner, RecordDelimiter, RecordTooLongError, UnclosedQuoteError } from './csv-record-scanner';

export interface ChunkedCsvOptions {
  /** Worker threads; 1 screens the chunks on this thread. */
  threads: number;
  lang: Lang;
  /** The compiled pack's screener: used on this thread; workers compile the pack from rulesDir themselves. */
  screener: TenantScreener;
  rulesDir: string;
  /** Where result lines and rejected lines go (each already has its header). */
  results: CsvTableWriter;
  rejected: CsvTableWriter;
  chunkBytes?: number;
  onProgress?: (summary: ScreeningSummary, bytesDone: number) => void;
}

/**
 * Screens a CSV file into CSV outputs chunk by chunk: the main thread reads ~2 MB blocks, cuts them at record
 * boundaries (CsvRecordScanner) and writes results in file order; the chunks are parsed, validated, screened
 * and encoded by worker threads (or on this thread with threads = 1). Same outcomes and bytes as the streaming
 * path (a spec compares them). At most `capacity` chunks are in flight, so memory stays bounded.
 */
export async function screenCsvInChunks(file: TenantFile, options: ChunkedCsvOptions): Promise<SummaryJson> {
  const dialect = file.dialect!;
  file.close();
  const recordDelimiter = detectRecordDelimiter(file.path, dialect.bomLength, dialect.delimiter.charCodeAt(0));
  const ctx: ChunkContext = {
    columns: file.columns,
    dialect,
    recordDelimiter,
    lang: options.lang,
    asOf: options.screener.asOf,
  };
  const runner: ChunkRunner =
    options.threads > 1
      ? WorkerRunner.start(options.threads, {
          ctx,
          rulesDir: options.rulesDir,
          rulePackVersion: options.screener.rulePackVersion,
        })
      : new InProcessRunner(new ChunkScreening(options.screener, ctx));
  const summary = new ScreeningSummary(options.screener.measures);
  const inFlight: Promise<ChunkResult & { endOffset: number }>[] = [];
  const writeNext = async () => {
    const done = await inFlight.shift()!;
    await options.results.bytes(done.results);
    await options.rejected.bytes(done.rejected);
    summary.addRawCounts(done.counts);
    options.onProgress?.(summary, done.endOffset);
  };
  try {
    for await (const chunk of readChunks(file, recordDelimiter, options.chunkBytes ?? 2 << 20)) {
      if (inFlight.length >= runner.capacity) await writeNext();
      const pending = runner.submit(chunk.task).then((r) => ({ ...r, endOffset: chunk.endOffset }));
      pending.catch(() => undefined); // awaited in order by writeNext; don't report it as unhandled meanwhile
      inFlight.push(pending);
    }
    while (inFlight.length > 0) await writeNext();
  } finally {
    await runner.stop();
  }
  return summary.toJSON();
}

const MAX_CHUNK_RECORDS = 10_000;

interface Chunk {
  task: { index: number; bytes: Uint8Array; firstRowNumber: number; records: number };
  /** Byte offset in the file just past the chunk. */
  endOffset: number;
}

/** Whole records in blocks of about `size` bytes, header (and anything above it) left out. */
async function* readChunks(file: TenantFile, recordDelimiter: RecordDelimiter, size: number): AsyncGenerator<Chunk> {
  const scanner = new CsvRecordScanner(file.dialect!.delimiter.charCodeAt(0), recordDelimiter);
  const handle = await fs.promises.open(file.path, 'r');
  try {
    let position = file.dialect!.bomLength;
    let carry = Buffer.alloc(0);
    let carryOffset = position;
    let recordsSeen = 0;
    let index = 0;
    const readBlock = async (at: number) => {
      const block = Buffer.allocUnsafe(size);
      const { bytesRead } = await handle.read(block, 0, size, at);
      return { block, bytesRead };
    };
    let next = readBlock(position);
    for (;;) {
      // Read ahead: the next block loads while this one is screened.
      const { block, bytesRead } = await next;
      position += bytesRead;
      if (bytesRead > 0) next = readBlock(position);
      const final = bytesRead === 0;
      const buf =
        carry.length === 0 ? block.subarray(0, bytesRead) : Buffer.concat([carry, block.subarray(0, bytesRead)]);
      const { ends, partial } = scan(scanner, buf, final, recordsSeen);
      if (final && partial) ends.push(buf.length);
      let from = 0;
      let skipped = 0;
      while (recordsSeen + skipped < file.headerRowNumber && skipped < ends.length) from = ends[skipped++];
      recordsSeen += skipped;
      let to = from;
      // Cut into chunks of at most MAX_CHUNK_RECORDS, so a file of tiny rows cannot blow a worker's heap.
      for (let k = skipped; k < ends.length; k += MAX_CHUNK_RECORDS) {
        const last = Math.min(ends.length, k + MAX_CHUNK_RECORDS) - 1;
        const records = last - k + 1;
        to = ends[last];
        // A copy of its own: it is transferred to a worker, and `buf` may be the next carry's source.
        const bytes = new Uint8Array(buf.subarray(from, to));
        yield {
          task: { index: index++, bytes, firstRowNumber: recordsSeen + 1, records },
          endOffset: carryOffset + to,
        };
        recordsSeen += records;
        from = to;
      }
      carryOffset += to;
      carry = Buffer.from(buf.subarray(to));
      if (final) break;
    }
  } finally {
    await handle.close();
  }
}

/** `recordsSeen`: records (header included) before `buf`; a bad record's row number follows from it. */
function scan(scanner: CsvRecordScanner, buf: Buffer, final: boolean, recordsSeen: number) {
  try {
    return scanner.scan(buf, 0, final, MAX_RECORD_BYTES);
  } catch (e) {
    if (e instanceof UnclosedQuoteError || e instanceof RecordTooLongError) {
      const row = recordsSeen + e.recordsBefore + 1;
      throw new BatchFileError(
        'malformed-file',
        {
          zh: `CSV 格式错误：第 ${row} 行起有未闭合的引号（或一行超过 1 MB），其后的行无法可靠读取`,
          en: `malformed CSV: an unclosed quote from row ${row} (or a row over 1 MB); the rows after it cannot be read reliably`,
        },
        [String(row)],
      );
    }
    throw e;
  }
}

/** csv-parse takes the first line break outside quotes as the record delimiter; so do the chunks. */
function detectRecordDelimiter(file: string, start: number, delimiter: number): RecordDelimiter {
  const fd = fs.openSync(file, 'r');
  try {
    const scanner = new CsvRecordScanner(delimiter);
    const buf = Buffer.alloc(MAX_RECORD_BYTES + 2);
    const n = fs.readSync(fd, buf, 0, buf.length, start);
    try {
      scanner.scan(buf.subarray(0, n), 0, n < buf.length, Number.MAX_SAFE_INTEGER);
    } catch {
      // an unclosed quote: the chunk reader reports it
    }
    return scanner.recordDelimiter ?? '\n';
  } finally {
    fs.closeSync(fd);
  }
}
