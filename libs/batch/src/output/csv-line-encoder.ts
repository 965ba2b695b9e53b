import type { Lang } from '@app/engine';
import type { RejectedRow, TenantOutcome } from '../screening/screening-outcome';
import { csvCell } from './csv-table-writer';
import { rejectedCells, statusLabel } from './result-columns';

/**
 * Encodes result and rejected lines straight into UTF-8 bytes. A result line is mostly one status label per
 * measure (over a hundred of them): copying each label's pre-encoded bytes is several times cheaper than
 * concatenating strings and encoding the result, and leaves no garbage behind.
 * Produces exactly the bytes CsvTableWriter would write for resultCells(toResultRow(t)) (a spec checks it).
 */
export class CsvLineEncoder {
  private buf: Buffer;
  private view: DataView;
  private pos = 0;
  /**
   * Per status code: "," + the label as UTF-8, zero-padded to whole 32-bit words (`words` from `wordStart[code]`
   * to `wordStart[code + 1]`) and its true length. Labels are copied a word at a time — four times fewer
   * stores than byte by byte — and the padding is overwritten by whatever comes next.
   */
  private readonly words: Uint32Array;
  private readonly wordStart: Int32Array;
  private readonly lengths: Int32Array;

  constructor(lang: Lang, initialBytes = 1 << 20) {
    this.buf = Buffer.allocUnsafe(initialBytes);
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.length);
    const labels = [0, 1, 2, 3].map((code) => Buffer.from(`,${csvCell(statusLabel(code, lang))}`, 'utf8'));
    const padded = labels.map((l) => {
      const p = Buffer.alloc(Math.ceil(l.length / 4) * 4);
      l.copy(p);
      return Array.from({ length: p.length / 4 }, (_, i) => p.readUInt32LE(i * 4));
    });
    this.words = new Uint32Array(padded.flat());
    this.wordStart = new Int32Array(5);
    padded.forEach((w, i) => (this.wordStart[i + 1] = this.wordStart[i] + w.length));
    this.lengths = new Int32Array(labels.map((l) => l.length));
  }

  tenant(t: TenantOutcome): void {
    const f = t.facts;
    const c = t.counts;
    let head =
      `${t.rowNumber},${csvCell(f.creditCode as string | undefined)},${csvCell(f.name as string | undefined)},` +
      `${csvCell(f.parkId as string | undefined)},${c.eligible},${c.needsInfo},${c.nearMiss},${c.ineligible},${c.benchmarksMet},` +
      `${c.estimatedValue},`;
    if (t.warnings.length > 0) head += csvCell(t.warnings.map((w) => w.message).join('; '));
    const statuses = t.statuses;
    this.ensure(head.length * 3 + statuses.length * 20 + 8);
    this.pos += this.buf.write(head, this.pos, 'utf8');
    const { view, words, wordStart, lengths } = this;
    let pos = this.pos;
    for (let i = 0; i < statuses.length; i++) {
      const code = statuses[i];
      const end = wordStart[code + 1];
      for (let k = wordStart[code], p = pos; k < end; k++, p += 4) view.setUint32(p, words[k], true);
      pos += lengths[code];
    }
    view.setUint16(pos, 0x0a0d, true); // CRLF
    this.pos = pos + 2;
  }

  rejected(r: RejectedRow, lang: Lang): void {
    this.text(rejectedCells(r, lang).map(csvCell).join(',') + '\r\n');
  }

  text(line: string): void {
    this.ensure(line.length * 3);
    this.pos += this.buf.write(line, this.pos, 'utf8');
  }

  get length(): number {
    return this.pos;
  }

  /** The bytes so far, as a buffer of their own; the encoder starts empty again. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }

  private ensure(extra: number): void {
    if (this.pos + extra <= this.buf.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + extra));
    this.buf.copy(bigger, 0, 0, this.pos);
    this.buf = bigger;
    this.view = new DataView(bigger.buffer, bigger.byteOffset, bigger.length);
  }
}
