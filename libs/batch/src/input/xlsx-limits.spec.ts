import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { blankRowBomb, sharedStringsBomb, truncatedSheet } from '../../../../test/support/xlsx-bombs';
import { RawRecord } from './raw-record';
import { DEFAULT_READ_LIMITS, ReadAbortedError, ReadLimits } from './read-limits';
import { openTenantFile, OpenTenantFileOptions } from './tenant-file';

const GB = 1_100_000_000;
const MB = 1024 * 1024;

/** Reads every row; resolves with the rows, or rejects with the reader's error. */
async function readAll(file: string, options: OpenTenantFileOptions = {}): Promise<RawRecord[]> {
  const sut = await openTenantFile(file, options);
  const out: RawRecord[] = [];
  for await (const r of sut.rows()) out.push(r);
  return out;
}

const limits = (over: Partial<ReadLimits>): ReadLimits => ({ ...DEFAULT_READ_LIMITS, ...over });

describe('XLSX caps while streaming', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-xlsx-limits-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('refuses a sheet whose declared size is over the cap before inflating any of it', async () => {
    const file = path.join(dir, 'blank-honest.xlsx');
    expect(blankRowBomb(file, GB)).toBeGreaterThan(DEFAULT_READ_LIMITS.maxXlsxBytes);
    expect(fs.statSync(file).size).toBeLessThan(2 * MB);
    await expect(readAll(file)).rejects.toMatchObject({ code: 'too-large', details: ['xl/worksheets/sheet1.xml'] });
  });

  it('stops a blank-row bomb that lies about its size at the row cap, blank rows counting', async () => {
    const file = path.join(dir, 'blank-lying.xlsx');
    blankRowBomb(file, GB, { declaredSize: 4096 });
    await expect(readAll(file, { limits: limits({ maxRows: 200_000 }) })).rejects.toMatchObject({
      code: 'too-many-rows',
      details: ['200000'],
    });
  });

  it('stops a sheet that lies about its size by counting the bytes as they are inflated', async () => {
    const file = path.join(dir, 'blank-lying-bytes.xlsx');
    blankRowBomb(file, GB, { declaredSize: 4096 });
    await expect(readAll(file, { limits: limits({ maxRows: 1e9, maxXlsxBytes: MB }) })).rejects.toMatchObject({
      code: 'too-large',
    });
  });

  it('refuses a shared-strings part over its cap, declared or counted while inflating', async () => {
    const honest = path.join(dir, 'strings-honest.xlsx');
    const lying = path.join(dir, 'strings-lying.xlsx');
    sharedStringsBomb(honest, 200 * MB);
    sharedStringsBomb(lying, 200 * MB, { declaredSize: 4096 });
    const expected = { code: 'too-large', details: ['xl/sharedStrings.xml'] };
    await expect(openTenantFile(honest)).rejects.toMatchObject(expected);
    await expect(openTenantFile(lying, { limits: limits({ maxSharedStringsBytes: 8 * MB }) })).rejects.toMatchObject(
      expected,
    );
  });

  it('fails a sheet cut inside row 7, naming that row, after handing over the rows before it', async () => {
    const file = path.join(dir, 'truncated.xlsx');
    const tenants = Array.from({ length: 10 }, (_, i) => ({
      creditCode: `91440300MA5F${1000 + i}X`,
      name: `企业${i}`,
    }));
    truncatedSheet(file, tenants, 7);
    const sut = await openTenantFile(file);
    const seen: number[] = [];
    const reading = (async () => {
      for await (const r of sut.rows()) seen.push(r.rowNumber);
    })();
    await expect(reading).rejects.toMatchObject({ code: 'malformed-file', details: ['7'] });
    await expect(reading).rejects.toThrow('the sheet XML ends inside row 7');
    expect(seen).toEqual([2, 3, 4, 5, 6]);
  });

  it('stops reading when its signal is aborted, and fails once the deadline has passed', async () => {
    const file = path.join(dir, 'blank-lying-abort.xlsx');
    blankRowBomb(file, 100 * MB, { declaredSize: 4096 });
    const abort = new AbortController();
    abort.abort();
    await expect(readAll(file, { signal: abort.signal })).rejects.toBeInstanceOf(ReadAbortedError);
    await expect(readAll(file, { deadline: Date.now() - 1, timeLimitSeconds: 5 })).rejects.toMatchObject({
      code: 'time-limit',
    });
  });

  it('caps the rows of a CSV too', async () => {
    const file = path.join(dir, 'many.csv');
    fs.writeFileSync(file, 'creditCode,name\n' + 'x,y\n'.repeat(50));
    await expect(readAll(file, { limits: limits({ maxRows: 20 }) })).rejects.toMatchObject({
      code: 'too-many-rows',
    });
    await expect(readAll(file, { limits: limits({ maxRows: 51 }) })).resolves.toHaveLength(50);
  });
});
