import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { writeSyntheticTenantCsv } from '@app/batch';
import { ScreeningWriter } from '../../apps/api/src/screenings/screening-writer';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const FIXTURES = path.resolve(__dirname, '../../fixtures/tenants');
const fixture = (name: string) => path.join(FIXTURES, name);

interface TenantRow {
  rowNumber: number;
  name: string | null;
  creditCode: string | null;
  eligible: number;
  estimatedValue: number;
  statuses: string[];
}
interface Measure {
  id: string;
  title: string;
}

/**
 * The screening page's drill-downs over HTTP: a tenant's full result explained again from its stored row, a
 * measure's tenants by status, search and sort of the tenant table, header-only files refused, titles in the
 * asked language. Same access rules as the other screening routes.
 */
describe.each(TEST_DBS)('screening drill-downs over HTTP on %s', (db) => {
  let sut: TestApp;
  let parkAdmin: Record<string, string>;
  let otherPark: Record<string, string>;
  let caseworker: Record<string, string>;
  let dir: string;
  let id: string;
  let all: { measures: Measure[]; tenants: TenantRow[] };
  const api = () => request(sut.url);

  async function finished(screeningId: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 300; i++) {
      const res = await api().get(`/api/screenings/${screeningId}`).set(parkAdmin).expect(200);
      if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screening ${screeningId} did not finish`);
  }

  async function screen(file: string, asOf?: string): Promise<string> {
    const req = api().post('/api/screenings').set(parkAdmin);
    if (asOf) void req.field('asOf', asOf);
    const created = await req.attach('file', fs.readFileSync(file), path.basename(file)).expect(202);
    expect(await finished(created.body.id)).toMatchObject({ status: 'done' });
    return created.body.id;
  }

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    const bearer = async (u: Parameters<UsersService['create']>[0]) => ({
      Authorization: `Bearer ${(await users.create(u)).token}`,
    });
    parkAdmin = await bearer({ name: 'sz-hitech admin', role: 'park-admin', parkId: 'sz-hitech' });
    otherPark = await bearer({ name: 'gz admin', role: 'park-admin', parkId: 'gz-science' });
    caseworker = await bearer({ name: '审核员', role: 'caseworker' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-drilldown-'));
    id = await screen(fixture('ok/tenants-zh.csv'), '2025-06-30');
    all = (await api().get(`/api/screenings/${id}/results?format=json`).set(parkAdmin).expect(200)).body;
  });
  afterAll(async () => {
    await sut?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('explains one tenant from its stored row at the screening’s asOf, agreeing with the screening’s statuses', async () => {
    for (const tenant of all.tenants) {
      const res = await api().get(`/api/screenings/${id}/tenants/${tenant.rowNumber}`).set(parkAdmin).expect(200);
      expect(res.body).toMatchObject({
        screeningId: id,
        rowNumber: tenant.rowNumber,
        name: tenant.name,
        creditCode: tenant.creditCode,
      });
      expect(res.body.profile.creditCode).toBe(tenant.creditCode);
      expect(res.body.result.asOf).toBe('2025-06-30');
      expect(res.body.result.rulePackVersion).toBe(res.body.screeningRulePackVersion);
      const byId = new Map(
        (res.body.result.results as { measureId: string; status: string }[]).map((r) => [r.measureId, r.status]),
      );
      const explained = all.measures.map((m) => byId.get(m.id));
      const stored = tenant.statuses.map((st) => (st === 'near_miss' ? 'ineligible' : st));
      expect(explained).toEqual(stored);
    }
  });

  it('explains in English with ?lang=en, and a caseworker may read it too', async () => {
    const row = all.tenants[0].rowNumber;
    const en = await api().get(`/api/screenings/${id}/tenants/${row}?lang=en`).set(caseworker).expect(200);
    const measures = (await api().get('/api/measures?lang=en').expect(200)).body as Measure[];
    const title = new Map(measures.map((m) => [m.id, m.title]));
    for (const r of en.body.result.results as { measureId: string; title: string }[])
      expect(r.title).toBe(title.get(r.measureId));
  });

  it('answers 400 naming row for a row that is not a number, and 404 for a row, screening or park it cannot show', async () => {
    for (const bad of ['abc', '0', '-1', '1.5', '99999999999']) {
      const res = await api().get(`/api/screenings/${id}/tenants/${bad}`).set(parkAdmin).expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['row']);
    }
    await api().get(`/api/screenings/not-a-uuid/tenants/2`).set(parkAdmin).expect(400);
    await api().get(`/api/screenings/${id}/tenants/1`).set(parkAdmin).expect(404);
    await api().get(`/api/screenings/${id}/tenants/999`).set(parkAdmin).expect(404);
    await api().get(`/api/screenings/00000000-0000-4000-8000-000000000000/tenants/2`).set(parkAdmin).expect(404);
    await api().get(`/api/screenings/${id}/tenants/2`).set(otherPark).expect(404);
    await api().get(`/api/screenings/${id}/tenants/2`).expect(401);
  });

  it('lists a measure’s tenants by status, largest estimate first, and pages through them', async () => {
    // The measure most tenants are eligible for, so the list has something to order and page.
    const counted = all.measures.map((m, i) => ({
      m,
      eligible: all.tenants.filter((t) => t.statuses[i] === 'eligible'),
    }));
    const { m, eligible } = counted.sort((a, b) => b.eligible.length - a.eligible.length)[0];
    expect(eligible.length).toBeGreaterThan(1);
    const expected = [...eligible]
      .sort((a, b) => b.estimatedValue - a.estimatedValue || a.rowNumber - b.rowNumber)
      .map((t) => t.rowNumber);
    const res = await api().get(`/api/screenings/${id}/measures/${m.id}/tenants`).set(parkAdmin).expect(200);
    expect(res.body).toMatchObject({ id, status: 'eligible', total: eligible.length, offset: 0, limit: 50 });
    expect(res.body.measure.id).toBe(m.id);
    expect(res.body.tenants.map((t: TenantRow) => t.rowNumber)).toEqual(expected);
    expect(res.body.tenants[0].statuses).toBeUndefined();
    const second = await api()
      .get(`/api/screenings/${id}/measures/${m.id}/tenants?status=eligible&limit=1&offset=1`)
      .set(parkAdmin)
      .expect(200);
    expect(second.body.tenants.map((t: TenantRow) => t.rowNumber)).toEqual([expected[1]]);

    const index = all.measures.indexOf(m);
    const needs = all.tenants.filter((t) => t.statuses[index] === 'needs_info').map((t) => t.rowNumber);
    const needsRes = await api()
      .get(`/api/screenings/${id}/measures/${m.id}/tenants?status=needs_info`)
      .set(parkAdmin)
      .expect(200);
    expect(needsRes.body.tenants.map((t: TenantRow) => t.rowNumber).sort()).toEqual(needs.sort());
  });

  it('answers 400 for a bad status, limit or measure id, and 404 for a measure the screening does not hold', async () => {
    const m = all.measures[0].id;
    const cases: [string, string][] = [
      [`measures/${m}/tenants?status=maybe`, 'status'],
      [`measures/${m}/tenants?limit=0`, 'limit'],
      [`measures/${m}/tenants?offset=-3`, 'offset'],
      [`measures/Not_An_Id!/tenants`, 'measureId'],
    ];
    for (const [route, field] of cases) {
      const res = await api().get(`/api/screenings/${id}/${route}`).set(parkAdmin).expect(400);
      expect([route, Object.keys(res.body.errors)]).toEqual([route, [field]]);
    }
    await api().get(`/api/screenings/${id}/measures/no-such-measure/tenants`).set(parkAdmin).expect(404);
    await api().get(`/api/screenings/${id}/measures/${m}/tenants`).set(otherPark).expect(404);
  });

  it('finds tenants by part of the name or the start of the credit code, in any case, and sorts by estimate', async () => {
    const page = (q: string, extra = '') =>
      api()
        .get(`/api/screenings/${id}/results?format=json&limit=50&q=${encodeURIComponent(q)}${extra}`)
        .set(parkAdmin)
        .expect(200);
    const target = all.tenants[2];
    const byCode = await page(target.creditCode!.toLowerCase());
    expect(byCode.body.tenants.map((t: TenantRow) => t.rowNumber)).toEqual([target.rowNumber]);
    expect(byCode.body.total).toBe(1);
    const part = target.name!.slice(2, 4);
    const byName = await page(part);
    expect(byName.body.tenants.map((t: TenantRow) => t.rowNumber)).toEqual(
      all.tenants.filter((t) => t.name?.includes(part)).map((t) => t.rowNumber),
    );
    const prefix = await page(target.creditCode!.slice(0, 8));
    expect(prefix.body.total).toBe(
      all.tenants.filter((t) => t.creditCode?.startsWith(target.creditCode!.slice(0, 8))).length,
    );
    for (const wild of ['%', '_', '\\']) expect((await page(wild)).body.total).toBe(0);

    const sorted = await api()
      .get(`/api/screenings/${id}/results?format=json&limit=50&sort=estimatedValue&order=desc`)
      .set(parkAdmin)
      .expect(200);
    const values = sorted.body.tenants.map((t: TenantRow) => t.estimatedValue);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values[0]).toBeGreaterThan(0);
  });

  it('refuses a header-only file, one with only blank rows under the header, and a header-only XLSX, saying why', async () => {
    const header = fs.readFileSync(fixture('ok/tenants-zh.csv'), 'utf8').split('\n')[0];
    const headerOnly = path.join(dir, 'header-only.csv');
    fs.writeFileSync(headerOnly, `${header}\n`);
    const blanks = path.join(dir, 'blank-rows.csv');
    fs.writeFileSync(blanks, `${header}\n,,,\n\n`);
    const xlsx = path.join(dir, 'header-only.xlsx');
    const book = new ExcelJS.Workbook();
    book.addWorksheet('企业名单').addRow(header.split(','));
    await book.xlsx.writeFile(xlsx);
    for (const file of [headerOnly, blanks, xlsx]) {
      const res = await api()
        .post('/api/screenings')
        .set(parkAdmin)
        .attach('file', fs.readFileSync(file), path.basename(file))
        .expect(400);
      expect([path.basename(file), res.body.errors.file[0]]).toEqual([
        path.basename(file),
        expect.stringContaining('只有表头'),
      ]);
    }
    const en = await api()
      .post('/api/screenings?lang=en')
      .set(parkAdmin)
      .attach('file', fs.readFileSync(headerOnly), 'header-only.csv')
      .expect(400);
    expect(en.body.errors.file[0]).toMatch(/no tenant rows/);
  });

  it('gives the summary’s measure titles in the asked language, whatever language the file was uploaded in', async () => {
    const en = await api().get(`/api/screenings/${id}?lang=en`).set(parkAdmin).expect(200);
    const measures = (await api().get('/api/measures?lang=en').expect(200)).body as Measure[];
    const title = new Map(measures.map((m) => [m.id, m.title]));
    const summary = en.body.summary.measures as { measureId: string; title: string }[];
    expect(summary.length).toBeGreaterThan(0);
    for (const m of summary) expect(m.title).toBe(title.get(m.measureId));
  });

  it('commits a 500-row file at least every 1% of its rows, so progress moves while it runs', async () => {
    const file = path.join(dir, 'five-hundred.csv');
    writeSyntheticTenantCsv(file, { rows: 500, badEvery: 0, seed: 3 });
    const write = jest.spyOn(ScreeningWriter.prototype, 'write');
    try {
      await screen(file);
      const sizes = write.mock.calls.map(([batch]) => batch.tenants.length + batch.rejected.length);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(500);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(5);
    } finally {
      write.mockRestore();
    }
  });

  it('names the allowed values of a rejected cell by their Chinese names on a Chinese upload, not by internal ids', async () => {
    const bad = await screen(fixture('not-ok/bad-cells.csv'));
    const [row] = (await api().get(`/api/screenings/${bad}/rejected?format=json`).set(parkAdmin).expect(200)).body
      .rejected;
    expect(row.errors.clusters[0]).toContain('新一代电子信息');
    expect(row.errors.clusters[0]).not.toContain('next-gen-electronics');
  });
});
