import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { defaultRulesDir } from '@app/engine';
import { AppModule } from '../../apps/api/src/app.module';
import { setupApp } from '../../apps/api/src/app.setup';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { ReviewIntakeService } from '../../apps/api/src/reviews/review-intake.service';
import { RulePackService } from '../../apps/api/src/rule-pack/rule-pack.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createPgSchema, createSqliteFile, startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const BENCHMARK = 'pi-rd-intensity-benchmark';
const QUOTE = '产业重点骨干企业年研发投入占销售收入的比重达到6%以上';
/** Raw SQL names: TypeORM qualifies its own queries with the test schema, raw SQL must do it itself. */
const table = (ds: DataSource, name: string) => {
  const schema = (ds.options as { schema?: string }).schema;
  return schema ? `"${schema}"."${name}"` : name;
};
/** The screenings endpoints belong to the batch screening feature; its review items are tested once it is in the tree. */
const screeningsExist = fs.existsSync(path.join(__dirname, '../../apps/api/src/screenings/screenings.controller.ts'));
const TENANTS_CSV =
  '统一社会信用代码,企业名称,所在城市,所属产业集群,资质,营业收入,研发费用\n' +
  '91440300MA5FUTURE1,园区仪器公司,深圳,精密仪器设备,key-backbone,200000000,15000000\n' +
  '91440300MA5FUTURE1,园区另一家,广州,精密仪器设备,,1000000,\n';
const BACKBONE = {
  city: 'shenzhen',
  clusters: ['precision-instruments'],
  qualifications: ['key-backbone'],
  revenue: 200_000_000,
};

