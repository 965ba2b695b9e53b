import { spawnSync, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A park's list as LibreOffice wrote it (fixtures/tenants/ok/park-list-title-units.xlsx: an empty cover sheet, a
 * merged title row, 万元 / 千元 / 亿元 headers) screens exactly like the same tenants written in 元 under plain
 * headers — through the CLI and through the API — and both say what they converted.
 */
const ROOT = path.resolve(__dirname, '../..');
const PARK_LIST = path.join(ROOT, 'fixtures/tenants/ok/park-list-title-units.xlsx');
const IN_YUAN = [
  '统一社会信用代码,企业名称,所在城市,财务年度,主体类型,从业人员,营业收入,研发费用,出口交货值,资质,已上市,所在园区',
  '91440300MA5F000108,深圳精测仪器有限公司,深圳市,2025,企业,320,200000000,15000000,35000000,高新技术企业,否,sz-hitech',
  '91440101MA5F00020D,广州光谱研究院,广州市,2025,研发机构,85,12000000,4000000,,,否,sz-hitech',
  '91441900MA5F00040N,东莞激光科技有限公司,东莞市,2025,企业,60,12345600,987600,,专精特新中小企业,否,sz-hitech',
].join('\n');

let dir: string;
let inYuan: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-park-list-'));
  inYuan = path.join(dir, 'in-yuan.csv');
  fs.writeFileSync(inYuan, IN_YUAN);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('npm run cli -- screen on the LibreOffice park list', () => {
  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 180_000,
    });
  /** The results without the row number (the header sits one row lower in the park list). */
  const results = (file: string) => (parse(fs.readFileSync(file), { bom: true }) as string[][]).map((r) => r.slice(1));

  beforeAll(() => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  }, 180_000);

  it('screens the three tenants with their amounts in 元, as the same list written in 元 does', () => {
    const asOf = ['--as-of', '2026-11-26', '--no-progress'];
    const park = cli('screen', PARK_LIST, '--out', path.join(dir, 'park.csv'), ...asOf);
    const yuan = cli('screen', inYuan, '--out', path.join(dir, 'yuan.csv'), ...asOf);
    expect([park.status, park.stderr]).toEqual([0, '']);
    expect(yuan.status).toBe(0);
    expect(park.stdout).toContain('读取 3 行：已筛查 3，未通过校验 0');
    const got = results(path.join(dir, 'park.csv'));
    expect(got).toEqual(results(path.join(dir, 'yuan.csv')));
    const estimate = got[0].indexOf('估算可享金额（元/年）');
    expect(Number(got[1][estimate])).toBeGreaterThan(1_000_000);
  });

  it('says in its output that the title row was skipped and each unit column converted to 元', async () => {
    const run = cli('screen', PARK_LIST, '--out', path.join(dir, 'notes.csv'), '--no-progress');
    expect(run.stdout).toContain('注意：表头在第 2 行');
    expect(run.stdout).toContain('注意：“营业收入（万元）”列按万元填写，已换算为元（×10,000）');
    const json = JSON.parse(
      cli('screen', PARK_LIST, '--out', path.join(dir, 'notes2.csv'), '--json', '--lang', 'en').stdout,
    );
    expect(json.notes.map((n: { code: string }) => n.code)).toEqual([
      'title-rows-skipped',
      'unit-converted',
      'unit-converted',
      'unit-converted',
    ]);
    const xlsx = path.join(dir, 'notes.xlsx');
    expect(cli('screen', PARK_LIST, '--out', xlsx, '--no-progress').status).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const summary: string[] = [];
    book.getWorksheet('汇总')!.eachRow((row) => summary.push(row.getCell(2).text));
    expect(summary).toContain('“出口交货值（亿元）”列按亿元填写，已换算为元（×100,000,000）');
  });
});

describe('POST /api/screenings with the LibreOffice park list', () => {
  let sut: TestApp;
  let admin: Record<string, string>;
  const api = () => request(sut.url);

  async function screen(file: string, name: string): Promise<{ id: string; status: Record<string, unknown> }> {
    const created = await api()
      .post('/api/screenings?asOf=2026-11-26')
      .set(admin)
      .attach('file', fs.readFileSync(file), name)
      .expect(202);
    for (let i = 0; i < 300; i++) {
      const res = await api().get(`/api/screenings/${created.body.id}`).set(admin).expect(200);
      if (res.body.status === 'done' || res.body.status === 'failed') return { id: created.body.id, status: res.body };
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the screening did not finish');
  }
  const tenants = async (id: string) =>
    (await api().get(`/api/screenings/${id}/results?format=json&limit=100`).set(admin).expect(200)).body.tenants.map(
      ({ rowNumber, ...rest }: { rowNumber: number }) => rest,
    );

  beforeAll(async () => {
    sut = await startTestApp({ db: 'sqlite' });
    const users = sut.app.get(UsersService);
    admin = {
      Authorization: `Bearer ${(await users.create({ name: 'sz-hitech admin', role: 'park-admin', parkId: 'sz-hitech' })).token}`,
    };
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('screens it to the same tenants and estimates as the list in 元, and the summary says what it converted', async () => {
    const park = await screen(PARK_LIST, '园区重点企业名单.xlsx');
    expect(park.status).toMatchObject({ status: 'done', screened: 3, rejectedRows: 0, error: null });
    const notes = (park.status.summary as { notes: { code: string; message: string }[] }).notes;
    expect(notes.map((n) => n.code)).toEqual([
      'title-rows-skipped',
      'unit-converted',
      'unit-converted',
      'unit-converted',
    ]);
    expect(notes[2].message).toBe('“研发费用（千元）”列按千元填写，已换算为元（×1,000）');
    const yuan = await screen(inYuan, 'in-yuan.csv');
    const got = await tenants(park.id);
    expect(got).toEqual(await tenants(yuan.id));
    expect(got[0]).toMatchObject({ name: '深圳精测仪器有限公司' });
    expect(got[0].estimatedValue).toBeGreaterThan(1_000_000);
  });
});
