import * as fs from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ScreeningEntity } from '../../apps/api/src/screenings/entities/screening.entity';
import { ScreeningFiles } from '../../apps/api/src/screenings/screening-files';
import { ScreeningRunner } from '../../apps/api/src/screenings/screening-runner.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const FIXTURES = path.resolve(__dirname, '../../fixtures/tenants');
const fixture = (name: string) => path.join(FIXTURES, name);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Reads a binary response body (supertest buffers only text by default). */
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

describe.each(TEST_DBS)('batch screening over HTTP on %s', (db) => {
  let sut: TestApp;
  let parkAdmin: Record<string, string>;
  let caseworker: Record<string, string>;
  const api = () => request(sut.url);

  const upload = (file: string, name = path.basename(file), lang = 'zh') =>
    api().post(`/api/screenings?lang=${lang}`).set(parkAdmin).attach('file', fs.readFileSync(file), name);

  /** Polls GET /api/screenings/:id until the screening is done or failed. */
  async function finished(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 300; i++) {
      const res = await api().get(`/api/screenings/${id}`).set(parkAdmin).expect(200);
      if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screening ${id} did not finish`);
  }

  async function screen(file: string, name?: string, lang?: string) {
    const created = await upload(file, name, lang).expect(202);
    return { id: created.body.id as string, status: await finished(created.body.id) };
  }

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    parkAdmin = {
      Authorization: `Bearer ${(await users.create({ name: 'sz-hitech admin', role: 'park-admin', parkId: 'sz-hitech' })).token}`,
    };
    caseworker = { Authorization: `Bearer ${(await users.create({ name: '审核员', role: 'caseworker' })).token}` };
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('judges validity at the asOf sent with the upload (default today), counting only in-force claims', async () => {
    const during = await api()
      .post('/api/screenings')
      .set(parkAdmin)
      .field('asOf', '2025-06-30')
      .attach('file', fs.readFileSync(fixture('ok/tenants-zh.csv')), 'tenants-zh.csv')
      .expect(202);
    const today = await screen(fixture('ok/tenants-zh.csv'));
    const a = (await finished(during.body.id)) as {
      asOf: string;
      summary: { totals: Record<string, number>; measures: { inForce: boolean; measureId: string }[] };
    };
    const b = today.status as typeof a;
    expect(a.asOf).toBe('2025-06-30');
    expect(b.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(a.summary.totals.notInForce).toBeLessThan(b.summary.totals.notInForce);
    expect(a.summary.measures.find((m) => m.measureId === 'pi-rd-intensity-benchmark')!.inForce).toBe(true);
    for (const t of [a.summary.totals, b.summary.totals])
      expect(t.eligible).toBeGreaterThanOrEqual(t.tenantsWithEligible);
    const bad = await api()
      .post('/api/screenings')
      .set(parkAdmin)
      .field('asOf', '30/06/2025')
      .attach('file', fs.readFileSync(fixture('ok/tenants-zh.csv')), 'tenants-zh.csv')
      .expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['asOf']);
  });

  it('screens a Chinese-header CSV: 202 with a UUID, then done with every row accounted for', async () => {
    const { id, status } = await screen(fixture('ok/tenants-zh.csv'));
    expect(id).toMatch(UUID);
    expect(status).toMatchObject({
      status: 'done',
      processed: 8,
      total: 8,
      screened: 8,
      rejectedRows: 0,
      parkId: 'sz-hitech',
    });
    const summary = status.summary as { measures: { measureId: string; eligible: number }[] };
    expect(summary.measures.find((m) => m.measureId === 'pi-rd-intensity-benchmark')?.eligible).toBe(1);
  });

  it('reports a bad row by number with the same reasons as an API 400, and screens the good ones', async () => {
    const { id, status } = await screen(fixture('not-ok/bad-cells.csv'));
    expect(status).toMatchObject({ status: 'done', processed: 2, total: 2, screened: 1, rejectedRows: 1 });
    const rejected = await api().get(`/api/screenings/${id}/rejected?format=json`).set(parkAdmin).expect(200);
    expect(rejected.body.rejected).toHaveLength(1);
    const [row] = rejected.body.rejected;
    expect(row.rowNumber).toBe(3);
    const api400 = await api()
      .post('/api/match')
      .send({ creditCode: '9144-BAD', clusters: ['元宇宙'], listed: '也许' })
      .expect(400);
    expect(row.errors).toEqual(api400.body.errors);
    expect(row.cells).toEqual(['9144-BAD', '坏代码公司', '深圳', '1000', '10', '元宇宙', '也许']);
  });

  it('names negative revenue and an unknown city exactly as the API does, in English with ?lang=en', async () => {
    const negative = await screen(fixture('not-ok/negative-revenue.csv'), undefined, 'en');
    const city = await screen(fixture('not-ok/unknown-city.csv'), undefined, 'en');
    const [r1] = (await api().get(`/api/screenings/${negative.id}/rejected?format=json`).set(parkAdmin)).body.rejected;
    const [r2] = (await api().get(`/api/screenings/${city.id}/rejected?format=json`).set(parkAdmin)).body.rejected;
    const api400 = (await api().post('/api/match?lang=en').send({ revenue: -5000, city: '香港' }).expect(400)).body
      .errors;
    expect(r1).toMatchObject({ rowNumber: 3, errors: { revenue: api400.revenue } });
    expect(r2).toMatchObject({ rowNumber: 3, errors: { city: api400.city } });
  });

  it('reads GB18030, UTF-8 with BOM and XLSX to the same outcomes as the UTF-8 file', async () => {
    const page = async (id: string) =>
      (await api().get(`/api/screenings/${id}/results?format=json&limit=100`).set(parkAdmin).expect(200)).body.tenants;
    const reference = await page((await screen(fixture('ok/tenants-zh.csv'))).id);
    for (const name of ['ok/tenants-gb18030.csv', 'ok/tenants-zh-bom.csv', 'ok/tenants.xlsx']) {
      const { id, status } = await screen(fixture(name));
      expect([name, status.status, status.error]).toEqual([name, 'done', null]);
      expect(await page(id)).toEqual(reference);
    }
    expect(reference[0]).toMatchObject({
      rowNumber: 2,
      creditCode: '91440300MA5F000108',
      name: '深圳精测仪器有限公司',
    });
  });

  it('answers 400 for a missing file, a wrong type and unknown headers (listing them), without starting anything', async () => {
    const none = await api().post('/api/screenings').set(parkAdmin).field('parkId', 'sz-hitech').expect(400);
    expect(none.body.errors.file[0]).toMatch(/file/);
    const pdf = await api()
      .post('/api/screenings')
      .set(parkAdmin)
      .attach('file', Buffer.from('%PDF-1.4'), 'tenants.pdf')
      .expect(400);
    expect(pdf.body.errors.file[0]).toMatch(/csv/);
    const headers = await upload(fixture('not-ok/unknown-header.csv')).expect(400);
    expect(headers.body.errors.headers).toEqual(['注册资本', '法人代表']);
    const legacy = await upload(fixture('not-ok/legacy.xls'), 'tenants.csv').expect(400);
    expect(legacy.body.message).toMatch(/xls/);
    await upload(fixture('not-ok/empty.csv')).expect(400);
    await upload(fixture('not-ok/duplicate-header.csv')).expect(400);
    const list = await api().get('/api/screenings').set(parkAdmin).expect(200);
    expect(list.body.every((s: { status: string }) => s.status === 'done')).toBe(true);
  });

  it("refuses a park-admin naming another park (403); a caseworker sees the park's screenings", async () => {
    await api()
      .post('/api/screenings')
      .set(parkAdmin)
      .field('parkId', 'other-park')
      .attach('file', fs.readFileSync(fixture('ok/tenants-en.csv')), 'tenants.csv')
      .expect(403);
    const list = await api().get('/api/screenings').set(caseworker).expect(200);
    expect(list.body.length).toBeGreaterThan(0);
  });

  it('leaves no uploaded file behind, whether the upload was accepted or refused', async () => {
    await sut.app.get(ScreeningRunner).idle();
    expect(fs.readdirSync(sut.app.get(ScreeningFiles).incoming)).toEqual([]);
    expect(fs.readdirSync(sut.app.get(ScreeningFiles).dir).filter((f) => f !== 'incoming')).toEqual([]);
  });

  it('keeps accepting uploads after another process removed the shared upload folders (a CLI run, an instance stopping)', async () => {
    await sut.app.get(ScreeningRunner).idle();
    const files = sut.app.get(ScreeningFiles);
    fs.rmSync(files.dir, { recursive: true, force: true });
    const { status } = await screen(fixture('ok/tenants-en.csv'));
    expect(status.status).toBe('done');
    expect(fs.existsSync(files.incoming)).toBe(true);
  });

  it('exports CSV with a BOM, Chinese headers, a status per measure and formula cells neutralised', async () => {
    const { id } = await screen(fixture('ok/tenants-zh.csv'));
    const res = await api().get(`/api/screenings/${id}/results?format=csv`).set(parkAdmin).expect(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const lines = res.text.split('\r\n').filter(Boolean);
    expect(lines[0].startsWith('\uFEFF行号,统一社会信用代码,企业名称,所在园区,符合项数')).toBe(true);
    expect(lines).toHaveLength(9);
    expect(lines[5]).toContain(`"'=HYPERLINK(""http://evil.example"",""点击"")"`);
    const measures = (await api().get('/api/measures').expect(200)).body.length;
    expect(lines[1].split(',').length).toBe(11 + measures);
    const en = await api().get(`/api/screenings/${id}/results?format=csv&lang=en`).set(parkAdmin).expect(200);
    expect(en.text.startsWith('\uFEFFrow,creditCode,name,parkId,eligible')).toBe(true);
    expect(en.text).toMatch(/,(eligible|needs_info|ineligible|near_miss)\r\n/);
  });

  it('exports XLSX with results, rejected-rows and summary sheets', async () => {
    const { id } = await screen(fixture('not-ok/bad-cells.csv'));
    const res = await api()
      .get(`/api/screenings/${id}/results?format=xlsx`)
      .set(parkAdmin)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body as never); // exceljs types name an older Buffer
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['筛查结果', '未通过校验的行', '汇总']);
    expect(workbook.getWorksheet('筛查结果')!.rowCount).toBe(2);
    const rejected = workbook.getWorksheet('未通过校验的行')!;
    expect(rejected.getRow(2).getCell(1).value).toBe(3);
    expect(rejected.getRow(2).getCell(2).text).toContain('统一社会信用代码须为');
    expect(workbook.getWorksheet('汇总')!.getRow(2).values).toEqual([undefined, '读取的数据行', 2]);
  });

  it('sorts the tenant table on the server and pages through it', async () => {
    const { id } = await screen(fixture('ok/tenants-zh.csv'));
    const top = await api()
      .get(`/api/screenings/${id}/results?format=json&limit=3&sort=eligible&order=desc`)
      .set(parkAdmin)
      .expect(200);
    const counts = top.body.tenants.map((t: { eligible: number }) => t.eligible);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(top.body).toMatchObject({ total: 8, offset: 0, limit: 3 });
    expect(top.body.tenants[0].statuses).toHaveLength(top.body.measures.length);
    const next = await api()
      .get(`/api/screenings/${id}/results?format=json&limit=3&offset=3&sort=eligible&order=desc`)
      .set(parkAdmin)
      .expect(200);
    expect(next.body.tenants[0].eligible).toBeLessThanOrEqual(counts[2]);
    await api().get(`/api/screenings/${id}/results?format=json&sort=nonsense`).set(parkAdmin).expect(400);
  });

  it('starts a screening over when the rule pack changed while it was interrupted, and still counts every row once', async () => {
    const { id } = await screen(fixture('ok/tenants-zh.csv'));
    const repo = sut.app.get(DataSource).getRepository(ScreeningEntity);
    // As if the service had stopped after row 5 under an older pack, with the upload still on disk.
    const uploadPath = path.join(sut.app.get(ScreeningFiles).dir, `${id}.csv`);
    fs.copyFileSync(fixture('ok/tenants-zh.csv'), uploadPath);
    await repo.update(
      { id },
      { status: 'running', rulePackVersion: 'sha256:older', lastRowNumber: 5, uploadPath, finishedAt: null },
    );
    const runner = sut.app.get(ScreeningRunner);
    runner.enqueue(id);
    await runner.idle();
    const after = await finished(id);
    expect(after).toMatchObject({ status: 'done', total: 8, processed: 8, screened: 8, rejectedRows: 0 });
    expect((await repo.findOneByOrFail({ id })).rulePackVersion).not.toBe('sha256:older');
    const rows = (await api().get(`/api/screenings/${id}/results?format=json`).set(parkAdmin).expect(200)).body.tenants;
    expect(rows.map((t: { rowNumber: number }) => t.rowNumber)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(fs.existsSync(uploadPath)).toBe(false);
  });
});
