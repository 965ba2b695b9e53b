import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { BatchFileError } from '../batch-file-error';
import { RowValidator } from './row-validator';
import { RawRecord } from './raw-record';
import { openTenantFile } from './tenant-file';

const FIXTURES = path.resolve(__dirname, '../../../../fixtures/tenants');

async function rows(file: string): Promise<RawRecord[]> {
  const sut = await openTenantFile(file);
  const out: RawRecord[] = [];
  for await (const r of sut.rows()) out.push(r);
  return out;
}

describe(openTenantFile.name, () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-tenant-file-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the same cells from the UTF-8, UTF-8-with-BOM and GB18030 fixtures', async () => {
    const utf8 = await rows(path.join(FIXTURES, 'ok/tenants-zh.csv'));
    expect(await rows(path.join(FIXTURES, 'ok/tenants-zh-bom.csv'))).toEqual(utf8);
    expect(await rows(path.join(FIXTURES, 'ok/tenants-gb18030.csv'))).toEqual(utf8);
    expect(utf8[0]).toMatchObject({
      rowNumber: 2,
      cells: expect.arrayContaining(['深圳精测仪器有限公司', '200,000,000']),
    });
  });

  it('reads the first sheet of an XLSX (in tab order), numbering rows as Excel does', async () => {
    const file = await openTenantFile(path.join(FIXTURES, 'ok/tenants.xlsx'));
    expect(file.format).toBe('xlsx');
    expect(file.columns.fields[0]).toBe('creditCode');
    const all = [];
    for await (const r of file.rows()) all.push(r);
    expect(all.map((r) => r.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(all[0].cells[7]).toBe(200_000_000);
  });

  it('refuses a credit code Excel stored as a number (its last digits are lost) as "must be text"', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('tenants');
    sheet.addRow(['统一社会信用代码', '企业名称']);
    // eslint-disable-next-line no-loss-of-precision -- a credit code typed as a number loses its last digits: the point
    sheet.addRow([914403001922038216, '数字代码公司']);
    sheet.addRow([]);
    sheet.addRow(['91440300MA5F000108', '第四行的公司']);
    const file = path.join(dir, 'numeric-code.xlsx');
    await book.xlsx.writeFile(file);
    const tenants = await openTenantFile(file);
    const validator = new RowValidator(tenants.columns, 'en');
    const out = [];
    for await (const r of tenants.rows()) out.push({ n: r.rowNumber, ok: validator.check(r.cells).ok });
    expect(out).toEqual([
      { n: 2, ok: false },
      { n: 4, ok: true },
    ]);
  });

  it('detects a semicolon- or tab-separated file by its header line', async () => {
    const file = path.join(dir, 'semicolon.csv');
    fs.writeFileSync(file, '企业名称;营业收入\n某公司;100\n');
    const tenants = await openTenantFile(file);
    expect(tenants.dialect?.delimiter).toBe(';');
    expect((await rows(file))[0].cells).toEqual(['某公司', '100']);
  });

  it.each([
    ['empty.csv', 'empty-file'],
    ['legacy.xls', 'unsupported-format'],
    ['unknown-header.csv', 'unknown-headers'],
  ])('refuses %s as a whole (%s)', async (name, code) => {
    await expect(openTenantFile(path.join(FIXTURES, 'not-ok', name))).rejects.toMatchObject({ code });
  });

  it('reports an unclosed quote as a file error with the row it starts on', async () => {
    const err = await rows(path.join(FIXTURES, 'not-ok/unclosed-quote.csv')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BatchFileError);
    expect((err as BatchFileError).describe('en')).toMatch(/unclosed quote from row 2/);
  });
});