describe.each(TEST_DBS)('reviews on %s', (db) => {
  let sut: TestApp;
  let auth: { Authorization: string };
  let second: { Authorization: string };
  const api = () => request(sut.url);
  const submit = async (profile: object) => (await api().post('/api/submissions').send({ profile }).expect(201)).body;
  const queue = async (query: string) => (await api().get(`/api/reviews?${query}`).set(auth).expect(200)).body;

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    auth = { Authorization: `Bearer ${(await users.create({ name: '王审核', role: 'caseworker' })).token}` };
    second = { Authorization: `Bearer ${(await users.create({ name: '李审核', role: 'caseworker' })).token}` };
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('the queue', () => {
    let ids: string[];
    beforeAll(async () => {
      ids = [];
      ids.push((await submit({ ...BACKBONE, name: '甲公司', rdExpense: 15_000_000, parkId: 'park-q1' })).id);
      ids.push((await submit({ ...BACKBONE, name: '乙公司', city: 'guangzhou', parkId: 'park-q2' })).id);
      ids.push((await submit({ ...BACKBONE, name: '丙公司', rdExpense: 1_000_000, parkId: 'park-q1' })).id);
    });

    it('holds one item per eligible or needs_info match of each submission, none for ineligible ones', async () => {
      const benchmark = (await queue(`status=all&park=park-q1&measure=${BENCHMARK}`)).items;
      expect(benchmark).toEqual([
        expect.objectContaining({
          sourceId: ids[0],
          matchStatus: 'eligible',
          state: 'pending',
          source: 'submission',
          companyName: '甲公司',
          city: 'shenzhen',
        }),
      ]); // 丙公司 at 0.5% R&D is ineligible: not queued
      const stored = (await api().get(`/api/submissions/${ids[0]}`).set(auth).expect(200)).body.result.results;
      const reviewable = stored
        .filter((r: { status: string }) => r.status !== 'ineligible')
        .map((r: { measureId: string }) => r.measureId)
        .sort();
      const first = (await queue('status=all&park=park-q1&pageSize=200')).items.filter(
        (i: { sourceId: string }) => i.sourceId === ids[0],
      );
      expect(first.map((i: { measureId: string }) => i.measureId).sort()).toEqual(reviewable);
    });

    it('filters by measure, city, park and match status', async () => {
      const byCity = await queue('city=guangzhou&pageSize=200');
      expect(byCity.total).toBeGreaterThan(0);
      expect(
        byCity.items.every((i: { city: string; sourceId: string }) => i.city === 'guangzhou' && i.sourceId === ids[1]),
      ).toBe(true);
      const byMeasure = await queue(`measure=${BENCHMARK}&park=park-q2`);
      expect(byMeasure.items).toEqual([
        expect.objectContaining({ measureId: BENCHMARK, matchStatus: 'needs_info', parkId: 'park-q2' }),
      ]);
      const needs = await queue('match=needs_info&pageSize=200');
      expect(needs.items.every((i: { matchStatus: string }) => i.matchStatus === 'needs_info')).toBe(true);
    });

    it('pages oldest first, with the total', async () => {
      const firstFour = await queue('pageSize=4');
      const page2 = await queue('pageSize=2&page=2');
      expect(page2).toMatchObject({ total: firstFour.total, page: 2, pageSize: 2 });
      expect(page2.items.map((i: { id: string }) => i.id)).toEqual(
        firstFour.items.slice(2, 4).map((i: { id: string }) => i.id),
      );
      const created = (await queue('pageSize=200')).items.map((i: { createdAt: string }) => i.createdAt);
      expect(created).toEqual([...created].sort());
    });

    it('takes 30 concurrent submissions, each with its review items', async () => {
      const created = await Promise.all(
        Array.from({ length: 30 }, (_, i) =>
          api()
            .post('/api/submissions')
            .send({ profile: { ...BACKBONE, name: `并发${i}`, rdExpense: 15_000_000, parkId: 'park-burst' } }),
        ),
      );
      expect(created.map((r) => r.status)).toEqual(Array(30).fill(201));
      expect((await queue(`park=park-burst&measure=${BENCHMARK}`)).total).toBe(30);
    });

    it('answers bad filters with 400 naming each one', async () => {
      const res = await api().get('/api/reviews?status=open&pageSize=1000&page=0&foo=1').set(auth).expect(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['foo', 'page', 'pageSize', 'status']);
    });
  });

  describe('a match in detail', () => {
    const profile = {
      ...BACKBONE,
      name: '深圳某仪器有限公司',
      rdExpense: 15_000_000,
      exportValue: null,
      parkId: 'park-d',
    };
    let id: string;
    beforeAll(async () => {
      const s = await submit(profile);
      id = (await queue(`park=park-d&measure=${BENCHMARK}`)).items[0].id;
      expect((await queue(`park=park-d&measure=${BENCHMARK}`)).items[0].sourceId).toBe(s.id);
    });

    it('shows the profile exactly as submitted, each condition with its actual value, the quote and the rule version', async () => {
      const res = await api().get(`/api/reviews/${id}`).set(auth).expect(200);
      const d = res.body;
      expect(d.profile).toEqual(profile);
      expect(d.matchFrom).toBe('stored');
      expect(
        d.match.conditions.map((c: { fact: string; actual: unknown; outcome: string }) => [
          c.fact,
          c.actual,
          c.outcome,
        ]),
      ).toEqual([
        ['inGuangdong', true, 'pass'],
        ['clusters', ['precision-instruments'], 'pass'],
        ['qualifications', ['key-backbone'], 'pass'],
        ['rdIntensity', 0.075, 'pass'],
      ]);
      expect(d.match.citations[0]).toMatchObject({ role: 'clause', quote: QUOTE });
      expect(d.rulePackVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(d.measureVersion).toBe(d.match.measureVersion);
      expect(d.current).toEqual({
        changed: false,
        rulePackVersion: d.rulePackVersion,
        measureVersion: d.measureVersion,
      });
      expect(d.decisions).toEqual([]);
    });

    it('keeps the rule as it was, with the quote in its document context', async () => {
      const { ruleAtMatch } = (await api().get(`/api/reviews/${id}`).set(auth).expect(200)).body;
      expect(ruleAtMatch.measure.id).toBe(BENCHMARK);
      expect(ruleAtMatch.measure.conditions.all[3]).toMatchObject({ fact: 'rdIntensity', value: 0.06 });
      const [passage] = ruleAtMatch.passages;
      expect(passage.passage.replace(/\s/g, '')).toBe(QUOTE);
      expect(passage.before.length).toBeGreaterThan(0);
      expect(passage.after.length).toBeGreaterThan(0);
      expect(passage).toMatchObject({
        documentId: 'gd-precision-instruments-2021-2025',
        section: '二、工作目标（一）自主创新能力不断增强',
      });
    });

    it('answers an unknown id with 404', async () => {
      await api().get('/api/reviews/00000000-0000-4000-8000-000000000000').set(auth).expect(404);
    });
  });

  describe('decisions', () => {
    let id: string;
    beforeAll(async () => {
      await submit({ ...BACKBONE, name: '决定公司', rdExpense: 15_000_000, parkId: 'park-x' });
      id = (await queue(`park=park-x&measure=${BENCHMARK}`)).items[0].id;
    });

    it('appends decisions with who, when, the comment and the previous state; the queue follows the latest', async () => {
      const first = await api()
        .post(`/api/reviews/${id}/decisions`)
        .set(auth)
        .send({ decision: 'needs-info', comment: '请补充审计报告' })
        .expect(201);
      expect(first.body).toMatchObject({
        state: 'needs-info',
        decision: { seq: 1, previousState: 'pending', decidedBy: { name: '王审核' } },
      });
      await api()
        .post(`/api/reviews/${id}/decisions`)
        .set(second)
        .send({ decision: 'confirmed', comment: '  已核实审计报告  ' })
        .expect(201);
      const d = (await api().get(`/api/reviews/${id}`).set(auth).expect(200)).body;
      expect(
        d.decisions.map(
          (x: { decision: string; previousState: string; comment: string; decidedBy: { name: string } }) => [
            x.decision,
            x.previousState,
            x.comment,
            x.decidedBy.name,
          ],
        ),
      ).toEqual([
        ['needs-info', 'pending', '请补充审计报告', '王审核'],
        ['confirmed', 'needs-info', '已核实审计报告', '李审核'],
      ]);
      expect(d.decisions[0].decidedAt <= d.decisions[1].decidedAt).toBe(true);
      expect(d.item).toMatchObject({ state: 'confirmed', decisionCount: 2 });
      expect((await queue('park=park-x')).items.map((i: { id: string }) => i.id)).not.toContain(id);
      expect((await queue('park=park-x&status=confirmed')).items.map((i: { id: string }) => i.id)).toEqual([id]);
    });

    it('requires a comment and a known decision (400), and a known item (404)', async () => {
      const res = await api()
        .post(`/api/reviews/${id}/decisions`)
        .set(auth)
        .send({ decision: 'approved', comment: '   ' })
        .expect(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['comment', 'decision']);
      await api().post(`/api/reviews/${id}/decisions`).set(auth).send({ decision: 'confirmed' }).expect(400);
      await api()
        .post(`/api/reviews/${id}/decisions`)
        .set(auth)
        .send({ decision: 'confirmed', comment: 'ok', state: 'x' })
        .expect(400);
      await api()
        .post('/api/reviews/00000000-0000-4000-8000-000000000000/decisions')
        .set(auth)
        .send({ decision: 'confirmed', comment: 'ok' })
        .expect(404);
    });

    it('cannot be altered or removed through the API: no route updates or deletes a decision', async () => {
      const [decision] = (await api().get(`/api/reviews/${id}`).set(auth).expect(200)).body.decisions;
      const body = { decision: 'rejected', comment: 'changed' };
      for (const url of [
        `/api/reviews/${id}/decisions/${decision.id}`,
        `/api/reviews/${id}/decisions`,
        `/api/decisions/${decision.id}`,
      ]) {
        await api().put(url).set(auth).send(body).expect(404);
        await api().patch(url).set(auth).send(body).expect(404);
        await api().delete(url).set(auth).expect(404);
      }
      const after = (await api().get(`/api/reviews/${id}`).set(auth).expect(200)).body.decisions;
      expect(after[0]).toEqual(decision);
    });

    it('cannot be altered or removed in the database either: triggers refuse UPDATE and DELETE', async () => {
      const ds = sut.app.get(DataSource);
      const decisions = table(ds, 'review_decisions');
      await expect(ds.query(`UPDATE ${decisions} SET comment = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`UPDATE ${decisions} SET decision = 'rejected' WHERE seq = 1`)).rejects.toThrow(
        /append-only/,
      );
      await expect(ds.query(`DELETE FROM ${decisions}`)).rejects.toThrow(/append-only/);
      if (db === 'postgres') await expect(ds.query(`TRUNCATE ${decisions} CASCADE`)).rejects.toThrow(/append-only/);
      const [{ n }] = await ds.query(`SELECT COUNT(*) AS n FROM ${decisions}`);
      expect(Number(n)).toBeGreaterThanOrEqual(2);
    });

    it('lets exactly one of two racing decisions through; the other gets 409 and the trail stays consecutive', async () => {
      await submit({ ...BACKBONE, name: '竞争公司', rdExpense: 15_000_000, parkId: 'park-race' });
      const race = (await queue(`park=park-race&measure=${BENCHMARK}`)).items[0].id;
      const results = await Promise.all(
        [auth, second, auth, second].map((who, i) =>
          api()
            .post(`/api/reviews/${race}/decisions`)
            .set(who)
            .send({ decision: i % 2 ? 'confirmed' : 'rejected', comment: `race ${i}` }),
        ),
      );
      const statuses = results.map((r) => r.status);
      expect(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)).toEqual([]);
      expect(statuses).toContain(201);
      const trail = (await api().get(`/api/reviews/${race}`).set(auth).expect(200)).body.decisions;
      expect(trail).toHaveLength(statuses.filter((s) => s === 201).length);
      trail.forEach((d: { seq: number; previousState: string }, i: number) => {
        expect(d.seq).toBe(i + 1);
        expect(d.previousState).toBe(i === 0 ? 'pending' : trail[i - 1].decision);
      });
    });
  });

  (screeningsExist ? describe : describe.skip)("a screening's matches", () => {
    let screeningId: string;
    let parkAdmin: { Authorization: string };
    beforeAll(async () => {
      parkAdmin = {
        Authorization: `Bearer ${(await sut.app.get(UsersService).create({ name: '园区', role: 'park-admin', parkId: 'park-s' })).token}`,
      };
      screeningId = (
        await api()
          .post('/api/screenings')
          .set(parkAdmin)
          .attach('file', Buffer.from(TENANTS_CSV), 'tenants.csv')
          .expect(202)
      ).body.id;
      for (let i = 0; i < 100; i++) {
        const { body } = await api().get(`/api/screenings/${screeningId}`).set(parkAdmin).expect(200);
        if (body.status === 'done' || body.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    it("reach the queue with the screening's park, the tenant's row and name", async () => {
      const items = (await queue(`source=screening&park=park-s&measure=${BENCHMARK}`)).items;
      expect(items).toHaveLength(2); // one batch: the same time, so in id order
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            sourceId: screeningId,
            sourceKey: '2',
            companyName: '园区仪器公司',
            city: 'shenzhen',
            parkId: 'park-s',
            matchStatus: 'eligible',
          }),
          expect.objectContaining({
            sourceId: screeningId,
            sourceKey: '3',
            companyName: '园区另一家',
            city: 'guangzhou',
            parkId: 'park-s',
            matchStatus: 'needs_info',
          }),
        ]),
      );
    });

    it('are explained in detail from the rule snapshot: the row as read, each condition with its actual value', async () => {
      const [item] = (await queue(`source=screening&park=park-s&measure=${BENCHMARK}&city=shenzhen`)).items;
      const d = (await api().get(`/api/reviews/${item.id}`).set(auth).expect(200)).body;
      expect(d.matchFrom).toBe('snapshot');
      expect(d.profile).toMatchObject({
        name: '园区仪器公司',
        city: 'shenzhen',
        revenue: 200_000_000,
        rdExpense: 15_000_000,
      });
      expect(d.match).toMatchObject({ measureId: BENCHMARK, status: 'eligible', measureVersion: item.measureVersion });
      expect(d.match.conditions[3]).toMatchObject({ fact: 'rdIntensity', actual: 0.075, outcome: 'pass' });
      expect(d.match.citations[0].quote).toBe(QUOTE);
      expect(d.ruleAtMatch.measureVersion).toBe(item.measureVersion);
      expect(d.current.changed).toBe(false);
      await api()
        .post(`/api/reviews/${item.id}/decisions`)
        .set(auth)
        .send({ decision: 'confirmed', comment: '园区已核实' })
        .expect(201);
    });

    it('queue a resumed row only once, and keep decided items when a restarted screening discards the rest', async () => {
      // Through the same intake the screening writer calls, with a row of its own.
      const rules = sut.app.get(RulePackService).compiled;
      const version = (id: string) => rules.measures.find((m) => m.measure.id === id)!.version;
      const row = {
        source: {
          sourceId: screeningId,
          sourceKey: '99',
          rulePackVersion: rules.pack.version,
          parkId: 'park-s3',
          createdAt: new Date().toISOString(),
        },
        results: [
          { measureId: BENCHMARK, measureVersion: version(BENCHMARK), status: 'eligible' as const },
          {
            measureId: 'k895-rd-super-deduction',
            measureVersion: version('k895-rd-super-deduction'),
            status: 'needs_info' as const,
          },
        ],
      };
      const intake = sut.app.get(ReviewIntakeService);
      const ds = sut.app.get(DataSource);
      const items = async () =>
        (await queue('source=screening&park=park-s3&status=all')).items as {
          id: string;
          measureId: string;
          state: string;
        }[];
      const states = async () => (await items()).map((i) => `${i.measureId}:${i.state}`).sort();
      await ds.transaction((m) => intake.recordScreeningRows(m, [row]));
      await ds.transaction((m) => intake.recordScreeningRows(m, [row]));
      expect(await states()).toEqual(['k895-rd-super-deduction:pending', `${BENCHMARK}:pending`]);
      const decided = (await items()).find((i) => i.measureId === BENCHMARK)!;
      await api()
        .post(`/api/reviews/${decided.id}/decisions`)
        .set(auth)
        .send({ decision: 'confirmed', comment: '已核实' })
        .expect(201);

      await ds.transaction((m) => intake.discardUndecidedScreeningItems(m, screeningId));
      expect(await states()).toEqual([`${BENCHMARK}:confirmed`]);
      expect((await queue(`source=screening&park=park-s&status=confirmed`)).total).toBe(1); // the writer's item decided above stays too
      await ds.transaction((m) => intake.recordScreeningRows(m, [row]));
      expect(await states()).toEqual(['k895-rd-super-deduction:pending', `${BENCHMARK}:confirmed`]);
      expect((await items()).find((i) => i.measureId === BENCHMARK)!.id).toBe(decided.id);
    });
  });

  describe('export', () => {
    let id: string;
    beforeAll(async () => {
      await submit({ ...BACKBONE, name: '导出公司', rdExpense: 15_000_000, parkId: 'park-e' });
      id = (await queue(`park=park-e&measure=${BENCHMARK}`)).items[0].id;
      await api()
        .post(`/api/reviews/${id}/decisions`)
        .set(auth)
        .send({ decision: 'rejected', comment: '=HYPERLINK("http://x")' })
        .expect(201);
    });

    it('exports decisions as CSV (UTF-8 with BOM), neutralising formula-like cells', async () => {
      const res = await api()
        .get('/api/decisions?format=csv')
        .set(auth)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="decisions-\d{4}-\d{2}-\d{2}\.csv"/);
      const text = (res.body as Buffer).toString('utf8');
      expect(text.charCodeAt(0)).toBe(0xfeff);
      expect(text).toContain('decidedAt,decision,comment,previousState,decidedBy,reviewId');
      expect(text).toContain(`'=HYPERLINK(""http://x"")`);
      expect(text).toContain('导出公司');
    });

    it('exports decisions as XLSX with one row per decision', async () => {
      const res = await api()
        .get('/api/decisions?format=xlsx')
        .set(auth)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const json = (await api().get('/api/decisions?format=json').set(auth).expect(200)).body;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body);
      const sheet = wb.getWorksheet('decisions')!;
      expect(sheet.rowCount).toBe(json.length + 1);
      const row = json.findIndex((d: { reviewId: string }) => d.reviewId === id) + 2;
      expect(sheet.getRow(row).getCell(3).value).toBe('=HYPERLINK("http://x")');
    });

    it('filters the export by date and rejects bad formats', async () => {
      const none = (await api().get('/api/decisions?format=json&to=2000-01-01').set(auth).expect(200)).body;
      expect(none).toEqual([]);
      await api().get('/api/decisions?format=pdf').set(auth).expect(400);
    });
  });
});

/** Boots the service on an existing store with the rule pack from `rulesDir`. */
async function bootOn(
  env: Record<string, string>,
  rulesDir: string,
): Promise<{ url: string; app: NestExpressApplication }> {
  const before = process.env.RULES_DIR;
  process.env.RULES_DIR = rulesDir;
  try {
    const config = loadConfig({ ...env, LOG_LEVEL: 'error' });
    const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), {
      bodyParser: false,
      logger: ['error'],
    });
    setupApp(app, config);
    await app.listen(0, '127.0.0.1');
    return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
  } finally {
    if (before === undefined) delete process.env.RULES_DIR;
    else process.env.RULES_DIR = before;
  }
}

