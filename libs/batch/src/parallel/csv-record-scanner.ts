/**
 * Finds where CSV records end without parsing their fields, so a file can be cut into chunks that workers
 * parse on their own. It follows csv-parse's rules as configured in csv-records.ts (relax_quotes, record
 * delimiter auto-detected from the first line break outside quotes, later other line breaks are data):
 * a quote opens a quoted field only as a field's first byte; `""` inside is an escaped quote; a closing
 * quote followed by anything but a delimiter or line break turns the field back into literal text.
 * Workers check their record counts against the scanner's, so a disagreement is loud, never silent.
 * Works on bytes: in UTF-8 and GB18030 the bytes of `"`, `,`, tab, `;`, CR and LF never occur inside a
 * multi-byte character.
 */
export type RecordDelimiter = '\r\n' | '\n' | '\r';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
const QUOTE_SEEN = 3;

export interface ScanResult {
  /** Offsets just past each complete record's line break, in order. */
  ends: number[];
  /** True when the bytes after the last end are a record cut off by the end of the buffer. */
  partial: boolean;
}

export class CsvRecordScanner {
  private rd: RecordDelimiter | null;

  constructor(
    private readonly delimiter: number,
    recordDelimiter: RecordDelimiter | null = null,
  ) {
    this.rd = recordDelimiter;
  }

  /** The record delimiter, once seen (csv-parse takes the first line break outside quotes). */
  get recordDelimiter(): RecordDelimiter | null {
    return this.rd;
  }

  /**
   * Scans `buf` from `start`, which must be the start of a record. With `final`, the end of the buffer is
   * the end of the file. `maxRecordBytes` bounds one record (csv-parse's max_record_size): longer → throws.
   */
  scan(buf: Uint8Array, start: number, final: boolean, maxRecordBytes: number): ScanResult {
    const ends: number[] = [];
    const d = this.delimiter;
    let state = FIELD_START;
    let recordStart = start;
    const n = buf.length;
    for (let i = start; i < n; i++) {
      const b = buf[i];
      if (state === QUOTED) {
        if (b === QUOTE) state = QUOTE_SEEN;
        continue;
      }
      if (b === QUOTE) {
        // A quote opens a field only as its first byte; after a closing quote it is an escaped one.
        state = state === FIELD_START ? QUOTED : state === QUOTE_SEEN ? QUOTED : UNQUOTED;
        continue;
      }
      if (b === d) {
        state = FIELD_START;
        continue;
      }
      if (b === CR || b === LF) {
        const end = this.lineBreakEnd(buf, i, final);
        if (end === -1) break; // a CR at the very end of the buffer: decide when more bytes come
        if (end > 0) {
          ends.push(end);
          i = end - 1;
          recordStart = end;
          state = FIELD_START;
          continue;
        }
      }
      state = UNQUOTED;
      if (i - recordStart > maxRecordBytes) throw new RecordTooLongError(recordStart, ends.length);
    }
    if (state === QUOTED && final) throw new UnclosedQuoteError(recordStart, ends.length);
    if (n - recordStart > maxRecordBytes) throw new RecordTooLongError(recordStart, ends.length);
    return { ends, partial: recordStart < n };
  }

  /** Offset past the line break at i, 0 when this CR/LF is data, -1 when undecidable yet. */
  private lineBreakEnd(buf: Uint8Array, i: number, final: boolean): number {
    const b = buf[i];
    if (this.rd === null) {
      if (b === LF) this.rd = '\n';
      else if (i + 1 >= buf.length) {
        if (!final) return -1;
        this.rd = '\r';
      } else this.rd = buf[i + 1] === LF ? '\r\n' : '\r';
    }
    switch (this.rd) {
      case '\n':
        return b === LF ? i + 1 : 0;
      case '\r':
        return b === CR ? i + 1 : 0;
      case '\r\n':
        if (b !== CR) return 0;
        if (i + 1 >= buf.length) return final ? 0 : -1;
        return buf[i + 1] === LF ? i + 2 : 0;
    }
  }
}

/** `recordsBefore`: complete records in the scanned buffer before the bad one. */
export class UnclosedQuoteError extends Error {
  constructor(
    readonly recordStart: number,
    readonly recordsBefore: number,
  ) {
    super(`unclosed quote in the record starting at byte ${recordStart}`);
  }
}

export class RecordTooLongError extends Error {
  constructor(
    readonly recordStart: number,
    readonly recordsBefore: number,
  ) {
    super(`the record starting at byte ${recordStart} is longer than the limit`);
  }
}
