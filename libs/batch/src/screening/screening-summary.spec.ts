import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilePack, loadRulePack } from '@app/engine';
import { isBlank, RawRecord } from '../input/raw-record';
import { openTenantFile } from '../input/tenant-file';
import { writeSyntheticTenantCsv } from '../synthetic/synthetic-tenants';
import { screenRecords } from './screen-records';
import { screenRows } from './screen-rows';
import { ScreeningSummary, SummaryJson } from './screening-summary';
import { TenantScreener } from './tenant-screener';

/**
 * The queue screens a file in chunks on several workers and adds the chunks' summaries up at the end: that sum must be
 * the summary the streaming loop gives for the whole file in one go, whatever the order the chunks finished in.
 */
describe('ScreeningSummary.merge', () => {
  const screener = new TenantScreener(compilePack(loadRulePack()), 'zh', '2025-06-30');
  let dir: string;
  let file: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-summary-merge-'));
    file = path.join(dir, 'tenants.csv');
    writeSyntheticTenantCsv(file, { rows: 2345, badEvery: 37, seed: 21 });
    // Blank rows here and there (the split counts them; chunks never carry them) and a unit column note.
    const lines = fs.readFileSync(file, 'utf8').split('\r\n');
    lines[0] = lines[0].replace('营业收入', '营业收入（万元）');
    for (const at of [5, 400, 401, 1999]) lines.splice(at, 0, ',,,');
    fs.writeFileSync(file, lines.join('\r\n'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function wholeFile(): Promise<SummaryJson> {
    const result = await screenRows(await openTenantFile(file), { write: () => undefined }, { screener });
    return result.summary.toJSON();
  }

  /** The split's part (blank rows, notes) and one summary per chunk of `size` data rows. */
  async function chunkSummaries(size: number): Promise<{ split: SummaryJson; chunks: SummaryJson[]; rows: number }> {
    const tenantFile = await openTenantFile(file);
    const split = new ScreeningSummary(screener.measures);
    split.notes = tenantFile.notes.map((n) => ({ code: n.code, message: n.message.zh }));
    const chunks: SummaryJson[] = [];
    let chunk: RawRecord[] = [];
    let rows = 0;
    const flush = () => {
      const { batch, summary } = screenRecords(chunk, tenantFile.columns, screener, 'zh');
      rows += batch.tenants.length + batch.rejected.length;
      chunks.push(summary.toJSON());
      chunk = [];
    };
    for await (const record of tenantFile.rows()) {
      if (isBlank(record.cells)) split.addBlank();
      else chunk.push(record);
      if (chunk.length === size) flush();
    }
    if (chunk.length > 0) flush();
    return { split: split.toJSON(), chunks, rows };
  }

  it('adds the chunks’ summaries up to the whole file’s summary, in any order', async () => {
    const expected = await wholeFile();
    const { split, chunks, rows } = await chunkSummaries(500);
    expect(chunks).toHaveLength(5);
    expect(rows).toBe(2345);
    const shuffled = [chunks[3], chunks[0], split, chunks[4], chunks[2], chunks[1]];
    const merged = ScreeningSummary.merge(screener.measures, shuffled).toJSON();

    expect(merged.totals!.estimatedValue).toBeCloseTo(expected.totals!.estimatedValue, 2);
    const withoutValue = (s: SummaryJson) => ({ ...s, totals: { ...s.totals!, estimatedValue: 0 } });
    expect(withoutValue(merged)).toEqual(withoutValue(expected));
    expect(merged).toMatchObject({ rowsIn: 2345, blankRows: 4, rejected: Math.floor(2345 / 37) });
    expect(merged.notes?.map((n) => n.code)).toEqual(expected.notes?.map((n) => n.code));
    expect(merged.notes?.length).toBeGreaterThan(0);
  });

  it('gives the same summary whatever the chunk size', async () => {
    const small = await chunkSummaries(97);
    const large = await chunkSummaries(2000);
    const a = ScreeningSummary.merge(screener.measures, [small.split, ...small.chunks]).toJSON();
    const b = ScreeningSummary.merge(screener.measures, [large.split, ...large.chunks]).toJSON();
    expect(a.measures).toEqual(b.measures);
    expect({ ...a.totals, estimatedValue: 0 }).toEqual({ ...b.totals, estimatedValue: 0 });
  });

  it('adds counts measure by measure by id, ignores measures it does not hold and keeps the first notes', () => {
    const measures = [
      { id: 'm1', title: 'one' },
      { id: 'm2', title: 'two' },
    ];
    const part = (eligible: number, notes?: SummaryJson['notes']): SummaryJson => ({
      rowsIn: 3,
      screened: 2,
      rejected: 1,
      blankRows: 1,
      warnings: 1,
      measures: [
        { measureId: 'm2', title: 'two', eligible, needsInfo: 1, nearMiss: 0, ineligible: 2 - eligible - 1 },
        { measureId: 'gone', title: 'an old measure', eligible: 9, needsInfo: 9, nearMiss: 9, ineligible: 9 },
      ],
      notes,
    });
    const merged = ScreeningSummary.merge(measures, [
      part(1),
      part(0, [{ code: 'unit-column', message: 'first' }]),
      part(1, [{ code: 'unit-column', message: 'second' }]),
    ]).toJSON();
    expect(merged).toMatchObject({ rowsIn: 9, screened: 6, rejected: 3, blankRows: 3, warnings: 3 });
    expect(merged.measures.map((m) => [m.measureId, m.eligible, m.needsInfo, m.ineligible])).toEqual([
      ['m1', 0, 0, 0],
      ['m2', 2, 3, 1],
    ]);
    expect(merged.notes).toEqual([{ code: 'unit-column', message: 'first' }]);
  });
});