describe.each(TEST_DBS)('a match reviewed after the rule pack changed, on %s', (db) => {
  it('shows the rule as it was, what the current rule says now, and what changed', async () => {
    const store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    const rules = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-rules-'));
    fs.cpSync(defaultRulesDir(), rules, { recursive: true });
    const measureFile = path.join(rules, 'measures', 'gd-precision-instruments-2021-2025', `${BENCHMARK}.json`);
    try {
      const before = await bootOn(store.env, rules);
      const { token } = await before.app.get(UsersService).create({ name: 'cw', role: 'caseworker' });
      const auth = { Authorization: `Bearer ${token}` };
      const profile = { ...BACKBONE, rdExpense: 15_000_000, name: '变更公司' }; // 7.5%: eligible at 6%, not at 8%
      await request(before.url).post('/api/submissions').send({ profile }).expect(201);
      await before.app.close();

      const measure = JSON.parse(fs.readFileSync(measureFile, 'utf8'));
      measure.conditions.all[3].value = 0.08;
      fs.writeFileSync(measureFile, JSON.stringify(measure, null, 2));
      const after = await bootOn(store.env, rules);
      try {
        const items = (await request(after.url).get('/api/reviews?pageSize=200').set(auth).expect(200)).body.items;
        const item = items.find((i: { measureId: string }) => i.measureId === BENCHMARK);
        const d = (await request(after.url).get(`/api/reviews/${item.id}`).set(auth).expect(200)).body;
        expect(d.match).toMatchObject({ status: 'eligible', measureVersion: item.measureVersion });
        expect(d.ruleAtMatch).toMatchObject({
          measureVersion: item.measureVersion,
          rulePackVersion: item.rulePackVersion,
        });
        expect(d.ruleAtMatch.measure.conditions.all[3].value).toBe(0.06);
        expect(d.current).toMatchObject({ changed: true });
        expect(d.current.rulePackVersion).not.toBe(d.rulePackVersion);
        expect(d.current.measureVersion).not.toBe(d.measureVersion);
        expect(d.current.measure.conditions.all[3].value).toBe(0.08);
        expect(d.current.result).toMatchObject({ status: 'ineligible' });
        expect(d.current.result.conditions[3]).toMatchObject({
          fact: 'rdIntensity',
          expected: 0.08,
          actual: 0.075,
          outcome: 'fail',
        });
        expect(d.current.changes).toEqual([
          { path: 'conditions.all[3].value', condition: '年研发投入占销售收入的比重 ≥ 6%', before: 0.06, after: 0.08 },
        ]);

        // A measure the pack did not change reads as unchanged, though the pack version moved.
        const other = items.find((i: { measureId: string }) => i.measureId !== BENCHMARK);
        if (other) {
          const o = (await request(after.url).get(`/api/reviews/${other.id}`).set(auth).expect(200)).body;
          expect(o.current).toMatchObject({ changed: false, measureVersion: o.measureVersion });
        }
      } finally {
        await after.app.close();
      }
    } finally {
      await store.dispose();
      fs.rmSync(rules, { recursive: true, force: true });
    }
  });
});
