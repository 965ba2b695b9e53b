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
import { OutboxDispatcher } from '../../apps/api/src/reviews/outbox/outbox-dispatcher.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createPgSchema, createSqliteFile, startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const RATE = 'k895-high-tech-preferential-rate'; // entitlement, eligible with a high-tech certificate
const TRANSFER = 'k895-tech-transfer-income-exemption'; // entitlement, needs techTransferIncome
const BENCHMARK = 'pi-rd-intensity-benchmark'; // a benchmark of a plan that ended on 2025-12-31
const PROFILE = {
  creditCode: '91440300MA5G8XTK1K',
  name: '深圳市精测仪器有限公司',
  city: 'shenzhen',
  entityType: 'enterprise',
  clusters: ['precision-instruments'],
  employees: 420,
  revenue: 200_000_000,
  rdExpense: 10_000_000,
  qualifications: ['high-tech-enterprise', 'key-backbone'],
  parkId: 'park-loop',
};
const CONTACT = { name: '张经理', phone: '13800138000', email: 'zhang@example.com' };

/** Raw SQL names: TypeORM qualifies its own queries with the test schema, raw SQL must do it itself. */
const table = (ds: DataSource, name: string) => {
  const schema = (ds.options as { schema?: string }).schema;
  return schema ? `"${schema}"."${name}"` : name;
};
const binary = (res: unknown, cb: (e: Error | null, b: Buffer) => void) => {
  const r = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  r.on('data', (c: Buffer) => chunks.push(c));
  r.on('end', () => cb(null, Buffer.concat(chunks)));
};

