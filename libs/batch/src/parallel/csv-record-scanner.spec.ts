import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvRecordScanner, UnclosedQuoteError } from './csv-record-scanner';
import { propertyRuns } from '../../../../test/support/property-runs';

const OPTIONS = { relax_column_count: true, relax_quotes: true };

/** Records csv-parse finds in the text cut at the scanner's record ends, chunk by chunk. */
function parseInChunks(bytes: Buffer, ends: number[], recordDelimiter: string): string[][] {
  const out: string[][] = [];
  let from = 0;
  for (const end of [...ends, bytes.length]) {
    if (end > from)
      out.push(
        ...(parse(bytes.subarray(from, end), { ...OPTIONS, record_delimiter: [recordDelimiter] }) as string[][]),
      );
    from = end;
  }
  return out;
}

describe(CsvRecordScanner.name, () => {
  const piece = fc.constantFrom('a', '深圳', ',', '"', '""', '\n', '\r\n', '\r', ' ', 'x"y', '"q,\nz"', '1,234');
  const csv = fc.array(piece, { maxLength: 40 }).map((p) => p.join(''));

  it('cuts wherever csv-parse (relax_quotes, delimiter auto-detected) ends a record, for any text it parses', () => {
    fc.assert(
      fc.property(csv, (text) => {
        let whole: string[][];
        try {
          whole = parse(text, OPTIONS) as string[][];
        } catch {
          return true; // unparseable (an unclosed quote): a file-level error on both paths
        }
        const bytes = Buffer.from(text);
        const sut = new CsvRecordScanner(0x2c);
        let ends: number[];
        try {
          const r = sut.scan(bytes, 0, true, 1 << 20);
          ends = r.partial ? [...r.ends, bytes.length] : r.ends;
        } catch (e) {
          expect(e).toBeInstanceOf(UnclosedQuoteError);
          return true;
        }
        expect(ends.length).toBe(whole.length);
        expect(parseInChunks(bytes, ends, sut.recordDelimiter ?? '\n')).toEqual(whole);
        return true;
      }),
      { numRuns: propertyRuns(20_000) },
    );
  });

  it('leaves a record cut off by the end of the buffer for the next block', () => {
    const sut = new CsvRecordScanner(0x2c);
    const r = sut.scan(Buffer.from('a,b\r\n"c\r\nd'), 0, false, 1 << 20);
    expect(r).toEqual({ ends: [5], partial: true });
  });

  it('waits for the next block when a CR is the last byte', () => {
    const sut = new CsvRecordScanner(0x2c, '\r\n');
    expect(sut.scan(Buffer.from('a,b\r'), 0, false, 1 << 20)).toEqual({ ends: [], partial: true });
  });
});
