import { isUtf8 } from 'node:buffer';

export type TextEncoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

export interface EncodingGuess {
  encoding: TextEncoding;
  /** Bytes of byte-order mark at the start of the file (skipped by the decoder). */
  bomLength: number;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * Decides a CSV file's text encoding from its first bytes. A BOM decides outright. Otherwise the first
 * stretch of non-ASCII bytes decides: valid UTF-8 means UTF-8, anything else GB18030 — what Chinese Excel
 * ("CSV (逗号分隔)") writes, a superset of GBK and GB2312. Real GB18030 text almost never happens to be
 * valid UTF-8 (its double bytes are 0x81–0xFE followed by 0x40–0xFE), so one window of it is enough.
 * A file with no non-ASCII byte in the sample is read as UTF-8, which for ASCII is the same thing.
 */
export function detectEncoding(sample: Buffer, isWholeFile: boolean): EncodingGuess {
  if (startsWith(sample, UTF8_BOM)) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  const first = firstNonAscii(sample);
  if (first < 0) return { encoding: 'utf-8', bomLength: 0 };
  const window = isWholeFile ? sample.subarray(first) : trimIncompleteTail(sample.subarray(first));
  return { encoding: isUtf8(window) ? 'utf-8' : 'gb18030', bomLength: 0 };
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function firstNonAscii(buf: Buffer): number {
  for (let i = 0; i < buf.length; i++) if (buf[i] >= 0x80) return i;
  return -1;
}

/** Drops a multi-byte UTF-8 sequence cut off by the end of the sample, so the cut is not taken for bad UTF-8. */
export function trimIncompleteTail(buf: Buffer): Buffer {
  for (let i = buf.length - 1, seen = 0; i >= 0 && seen < 4; i--, seen++) {
    const b = buf[i];
    if ((b & 0xc0) === 0x80) continue;
    const length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return buf.length - i < length ? buf.subarray(0, i) : buf;
  }
  return buf;
}
