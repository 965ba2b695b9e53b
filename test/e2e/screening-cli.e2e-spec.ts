import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { BAD_ROW_KINDS, writeSyntheticTenantCsv } from '@app/batch';
import { PROFILE_FIELDS } from '@app/engine';

const ROOT = path.resolve(__dirname, '../..');
const cli = (...args: string[]) =>
  spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 180_000,
  });

describe('npm run cli -- screen', () => {
  let dir: string;
  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-screen-cli-'));
  }, 180_000);
  afterAll(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('screens 100,000 rows with deliberately bad ones: every good row in the output, every bad row reported by number', () => {
    const input = path.join(dir, 'tenants-100k.csv');
    const info = writeSyntheticTenantCsv(input, { rows: 100_000, badEvery: 89, seed: 3 });
    const out = path.join(dir, 'results.csv');
    const run = cli('screen', input, '--out', out, '--json');
    expect(run.status).toBe(0);
    const summary = JSON.parse(run.stdout);
    expect(summary).toMatchObject({
      rowsIn: 100_000,
      screened: 100_000 - info.badRows.length,
      rejected: info.badRows.length,
    });
    expect(summary.threads).toBeGreaterThanOrEqual(1);

    // 100,000 lines of 100+ columns: read the row number and credit code (never quoted) off each line's start,
    // and parse a sample fully.
    const lines = fs.readFileSync(out, 'utf8').split('\r\n').filter(Boolean);
    const header = (parse(lines[0], { bom: true }) as string[][])[0];
    expect(header.slice(0, 4)).toEqual(['行号', '统一社会信用代码', '企业名称', '所在园区']);
    expect(lines.slice(1).map((l) => l.split(',', 2)[1])).toEqual(info.goodCreditCodes);
    const rowNumbers = lines.slice(1).map((l) => Number(l.split(',', 1)[0]));
    const bad = new Set(info.badRows.map((b) => b.rowNumber));
    expect(rowNumbers).toEqual(Array.from({ length: 100_000 }, (_, i) => i + 2).filter((n) => !bad.has(n)));
    for (const line of lines.slice(1, 2000)) expect((parse(line) as string[][])[0]).toHaveLength(header.length);

    const rejected = (
      parse(fs.readFileSync(path.join(dir, 'results.rejected.csv')), { bom: true }) as string[][]
    ).slice(1);
    expect(rejected.map((r) => Number(r[0]))).toEqual(info.badRows.map((b) => b.rowNumber));
    rejected.forEach((r, i) => {
      const field = info.badRows[i].field as keyof typeof PROFILE_FIELDS;
      expect(r[1]).toContain(PROFILE_FIELDS[field].label.zh);
    });
    expect(new Set(info.badRows.map((b) => b.field))).toEqual(new Set(BAD_ROW_KINDS.map((k) => k.field)));
  }, 180_000);

  it('gives byte-identical output on the main thread and on worker threads', () => {
    const input = path.join(dir, 'tenants-60k.csv');
    writeSyntheticTenantCsv(input, { rows: 60_000, badEvery: 101, seed: 5, encoding: 'gb18030' });
    const one = cli('screen', input, '--out', path.join(dir, 'one.csv'), '--threads', '1', '--json');
    const two = cli('screen', input, '--out', path.join(dir, 'two.csv'), '--threads', '2', '--json');
    expect([one.status, two.status]).toEqual([0, 0]);
    expect(JSON.parse(two.stdout).threads).toBe(2);
    expect(fs.readFileSync(path.join(dir, 'two.csv')).equals(fs.readFileSync(path.join(dir, 'one.csv')))).toBe(true);
    expect(
      fs.readFileSync(path.join(dir, 'two.rejected.csv')).equals(fs.readFileSync(path.join(dir, 'one.rejected.csv'))),
    ).toBe(true);
  }, 180_000);

  it('writes an XLSX with results, rejected rows and a summary, and prints a summary table', async () => {
    const out = path.join(dir, 'bad-cells.xlsx');
    const run = cli('screen', 'fixtures/tenants/not-ok/bad-cells.csv', '--out', out, '--no-progress');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('读取 2 行：已筛查 1，未通过校验 1');
    expect(run.stdout).toMatch(/pi-rd-intensity-benchmark\s+对标\s+\S+\s+\d+/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((w) => w.name)).toEqual(['筛查结果', '未通过校验的行', '汇总']);
  });

  it('exits 2 naming the columns it does not know, and 2 for a file it cannot read', () => {
    const unknown = cli('screen', 'fixtures/tenants/not-ok/unknown-header.csv', '--out', path.join(dir, 'x.csv'));
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('注册资本、法人代表');
    expect(cli('screen', path.join(dir, 'missing.csv'), '--out', path.join(dir, 'y.csv')).status).toBe(2);
  });
});
