import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { impactOfFile, openTenantFile, PopulationImpact, writeSyntheticTenantCsv } from '@app/batch';
import { applyScenario, compilePack, loadRulePack, todayInShanghai } from '@app/engine';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const RD = 'pi-rd-intensity-benchmark';
const FIVE_PERCENT = {
  name: '研发投入强度门槛 6% → 5%',
  changes: [{ measureId: RD, fact: 'rdIntensity', value: 0.05 }],
};
const binary = (res: request.Response, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** What the batch library finds for the same file in process: the reference the API's answers must equal. */
async function expectedImpact(file: string, scenario: unknown, asOf: string) {
  const base = loadRulePack();
  const applied = applyScenario(base, scenario);
  const impact = new PopulationImpact(compilePack(base), compilePack(applied.pack), {
    asOf,
    lang: 'zh',
    touched: applied.touched,
  });
  await impactOfFile(await openTenantFile(file), impact, 'zh');
  return impact.report();
}

// Each test runs scenarios over thousands of tenants, on PostgreSQL too: more than the default minute on a busy machine.
jest.setTimeout(180_000);

describe.each(TEST_DBS)('policy sandbox over HTTP on %s', (db) => {
  let sut: TestApp;
  let dir: string;
  let tenantsFile: string;
  let screeningId: string;
  const auth: Record<string, Record<string, string>> = {};
  const api = () => request(sut.url);

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    for (const [role, extra] of [
      ['caseworker', {}],
      ['admin', {}],
      ['park-admin', { parkId: 'sz-hitech' }],
    ] as const) {
      auth[role] = { Authorization: `Bearer ${(await users.create({ name: `${role} 用户`, role, ...extra })).token}` };
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-sandbox-e2e-'));
    tenantsFile = path.join(dir, 'tenants.csv');
    writeSyntheticTenantCsv(tenantsFile, { rows: 3000, badEvery: 500, seed: 606 });
    const created = await api()
      .post('/api/screenings')
      .set(auth['park-admin'])
      .field('asOf', '2025-06-30')
      .attach('file', tenantsFile)
      .expect(202);
    screeningId = created.body.id;
    for (let i = 0; ; i++) {
      const s = await api().get(`/api/screenings/${screeningId}`).set(auth.caseworker).expect(200);
      if (s.body.status === 'done') break;
      if (i > 2000) throw new Error(`the screening did not finish: ${JSON.stringify(s.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 300_000); // 3,000 tenants screened through the API first: slow on a busy machine
  afterAll(async () => {
    await sut?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('stores the pack it serves and lists it; only caseworkers and admins may use the sandbox', async () => {
    const packs = await api().get('/api/rule-packs').set(auth.admin).expect(200);
    const { body: match } = await api().post('/api/match').send({ city: 'shenzhen' }).expect(200);
    expect(packs.body).toEqual([
      expect.objectContaining({ version: match.rulePackVersion, current: true, measureCount: match.results.length }),
    ]);
    await api().get('/api/rule-packs').set(auth['park-admin']).expect(403);
    await api().get('/api/rule-packs').expect(401);
    await api().post('/api/scenarios').set(auth['park-admin']).send(FIVE_PERCENT).expect(403);
    await api().post('/api/scenarios').send(FIVE_PERCENT).expect(401);
  });

  it('diffs stored packs by version, prefix or "current"; an unknown one is a 404 naming it', async () => {
    const [{ version }] = (await api().get('/api/rule-packs').set(auth.caseworker).expect(200)).body;
    const same = await api()
      .get(`/api/rule-packs/current/diff/${version.slice(7, 19)}`)
      .set(auth.caseworker)
      .expect(200);
    expect(same.body).toMatchObject({ from: version, to: version, added: [], removed: [], changed: [] });
    const missing = await api().get('/api/rule-packs/current/diff/sha256:0000000000').set(auth.caseworker).expect(404);
    expect(Object.keys(missing.body.errors)).toEqual(['b']);
  });

  it('refuses a bad scenario with the field named, never a 500', async () => {
    const post = (body: unknown) =>
      api()
        .post('/api/scenarios')
        .set(auth.caseworker)
        .send(body as object);
    const unknown = await post({ name: 'x', changes: [{ measureId: 'no-such-measure', off: true }] }).expect(400);
    expect(unknown.body.errors).toEqual({ 'changes[0].measureId': ['基准规则包中没有措施“no-such-measure”'] });
    const text = await post({ name: 'x', changes: [{ measureId: RD, fact: 'rdIntensity', value: '5%' }] })
      .query({ lang: 'en' })
      .expect(400);
    expect(Object.keys(text.body.errors)).toEqual(['changes[0].value']);
    expect(text.body.errors['changes[0].value'][0]).toMatch(/needs a number/);
    const base = await post({ ...FIVE_PERCENT, base: 'sha256:ffffffffffff' }).expect(400);
    expect(Object.keys(base.body.errors)).toEqual(['base']);
    const empty = await post({ name: 'x', changes: [] }).expect(400);
    expect(Object.keys(empty.body.errors)).toEqual(['changes']);
    await post([1, 2]).expect(400);
  });

  it('6% → 5% over a finished screening: exactly the tenants the batch library finds gain the benchmark; the live pack is untouched', async () => {
    const created = await api().post('/api/scenarios').set(auth.caseworker).send(FIVE_PERCENT).expect(201);
    expect(created.body.diff.changed[0].changes[0].text).toBe('研发投入强度 ≥ 6% → ≥ 5%');
    expect(created.body).toMatchObject({ name: FIVE_PERCENT.name, createdBy: { name: 'caseworker 用户' } });
    const run = await api()
      .post(`/api/scenarios/${created.body.id}/runs`)
      .set(auth.caseworker)
      .send({ screeningId, asOf: '2025-06-30' })
      .expect(200);
    const expected = await expectedImpact(tenantsFile, FIVE_PERCENT, '2025-06-30');
    expect(expected.gained).toBeGreaterThan(0);
    expect(run.body).toMatchObject({
      status: 'done',
      gained: expected.gained,
      lost: 0,
      valueChange: expected.valueChange,
      population: { kind: 'screening', tenants: expected.population.tenants },
    });
    expect(run.body.tenants.map((t: { row: number }) => t.row)).toEqual(expected.tenants.map((t) => t.row));
    expect(run.body.byMeasure[0]).toMatchObject({ measureId: RD, gained: expected.gained });
    expect(run.body.resultDigest).toMatch(/^sha256:[0-9a-f]{64}$/);
    // The same file uploaded gives the same tenants (row numbers are the file's), and the same digest twice over.
    const upload = await api()
      .post(`/api/scenarios/${created.body.id}/runs`)
      .set(auth.admin)
      .field('asOf', '2025-06-30')
      .attach('file', tenantsFile)
      .expect(200);
    expect(upload.body.tenants).toEqual(run.body.tenants);
    expect(upload.body.population).toMatchObject({ kind: 'file', ref: 'tenants.csv', rejected: 6 });
    const again = await api()
      .post(`/api/scenarios/${created.body.id}/runs`)
      .set(auth.caseworker)
      .send({ screeningId, asOf: '2025-06-30' })
      .expect(200);
    expect(again.body.resultDigest).toBe(run.body.resultDigest);
    const live = await api().get(`/api/measures/${RD}`).expect(200);
    expect(JSON.stringify(live.body.conditions)).toContain('0.06');

    // Audit: who made it, when, its base, and each run's digest.
    const detail = await api().get(`/api/scenarios/${created.body.id}`).set(auth.admin).expect(200);
    expect(detail.body).toMatchObject({
      base: expect.stringMatching(/^sha256:/),
      createdAt: expect.any(String),
      createdBy: { name: 'caseworker 用户' },
    });
    expect(detail.body.runs.map((r: { resultDigest: string }) => r.resultDigest)).toContain(run.body.resultDigest);
    expect(
      detail.body.runs.find((r: { population: { kind: string } }) => r.population.kind === 'file').createdBy.name,
    ).toBe('admin 用户');
  });

  it('downloads the per-tenant changes as CSV and XLSX', async () => {
    const { body: sc } = await api().post('/api/scenarios').set(auth.caseworker).send(FIVE_PERCENT).expect(201);
    const { body: run } = await api()
      .post(`/api/scenarios/${sc.id}/runs`)
      .set(auth.caseworker)
      .send({ screeningId, asOf: '2025-06-30' })
      .expect(200);
    const csv = await api()
      .get(`/api/scenarios/${sc.id}/runs/${run.id}/changes?format=csv`)
      .set(auth.caseworker)
      .expect(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(lines[0].split(',').slice(0, 3)).toEqual(['行号', '统一社会信用代码', '企业名称']);
    expect(lines).toHaveLength(run.tenantsTotal + 1);
    const xlsx = await api()
      .get(`/api/scenarios/${sc.id}/runs/${run.id}/changes?format=xlsx`)
      .set(auth.caseworker)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as never);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['变化明细', '汇总']);
    expect(workbook.worksheets[0].rowCount).toBe(run.tenantsTotal + 1);
  });

  it('extending the precision-instruments plan to 2027-12-31 brings its measures back in force on 2026-11-26', async () => {
    const { body: measures } = await api().get('/api/measures').expect(200);
    const pi = measures.filter((m: { id: string; national: boolean }) => m.id.startsWith('pi-') && !m.national);
    const scenario = {
      name: '精密仪器行动计划延期至 2027 年底',
      changes: pi.map((m: { id: string }) => ({ measureId: m.id, period: { to: '2027-12-31' } })),
    };
    const { body: sc } = await api().post('/api/scenarios').set(auth.caseworker).send(scenario).expect(201);
    const { body: run } = await api()
      .post(`/api/scenarios/${sc.id}/runs`)
      .set(auth.caseworker)
      .send({ screeningId, asOf: '2026-11-26' })
      .expect(200);
    expect(run.gained).toBeGreaterThan(0);
    expect(run.lost).toBe(0);
    const moved = run.byMeasure.filter((m: { gained: number }) => m.gained > 0);
    expect(moved.length).toBeGreaterThan(0);
    for (const m of moved) expect(m).toMatchObject({ inForceBefore: false, inForceAfter: true });
  });

  it('runs over the submissions of a period, and a large file in the background (202, then GET)', async () => {
    const { body: sc } = await api().post('/api/scenarios').set(auth.caseworker).send(FIVE_PERCENT).expect(201);
    const profile = {
      city: 'shenzhen',
      clusters: ['precision-instruments'],
      qualifications: ['key-backbone'],
      revenue: 200000000,
      rdExpense: 10000000,
    };
    await api().post('/api/submissions').send({ profile }).expect(201);
    await api()
      .post('/api/submissions')
      .send({ profile: { ...profile, rdExpense: 20000000 } })
      .expect(201);
    const today = todayInShanghai(new Date());
    const day = new Date().toISOString().slice(0, 10);
    const subs = await api()
      .post(`/api/scenarios/${sc.id}/runs`)
      .set(auth.caseworker)
      .send({ submissions: { from: day < today ? day : today, to: day > today ? day : today }, asOf: '2025-06-30' })
      .expect(200);
    expect(subs.body).toMatchObject({ population: { kind: 'submissions', tenants: 2 }, gained: 1, lost: 0 });

    const big = path.join(dir, 'big.csv');
    writeSyntheticTenantCsv(big, { rows: 7000, seed: 99 });
    const started = await api()
      .post(`/api/scenarios/${sc.id}/runs`)
      .set(auth.caseworker)
      .field('asOf', '2025-06-30')
      .attach('file', big)
      .expect(202);
    expect(started.body).toEqual({ id: expect.any(String), status: 'running' });
    let done: request.Response | undefined;
    for (let i = 0; i < 1200 && done?.body.status !== 'done'; i++) {
      done = await api()
        .get(`/api/scenarios/${sc.id}/runs/${started.body.id}?tenantsLimit=5`)
        .set(auth.caseworker)
        .expect(200);
      if (done.body.status !== 'done') await new Promise((r) => setTimeout(r, 100));
    }
    const expected = await expectedImpact(big, FIVE_PERCENT, '2025-06-30');
    expect(done!.body).toMatchObject({
      status: 'done',
      gained: expected.gained,
      tenantsTotal: expected.tenants.length,
      population: { tenants: 7000 },
    });
    expect(done!.body.tenants.length).toBeLessThanOrEqual(5);
  }, 180_000);

  it('refuses a bad run request by its field', async () => {
    const { body: sc } = await api().post('/api/scenarios').set(auth.caseworker).send(FIVE_PERCENT).expect(201);
    const run = (body: object) => api().post(`/api/scenarios/${sc.id}/runs`).set(auth.caseworker).send(body);
    expect(Object.keys((await run({}).expect(400)).body.errors)).toEqual(['population']);
    expect(Object.keys((await run({ screeningId, asOf: '30/06/2025' }).expect(400)).body.errors)).toEqual(['asOf']);
    expect(
      Object.keys((await run({ screeningId: '00000000-0000-4000-8000-000000000000' }).expect(400)).body.errors),
    ).toEqual(['screeningId']);
    expect(Object.keys((await run({ submissions: { from: '2026-01-01' } }).expect(400)).body.errors)).toEqual([
      'submissions.to',
    ]);
    const notCsv = path.join(dir, 'bad.csv');
    fs.writeFileSync(notCsv, '企业名称,注册资本\n某公司,100\n');
    const bad = await api()
      .post(`/api/scenarios/${sc.id}/runs`)
      .set(auth.caseworker)
      .attach('file', notCsv)
      .expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['file']);
    await api()
      .get(`/api/scenarios/${sc.id}/runs/00000000-0000-4000-8000-000000000000`)
      .set(auth.caseworker)
      .expect(404);
  });
});
