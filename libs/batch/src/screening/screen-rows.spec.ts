import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compilePack, loadRulePack } from '@app/engine';
import { openTenantFile } from '../input/tenant-file';
import { writeSyntheticTenantCsv } from '../synthetic/synthetic-tenants';
import { screenRows } from './screen-rows';
import type { ScreeningBatch, ScreeningSink } from './screening-outcome';
import { TenantScreener } from './tenant-screener';

/** Records the size of each batch handed over. */
class CountingSink implements ScreeningSink {
  readonly sizes: number[] = [];
  async write(batch: ScreeningBatch): Promise<void> {
    this.sizes.push(batch.tenants.length + batch.rejected.length);
  }
}

describe(screenRows.name, () => {
  const screener = new TenantScreener(compilePack(loadRulePack()), 'zh', '2025-06-30');
  let dir: string;
  let file: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-screen-rows-'));
    file = path.join(dir, 'tenants.csv');
    writeSyntheticTenantCsv(file, { rows: 500, badEvery: 50, seed: 7 });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands over a batch every batchSize rows, so a 500-row file at 1% batches reports progress 100 times', async () => {
    const sut = new CountingSink();
    const result = await screenRows(await openTenantFile(file), sut, { screener, batchSize: 5 });
    expect(result.completed).toBe(true);
    expect(sut.sizes).toHaveLength(100);
    expect(sut.sizes.every((n) => n === 5)).toBe(true);
  });

  it('also hands over a batch when flushAfterMs has passed, before the batch is full', async () => {
    const sut = new CountingSink();
    let clock = 0;
    // Each reading of the clock is 100 ms later: a batch is due every few rows although batchSize is 1000.
    jest.spyOn(Date, 'now').mockImplementation(() => (clock += 100));
    try {
      const result = await screenRows(await openTenantFile(file), sut, {
        screener,
        batchSize: 1000,
        flushAfterMs: 250,
      });
      expect(result.summary.toJSON().rowsIn).toBe(500);
    } finally {
      jest.restoreAllMocks();
    }
    expect(sut.sizes.reduce((a, b) => a + b, 0)).toBe(500);
    expect(Math.max(...sut.sizes)).toBeLessThan(10);
  });
});
