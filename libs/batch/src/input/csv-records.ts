import * as fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { Options, parse } from 'csv-parse';
import * as iconv from 'iconv-lite';
import { BatchFileError } from '../batch-file-error';
import { detectEncoding, TextEncoding } from './encoding';
import type { ByteMeter, RawRecord } from './raw-record';

export interface CsvDialect {
  encoding: TextEncoding;
  bomLength: number;
  delimiter: string;
}

const SAMPLE_BYTES = 1 << 20;
/** A longer record is almost surely an unclosed quote swallowing the rest of the file. */
export const MAX_RECORD_BYTES = 1 << 20;
const DELIMITERS = [',', '\t', ';'];

/** Encoding (see detectEncoding) and delimiter (the one the header line uses most: , or tab or ;). */
export function sniffCsv(file: string): CsvDialect {
  const fd = fs.openSync(file, 'r');
  let sample: Buffer;
  let whole: boolean;
  try {
    const buf = Buffer.alloc(SAMPLE_BYTES);
    const n = fs.readSync(fd, buf, 0, SAMPLE_BYTES, 0);
    sample = buf.subarray(0, n);
    whole = n < SAMPLE_BYTES;
  } finally {
    fs.closeSync(fd);
  }
  const { encoding, bomLength } = detectEncoding(sample, whole);
  const text = iconv.decode(sample.subarray(bomLength), encoding);
  if (encoding === 'gb18030' && countReplacement(text) > 0) {
    throw new BatchFileError('unknown-encoding', {
      zh: '无法识别文件编码：既不是 UTF-8 也不是 GB18030/GBK，请另存为“CSV UTF-8”',
      en: 'unrecognised text encoding (neither UTF-8 nor GB18030/GBK): save the file as "CSV UTF-8"',
    });
  }
  return { encoding, bomLength, delimiter: guessDelimiter(firstLine(text)) };
}

function countReplacement(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\uFFFD'); i >= 0; i = text.indexOf('\uFFFD', i + 1)) n++;
  return n;
}

function firstLine(text: string): string {
  const end = text.search(/\r|\n/);
  return end < 0 ? text : text.slice(0, end);
}

export function guessDelimiter(line: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = line.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * Streams CSV records. UTF-8 bytes go to csv-parse as they are (it decodes fields itself); other encodings
 * are decoded by iconv-lite first. Quotes inside unquoted fields are taken literally (relax_quotes), so the
 * only unparseable CSV is an unclosed quote — a file-level error, since every later row is then ambiguous.
 */
export async function* readCsvRecords(file: string, dialect: CsvDialect, meter?: ByteMeter): AsyncGenerator<RawRecord> {
  const input = fs.createReadStream(file, { highWaterMark: 1 << 20, start: dialect.bomLength });
  if (meter)
    input.on('data', (chunk) => {
      meter.bytesRead += chunk.length;
    });
  const decoded: Readable = dialect.encoding === 'utf-8' ? input : input.pipe(decoder(dialect.encoding));
  const parser = parse({
    ...csvParseOptions(dialect),
    // Records queued between the parser and the screening loop (the default, 16, stalls the pipe).
    readableHighWaterMark: 4096,
  } as Options);
  decoded.on('error', (e) => parser.destroy(e));
  decoded.pipe(parser);
  let rowNumber = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      yield { rowNumber: ++rowNumber, cells };
    }
  } catch (e) {
    throw toFileError(e, rowNumber);
  } finally {
    input.destroy();
    parser.destroy();
  }
}

/** The csv-parse options every reader of tenant CSVs uses (the streaming reader, the chunk workers, the bench). */
export function csvParseOptions(dialect: CsvDialect) {
  return {
    delimiter: dialect.delimiter,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
  } satisfies Options;
}

function decoder(encoding: TextEncoding): Transform {
  return iconv.decodeStream(encoding) as unknown as Transform;
}

function toFileError(e: unknown, rowNumber: number): BatchFileError {
  if (e instanceof BatchFileError) return e;
  const err = e as { code?: string; message?: string; lines?: number };
  if (typeof err.code === 'string' && err.code.startsWith('CSV_')) {
    const where = err.lines ?? rowNumber + 1;
    const unclosed = err.code === 'CSV_QUOTE_NOT_CLOSED' || err.code === 'CSV_MAX_RECORD_SIZE';
    return new BatchFileError(
      'malformed-file',
      {
        zh: unclosed
          ? `CSV 格式错误：第 ${rowNumber + 1} 行起有未闭合的引号（或一行超过 1 MB），其后的行无法可靠读取`
          : `CSV 格式错误（文件第 ${where} 行）：${err.message}`,
        en: unclosed
          ? `malformed CSV: an unclosed quote from row ${rowNumber + 1} (or a row over 1 MB); the rows after it cannot be read reliably`
          : `malformed CSV (line ${where}): ${err.message}`,
      },
      [String(rowNumber + 1)],
    );
  }
  const message = err.message ?? String(e);
  return new BatchFileError('unreadable', { zh: `读取文件失败：${message}`, en: `cannot read the file: ${message}` });
}
