import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BatchFileError } from '../batch-file-error';
import { RowValidator } from './row-validator';
import { openTenantFile, TenantFile } from './tenant-file';

const FIXTURES = path.resolve(__dirname, '../../../../fixtures/tenants');
/** Written by LibreOffice (see fixtures/tenants/README.md): an empty cover sheet, a merged title row, unit headers. */
const PARK_LIST = path.join(FIXTURES, 'ok/park-list-title-units.xlsx');

async function profiles(file: TenantFile): Promise<Record<string, unknown>[]> {
  const validator = new RowValidator(file.columns);
  const out: Record<string, unknown>[] = [];
  for await (const r of file.rows()) {
    const checked = validator.check(r.cells);
    if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
    out.push(checked.facts);
  }
  return out;
}

describe('header row and unit headers (openTenantFile)', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-header-locator-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const csv = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it('reads the LibreOffice park list past its empty cover sheet and merged title row, amounts in 元', async () => {
    const sut = await openTenantFile(PARK_LIST);
    expect(sut.headerRowNumber).toBe(2);
    expect(sut.columns.fields).toContain('revenue');
    const rows = await profiles(sut);
    expect(rows.map((r) => [r.name, r.revenue, r.rdExpense, r.exportValue, r.employees])).toEqual([
      ['深圳精测仪器有限公司', 200_000_000, 15_000_000, 35_000_000, 320],
      ['广州光谱研究院', 12_000_000, 4_000_000, undefined, 85],
      ['东莞激光科技有限公司', 12_345_600, 987_600, undefined, 60],
    ]);
  });

  it('says what it did: the title row skipped and each unit column converted to 元', async () => {
    const sut = await openTenantFile(PARK_LIST);
    expect(sut.notes.map((n) => n.code)).toEqual([
      'title-rows-skipped',
      'unit-converted',
      'unit-converted',
      'unit-converted',
    ]);
    expect(sut.notes[0].message.zh).toContain('××园区重点企业名单（2025年度）');
    expect(sut.notes[1].message.zh).toBe('“营业收入（万元）”列按万元填写，已换算为元（×10,000）');
    expect(sut.notes[2].message.en).toBe('Column "研发费用（千元）" is in 千元; converted to yuan (×1,000)');
    sut.close();
  });

  it('finds a CSV header below two title lines and reads (元) and 亿元 columns', async () => {
    const file = csv(
      'titled.csv',
      '某园区企业名单,,\n（截至2025年底）,,\n企业名称,营业收入(元),出口交货值【亿元】\n甲公司,"1,500,000",0.2\n',
    );
    const sut = await openTenantFile(file);
    expect(sut.headerRowNumber).toBe(3);
    expect(sut.notes.map((n) => n.code)).toEqual(['title-rows-skipped', 'unit-converted']);
    expect((await profiles(sut))[0]).toMatchObject({ revenue: 1_500_000, exportValue: 20_000_000 });
  });

  it('refuses a cell that writes its own unit under a unit header (1000万 under 营业收入（万元）) instead of scaling it twice', async () => {
    const file = csv('double-unit.csv', '企业名称,营业收入（万元）\n甲公司,1000万\n乙公司,1000\n');
    const sut = await openTenantFile(file);
    const validator = new RowValidator(sut.columns);
    const checked = [];
    for await (const r of sut.rows()) checked.push(validator.check(r.cells));
    expect(checked[0].ok).toBe(false);
    expect(checked[0].ok ? {} : Object.keys(checked[0].errors)).toEqual(['revenue']);
    expect(checked[1]).toMatchObject({ ok: true, facts: { revenue: 10_000_000 } });
  });

  it('leaves a plain header file as it was: header row 1, no notes', async () => {
    const sut = await openTenantFile(path.join(FIXTURES, 'ok/tenants-zh.csv'));
    expect(sut.headerRowNumber).toBe(1);
    expect(sut.notes).toEqual([]);
    sut.close();
  });

  it('refuses a unit that does not fit the field, naming the header', async () => {
    const file = csv('usd.csv', '企业名称,营业收入（美元）\n甲公司,100\n');
    const error = await openTenantFile(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BatchFileError);
    expect((error as BatchFileError).code).toBe('unknown-headers');
    expect((error as BatchFileError).message).toContain('营业收入（美元）');
  });

  it('reports the misspelt header of the row most like a header, not the title above it', async () => {
    const file = csv('misspelt.csv', '园区名单,,\n企业名称,营业收入,注册资本\n甲公司,100,5\n');
    const error = await openTenantFile(file).catch((e: unknown) => e);
    expect((error as BatchFileError).code).toBe('unknown-headers');
    expect((error as BatchFileError).message).toContain('注册资本');
    expect((error as BatchFileError).message).not.toContain('园区名单');
  });

  it('accepts a header carrying a count field’s own unit, 从业人员（人）, without converting it', async () => {
    const file = csv('people.csv', '企业名称,从业人员（人）\n甲公司,35\n');
    const sut = await openTenantFile(file);
    expect(sut.notes).toEqual([]);
    expect((await profiles(sut))[0]).toMatchObject({ employees: 35 });
  });
});
