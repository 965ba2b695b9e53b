import type { Writable } from 'node:stream';
import { neutralizeFormula } from './formula-guard';
import type { OutputCell } from './result-columns';

const FLUSH_AT = 1 << 18;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * A streaming CSV table, written by hand rather than through csv-stringify: on a million rows the per-row
 * cost matters, and the format is simple (RFC 4180 quoting). UTF-8 with a BOM so Excel shows Chinese
 * correctly; every text cell neutralised against formula injection.
 */
export class CsvTableWriter {
  private buffer = '';

  constructor(
    private readonly out: Writable,
    header: readonly string[],
    bom = true,
  ) {
    this.buffer = (bom ? '\uFEFF' : '') + header.map(csvCell).join(',') + '\r\n';
  }

  /** Appends one row; call `drain()` now and then (after each batch) to respect back-pressure. */
  row(cells: readonly OutputCell[]): void {
    let line = '';
    for (let i = 0; i < cells.length; i++) {
      if (i > 0) line += ',';
      line += csvCell(cells[i]);
    }
    this.buffer += line + '\r\n';
  }

  /** Appends a line already in CSV form (see csvCell), without its line break. */
  line(text: string): void {
    this.buffer += text + '\r\n';
  }

  /** Appends lines already encoded as UTF-8 CSV (from a worker thread). */
  async bytes(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    await this.flush();
    if (!this.out.write(chunk)) await waitForDrain(this.out);
  }

  async drain(): Promise<void> {
    if (this.buffer.length < FLUSH_AT) return;
    await this.flush();
  }

  async end(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(resolve);
    });
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.out.write(this.buffer);
    this.buffer = '';
    if (!ok) await waitForDrain(this.out);
  }
}

function waitForDrain(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('error', onError);
      out.off('close', onDrain);
      resolve();
    };
    const onError = (e: Error) => {
      out.off('drain', onDrain);
      out.off('close', onDrain);
      reject(e);
    };
    out.once('drain', onDrain);
    out.once('close', onDrain);
    out.once('error', onError);
  });
}

export function csvCell(value: OutputCell | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return String(value);
  const text = neutralizeFormula(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