describe.each(TEST_DBS)('review cases on %s', (db) => {
  let sut: TestApp;
  let cw: { Authorization: string };
  let cw2: { Authorization: string };
  let admin: { Authorization: string };
  const api = () => request(sut.url);
  const apply = (profile: object, measureIds: string[], contact: object = CONTACT) =>
    api().post('/api/submissions').send({ profile, application: { measureIds, contact } });
  const cases = async (query: string) => (await api().get(`/api/cases?${query}`).set(cw).expect(200)).body;
  const outbox = async (caseId: string) => {
    const ds = sut.app.get(DataSource);
    return ds.query<{ event_key: string; event: string; measure_id: string | null; status: string }[]>(
      `SELECT event_key, event, measure_id, status, recipient_email FROM ${table(ds, 'notification_outbox')}
       WHERE case_id = '${caseId}' ORDER BY created_at, event_key`,
    );
  };

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    cw = { Authorization: `Bearer ${(await users.create({ name: '王审核', role: 'caseworker' })).token}` };
    cw2 = { Authorization: `Bearer ${(await users.create({ name: '李审核', role: 'caseworker' })).token}` };
    admin = { Authorization: `Bearer ${(await users.create({ name: '管理员', role: 'admin' })).token}` };
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('opens no case for a saved profile without an application', async () => {
    await api()
      .post('/api/submissions')
      .send({ profile: { ...PROFILE, parkId: 'park-save-only' } })
      .expect(201);
    expect((await cases('status=all&park=park-save-only')).total).toBe(0);
  });

  it('refuses an application naming each measure that cannot be claimed and each bad contact field', async () => {
    const res = await apply(
      { ...PROFILE, parkId: 'park-bad' },
      [RATE, BENCHMARK, 'no-such-measure', 'k895-hte-recognition'],
      {
        name: ' ',
        phone: '12345',
      },
    ).expect(400);
    expect(Object.keys(res.body.errors).sort()).toEqual(['application.contact.name', 'application.contact.phone']);
    const res2 = await apply({ ...PROFILE, parkId: 'park-bad' }, [
      RATE,
      BENCHMARK,
      'no-such-measure',
      'k895-hte-recognition',
    ]).expect(400);
    expect(Object.keys(res2.body.errors).sort()).toEqual([
      'application.measureIds[1]',
      'application.measureIds[2]',
      'application.measureIds[3]',
    ]);
    const res3 = await apply({ ...PROFILE, parkId: 'park-bad' }, [RATE], { name: '张' }).expect(400);
    expect(Object.keys(res3.body.errors)).toEqual(['application.contact']);
    expect((await cases('status=all&park=park-bad')).total).toBe(0);
  });

  it('walks the loop: apply, ask for information, update, confirm, reject, pay, dashboard, outbox once per change', async () => {
    // A company applies for two measures with a contact: one case, in the queue once.
    const saved = (await apply(PROFILE, [RATE, TRANSFER]).expect(201)).body;
    expect(saved.caseId).toEqual(expect.any(String));
    const queue = await cases('park=park-loop');
    expect(queue.items.map((c: { id: string }) => c.id)).toEqual([saved.caseId]);
    expect(queue.items[0].measures.map((m: { measureId: string; state: string }) => [m.measureId, m.state])).toEqual([
      [RATE, 'pending'],
      [TRANSFER, 'pending'],
    ]);
    const id = saved.caseId as string;
    const receipt = { 'X-Receipt-Token': saved.receiptToken };

    // The caseworker asks for information on one measure, saying what is missing.
    await api()
      .post(`/api/cases/${id}/decisions`)
      .set(cw)
      .send({ measureId: TRANSFER, decision: 'needs-info', comment: '请补充技术转让所得金额及技术合同登记证明' })
      .expect(201);
    expect((await cases('park=park-loop&status=needs-info')).total).toBe(1);
    expect((await cases('park=park-loop')).total).toBe(0);

    // The company sees it on its receipt (status and comment, no caseworker) and updates its profile.
    const seen = (await api().get(`/api/submissions/${saved.id}`).set(receipt).expect(200)).body;
    expect(seen.case).toMatchObject({ id, status: 'needs-info', version: 1 });
    expect(seen.case.measures.find((m: { measureId: string }) => m.measureId === TRANSFER)).toMatchObject({
      status: 'needs-info',
      comment: '请补充技术转让所得金额及技术合同登记证明',
    });
    expect(JSON.stringify(seen.case)).not.toMatch(/王审核|decidedBy/);
    const updated = { ...PROFILE, techTransferIncome: 3_000_000 };
    const put = (await api().put(`/api/submissions/${saved.id}`).set(receipt).send({ profile: updated }).expect(200))
      .body;
    expect(put.profile).toEqual(updated);
    expect(put.case).toMatchObject({ status: 'pending', version: 2 });
    await api().put(`/api/submissions/${saved.id}`).send({ profile: updated }).expect(404);
    const badPut = await api()
      .put(`/api/submissions/${saved.id}`)
      .set(receipt)
      .send({ profile: { ...updated, revenue: -1 }, application: { measureIds: [RATE] } })
      .expect(400);
    expect(Object.keys(badPut.body.errors).sort()).toEqual(['application', 'revenue']);

    // The case is back in the queue with the change highlighted and the new profile explained.
    expect((await cases('park=park-loop')).items.map((c: { id: string }) => c.id)).toEqual([id]);
    const detail = (await api().get(`/api/cases/${id}`).set(cw).expect(200)).body;
    expect(detail.changes).toEqual([{ field: 'techTransferIncome', before: null, after: 3_000_000 }]);
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(detail.contact).toEqual({ name: '张经理', phone: '13800138000', email: 'zhang@example.com' });
    const transfer = detail.measures.find((m: { item: { measureId: string } }) => m.item.measureId === TRANSFER);
    expect(transfer.match.status).toBe('eligible');
    expect(transfer.match.citations[0].role).toBe('clause');
    expect(transfer.ruleAtMatch.passages[0].passage.length).toBeGreaterThan(0);
    expect(transfer.current.changed).toBe(false);
    expect(transfer.decisions.map((d: { decision: string }) => d.decision)).toEqual(['needs-info']);

    // Confirm one, reject the other, then a payment on the confirmed one (paid needs a prior confirmed).
    await api()
      .post(`/api/cases/${id}/decisions`)
      .set(cw)
      .send({ measureId: RATE, decision: 'paid', comment: '拨付', amount: 1000, paidOn: '2026-11-20' })
      .expect(400);
    await api()
      .post(`/api/cases/${id}/decisions`)
      .set(cw)
      .send({ measureId: RATE, decision: 'confirmed', comment: '高新技术企业证书在有效期内' })
      .expect(201);
    await api()
      .post(`/api/cases/${id}/decisions`)
      .set(cw2)
      .send({ measureId: TRANSFER, decision: 'rejected', comment: '技术合同未登记' })
      .expect(201);
    const badPay = await api()
      .post(`/api/cases/${id}/decisions`)
      .set(cw)
      .send({ measureId: RATE, decision: 'paid', comment: '拨付', paidOn: '2026-02-30' })
      .expect(400);
    expect(Object.keys(badPay.body.errors).sort()).toEqual(['amount', 'paidOn']);
    await api()
      .post(`/api/cases/${id}/decisions`)
      .set(cw)
      .send({ measureId: RATE, decision: 'paid', comment: '已拨付', amount: 2_000_000, paidOn: '2026-11-20' })
      .expect(201);
    const done = (await api().get(`/api/submissions/${saved.id}`).set(receipt).expect(200)).body.case;
    expect(done.status).toBe('decided');
    expect(
      done.measures.map((m: { measureId: string; status: string; amountPaid: number | null }) => [
        m.measureId,
        m.status,
        m.amountPaid,
      ]),
    ).toEqual([
      [RATE, 'paid', 2_000_000],
      [TRANSFER, 'rejected', null],
    ]);

    // The dashboard counts it.
    const dash = (await api().get('/api/dashboard').set(admin).expect(200)).body;
    const rate = dash.byMeasure.find((m: { measureId: string }) => m.measureId === RATE);
    expect(rate).toMatchObject({
      applied: 1,
      confirmed: 1,
      rejected: 0,
      paid: 1,
      amountPaid: 2_000_000,
      realizationRate: 1,
    });
    expect(dash.byMeasure.find((m: { measureId: string }) => m.measureId === TRANSFER)).toMatchObject({
      applied: 1,
      rejected: 1,
      paid: 0,
      realizationRate: null,
    });
    expect(dash.byPark.find((p: { key: string }) => p.key === 'park-loop')).toMatchObject({
      cases: 1,
      applied: 2,
      paid: 1,
    });
    expect(dash.byCity.find((p: { key: string }) => p.key === 'shenzhen').cases).toBeGreaterThanOrEqual(1);
    expect(dash.byStatus.decided).toBeGreaterThanOrEqual(1);
    expect(dash.medianDaysToDecision).toBeGreaterThanOrEqual(0);

    // The outbox holds each change exactly once: opened, needs-info, returned, confirmed, rejected, paid.
    const rows = await outbox(id);
    expect(rows.map((r) => `${r.event}:${r.measure_id ?? ''}:${r.status}`)).toEqual([
      'opened::pending',
      `decision:${TRANSFER}:needs-info`,
      'returned::pending',
      `decision:${RATE}:confirmed`,
      `decision:${TRANSFER}:rejected`,
      `decision:${RATE}:paid`,
    ]);
    expect(new Set(rows.map((r) => r.event_key)).size).toBe(6);
    const sent = await sut.app.get(OutboxDispatcher).drain();
    expect(sent).toBeGreaterThanOrEqual(0);
    expect(await sut.app.get(OutboxDispatcher).drain()).toBe(0);
    expect(await outbox(id)).toHaveLength(6);
  });

  describe('the queue', () => {
    const ids: string[] = [];
    beforeAll(async () => {
      for (const [name, city] of [
        ['甲公司', 'shenzhen'],
        ['乙公司', 'guangzhou'],
        ['丙公司', 'shenzhen'],
      ])
        ids.push(
          (
            await apply(
              { ...PROFILE, name, city, parkId: 'park-q' },
              city === 'guangzhou' ? [TRANSFER] : [RATE],
            ).expect(201)
          ).body.caseId,
        );
    });

    it('holds one item per case, oldest first, with counts per status under the other filters', async () => {
      const page = await cases('park=park-q');
      expect(page.items.map((c: { id: string }) => c.id)).toEqual(ids);
      expect(page.counts).toEqual({ pending: 3, 'needs-info': 0, decided: 0, all: 3 });
      expect((await cases('park=park-q&pageSize=1&page=2')).items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    });

    it('filters by measure, nature, city, park, status and age', async () => {
      const ofIds = async (q: string) => (await cases(q)).items.map((c: { id: string }) => c.id);
      expect(await ofIds(`park=park-q&measure=${TRANSFER}`)).toEqual([ids[1]]);
      expect(await ofIds('park=park-q&city=shenzhen')).toEqual([ids[0], ids[2]]);
      expect(await ofIds('park=park-q&nature=entitlement')).toEqual(ids);
      expect(await ofIds('park=park-q&nature=application')).toEqual([]);
      expect(await ofIds('park=park-q&age=lt7')).toEqual(ids);
      expect(await ofIds('park=park-q&age=gt30')).toEqual([]);
      expect(await ofIds('park=park-q&status=decided')).toEqual([]);
    });

    it('gives the next case in the same filter after a decision ("save and next")', async () => {
      await api()
        .post(`/api/cases/${ids[0]}/decisions`)
        .set(cw)
        .send({ measureId: RATE, decision: 'confirmed', comment: '核实无误' })
        .expect(201);
      const next = await cases(`park=park-q&city=shenzhen&after=${ids[0]}&pageSize=1`);
      expect(next.items.map((c: { id: string }) => c.id)).toEqual([ids[2]]);
      expect((await cases(`park=park-q&city=shenzhen&after=${ids[2]}`)).items).toEqual([]);
      expect((await cases('park=park-q')).counts).toMatchObject({ pending: 2, decided: 1 });
    });

    it('answers bad filters with 400 naming each one', async () => {
      const res = await api().get('/api/cases?status=open&age=old&pageSize=1000&after=x&foo=1').set(cw).expect(400);
      expect(Object.keys(res.body.errors).sort()).toEqual(['after', 'age', 'foo', 'pageSize', 'status']);
      await api().get('/api/cases/00000000-0000-4000-8000-000000000000').set(cw).expect(404);
      await api()
        .post(`/api/cases/${ids[1]}/decisions`)
        .set(cw)
        .send({ measureId: RATE, decision: 'confirmed', comment: 'x' })
        .expect(400);
      await api().get('/api/cases').expect(401);
      await api().get('/api/dashboard').expect(401);
    });
  });

  describe('decisions', () => {
    it('cannot be altered or removed in the database: triggers refuse UPDATE and DELETE', async () => {
      const ds = sut.app.get(DataSource);
      const decisions = table(ds, 'review_decisions');
      await expect(ds.query(`UPDATE ${decisions} SET comment = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(ds.query(`DELETE FROM ${decisions}`)).rejects.toThrow(/append-only/);
    });

    it('lets exactly one of two racing decisions through; the other gets 409 and the trail stays consecutive', async () => {
      const { caseId } = (await apply({ ...PROFILE, parkId: 'park-race' }, [RATE]).expect(201)).body;
      const results = await Promise.all(
        [cw, cw2, cw, cw2].map((who, i) =>
          api()
            .post(`/api/cases/${caseId}/decisions`)
            .set(who)
            .send({ measureId: RATE, decision: i % 2 ? 'confirmed' : 'rejected', comment: `race ${i}` }),
        ),
      );
      expect(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => r.body)).toEqual([]);
      const trail = (await api().get(`/api/cases/${caseId}`).set(cw).expect(200)).body.measures[0].decisions;
      expect(trail).toHaveLength(results.filter((r) => r.status === 201).length);
      trail.forEach((d: { seq: number }, i: number) => expect(d.seq).toBe(i + 1));
    });

    it('exports decisions with Chinese headers and values by default, English with lang=en', async () => {
      const zh = (
        (await api().get('/api/decisions?format=csv').set(cw).buffer(true).parse(binary).expect(200)).body as Buffer
      ).toString('utf8');
      expect(zh.charCodeAt(0)).toBe(0xfeff);
      expect(zh.split('\n')[0]).toMatch(/^\uFEFF决定时间,决定,意见,原状态,拨付金额（元）,拨付日期,审核人,案件编号/);
      expect(zh).toContain('审核通过');
      expect(zh).not.toMatch(/decidedAt|,confirmed,/);
      const en = (
        (await api().get('/api/decisions?format=csv&lang=en').set(cw).buffer(true).parse(binary).expect(200))
          .body as Buffer
      ).toString('utf8');
      expect(en.split('\n')[0]).toMatch(/^\uFEFFDecided at,Decision,Comment,Previous state/);
      const xlsx = (await api().get('/api/decisions?format=xlsx').set(cw).buffer(true).parse(binary).expect(200)).body;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx);
      expect(wb.getWorksheet('审核决定')!.getRow(1).getCell(1).value).toBe('决定时间');
    });
  });

  describe('the dashboard', () => {
    it('exports its tables as CSV (one table) and XLSX (all), Chinese by default and English with lang=en', async () => {
      const csv = (
        (await api().get('/api/dashboard?format=csv').set(cw).buffer(true).parse(binary).expect(200)).body as Buffer
      ).toString('utf8');
      expect(csv.split('\n')[0]).toBe(
        '\uFEFF措施编号,措施名称,申报数,待审核,需补充材料,审核通过,不予通过,已拨付,拨付金额（元）,兑现率',
      );
      expect(csv).toContain(RATE);
      const park = (
        (await api().get('/api/dashboard?format=csv&table=park&lang=en').set(cw).buffer(true).parse(binary).expect(200))
          .body as Buffer
      ).toString('utf8');
      expect(park.split('\n')[0]).toMatch(/^\uFEFFPark,Cases,Applied/);
      const xlsx = (
        await api().get('/api/dashboard?format=xlsx&lang=en').set(admin).buffer(true).parse(binary).expect(200)
      ).body;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx);
      expect(wb.worksheets.map((w) => w.name)).toEqual(['by measure', 'by city', 'by park', 'by status']);
      await api().get('/api/dashboard?format=pdf').set(cw).expect(400);
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

describe.each(TEST_DBS)('a case reviewed after the rule pack changed, on %s', (db) => {
  it('shows each measure under the rule as it was, what the current rule says now, and what changed', async () => {
    const store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    const rules = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-rules-'));
    fs.cpSync(defaultRulesDir(), rules, { recursive: true });
    const measureFile = path.join(rules, 'measures', 'ykhgz-2022-895', `${RATE}.json`);
    try {
      const before = await bootOn(store.env, rules);
      const { token } = await before.app.get(UsersService).create({ name: 'cw', role: 'caseworker' });
      const auth = { Authorization: `Bearer ${token}` };
      const { caseId } = (
        await request(before.url)
          .post('/api/submissions')
          .send({ profile: PROFILE, application: { measureIds: [RATE], contact: CONTACT } })
          .expect(201)
      ).body;
      await before.app.close();

      const measure = JSON.parse(fs.readFileSync(measureFile, 'utf8'));
      measure.conditions.all[2].value = 'tech-sme';
      fs.writeFileSync(measureFile, JSON.stringify(measure, null, 2));
      const after = await bootOn(store.env, rules);
      try {
        const [d] = (await request(after.url).get(`/api/cases/${caseId}`).set(auth).expect(200)).body.measures;
        expect(d.match).toMatchObject({ status: 'eligible', measureVersion: d.measureVersion });
        expect(d.ruleAtMatch.measure.conditions.all[2].value).toBe('high-tech-enterprise');
        expect(d.current).toMatchObject({ changed: true, result: { status: 'ineligible' } });
        expect(d.current.measure.conditions.all[2].value).toBe('tech-sme');
        expect(d.current.changes).toEqual([
          expect.objectContaining({
            path: 'conditions.all[2].value',
            before: 'high-tech-enterprise',
            after: 'tech-sme',
          }),
        ]);
      } finally {
        await after.app.close();
      }
    } finally {
      await store.dispose();
      fs.rmSync(rules, { recursive: true, force: true });
    }
  });
});
