import request from 'supertest';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { MIGRATIONS } from '../../apps/api/src/database/migrations';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createPgSchema, createSqliteFile, startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const TENANTS_CSV =
  '统一社会信用代码,企业名称,所在城市,主体类型,所属产业集群,资质,营业收入,研发费用\n' +
  '91440300MA5FUTURE1,园区仪器公司,深圳,enterprise,精密仪器设备,high-tech-enterprise,200000000,15000000\n' +
  '91440300MA5FUTURE1,园区另一家,广州,other,精密仪器设备,,1000000,\n';

const table = (ds: DataSource, name: string) => {
  const schema = (ds.options as { schema?: string }).schema;
  return schema ? `"${schema}"."${name}"` : name;
};
const count = async (ds: DataSource, name: string) =>
  Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table(ds, name)}`))[0].n);

describe.each(TEST_DBS)('what enters the review queue from a screening, on %s', (db) => {
  let sut: TestApp;
  let parkAdmin: { Authorization: string };
  let otherPark: { Authorization: string };
  let cw: { Authorization: string };
  let screeningId: string;
  const api = () => request(sut.url);

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    const token = async (name: string, role: 'park-admin' | 'caseworker', parkId?: string) =>
      `Bearer ${(await users.create({ name, role, parkId })).token}`;
    parkAdmin = { Authorization: await token('园区甲', 'park-admin', 'park-s') };
    otherPark = { Authorization: await token('园区乙', 'park-admin', 'park-t') };
    cw = { Authorization: await token('王审核', 'caseworker') };
    screeningId = (
      await api().post('/api/screenings').set(parkAdmin).attach('file', Buffer.from(TENANTS_CSV), 't.csv').expect(202)
    ).body.id;
    for (let i = 0; i < 200; i++) {
      const { body } = await api().get(`/api/screenings/${screeningId}`).set(parkAdmin).expect(200);
      if (body.status === 'done' || body.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('queues nothing from a finished screening until the park admin sends tenants', async () => {
    const ds = sut.app.get(DataSource);
    expect((await api().get(`/api/screenings/${screeningId}`).set(parkAdmin).expect(200)).body.status).toBe('done');
    expect(await count(ds, 'review_items')).toBe(0);
    expect(await count(ds, 'review_cases')).toBe(0);
    expect((await api().get('/api/cases?status=all').set(cw).expect(200)).body.total).toBe(0);
  });

  it("sends a chosen tenant as one case holding its eligible in-force claims, with the screening's park", async () => {
    const sent = (
      await api()
        .post(`/api/screenings/${screeningId}/cases`)
        .set(parkAdmin)
        .send({ rows: [2] })
        .expect(201)
    ).body;
    expect(sent.skipped).toEqual([]);
    expect(sent.created).toHaveLength(1);
    expect(sent.created[0].measureIds).toEqual(
      expect.arrayContaining(['k895-high-tech-preferential-rate', 'k895-rd-super-deduction']),
    );
    const page = (await api().get('/api/cases?park=park-s').set(cw).expect(200)).body;
    expect(page.items).toEqual([
      expect.objectContaining({
        id: sent.created[0].caseId,
        source: 'screening',
        sourceKey: '2',
        companyName: '园区仪器公司',
        city: 'shenzhen',
        parkId: 'park-s',
      }),
    ]);
    expect(await count(sut.app.get(DataSource), 'review_items')).toBe(sent.created[0].measureIds.length);
    const detail = (await api().get(`/api/cases/${sent.created[0].caseId}`).set(cw).expect(200)).body;
    expect(detail.versions[0].profile).toMatchObject({ name: '园区仪器公司', rdExpense: 15_000_000 });
    expect(detail.measures[0].match.status).toBe('eligible');
    // Version 1's item view reads the tenant's profile back from the screening's stored row.
    const ds = sut.app.get(DataSource);
    const [item] = await ds.query(`SELECT id FROM ${table(ds, 'review_items')} ORDER BY id LIMIT 1`);
    const review = (await api().get(`/api/reviews/${item.id}`).set(cw).expect(200)).body;
    expect(review.profile).toMatchObject({ name: '园区仪器公司', city: 'shenzhen', rdExpense: 15_000_000 });
  });

  it('does not send a tenant twice, and says which rows had nothing to claim', async () => {
    const again = (
      await api()
        .post(`/api/screenings/${screeningId}/cases`)
        .set(parkAdmin)
        .send({ rows: [2, 3] })
        .expect(201)
    ).body;
    expect(again.created).toEqual([]);
    expect(again.skipped).toEqual([
      { row: 2, reason: 'already-sent', caseId: expect.any(String) },
      { row: 3, reason: 'nothing-to-claim', caseId: null },
    ]);
  });

  it("refuses unknown rows (400 naming them), another park's screening (404) and other roles (403)", async () => {
    const bad = await api()
      .post(`/api/screenings/${screeningId}/cases`)
      .set(parkAdmin)
      .send({ rows: [2, 99] })
      .expect(400);
    expect(Object.keys(bad.body.errors)).toEqual(['rows[1]']);
    const shape = await api()
      .post(`/api/screenings/${screeningId}/cases`)
      .set(parkAdmin)
      .send({ rows: [0, 'x'] })
      .expect(400);
    expect(Object.keys(shape.body.errors)).toEqual(['rows']);
    await api()
      .post(`/api/screenings/${screeningId}/cases`)
      .set(otherPark)
      .send({ rows: [2] })
      .expect(404);
    await api()
      .post(`/api/screenings/${screeningId}/cases`)
      .set(cw)
      .send({ rows: [2] })
      .expect(403);
  });
});

describe.each(TEST_DBS)('the migration to cases, on %s', (db) => {
  it('keeps decided review items in cases, drops undecided screening items and records a note', async () => {
    const store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    const old = new DataSource({
      ...dataSourceOptions(loadConfig({ ...store.env, LOG_LEVEL: 'error' })),
      // The store as it was before the migration: every migration up to it (a later one may need its tables).
      migrations: MIGRATIONS.slice(
        0,
        MIGRATIONS.findIndex((m) => m.name === 'CreateReviewCases1764200000000'),
      ),
      migrationsRun: false,
      entities: [],
    });
    let sut: TestApp | undefined;
    try {
      await old.initialize();
      await old.runMigrations();
      const pg = db === 'postgres';
      const p = (n: number) => Array.from({ length: n }, (_, i) => (pg ? `$${i + 1}` : '?')).join(', ');
      const now = '2026-01-05T08:00:00.000Z';
      await old.query(`INSERT INTO ${table(old, 'users')} (id, name, role, token_hash, created_at) VALUES (${p(5)})`, [
        'u1',
        'cw',
        'caseworker',
        'x',
        now,
      ]);
      const item = (id: string, type: string, source: string, key: string, state: string, decisions: number) =>
        old.query(
          `INSERT INTO ${table(old, 'review_items')} (id, source_type, source_id, source_key, measure_id, measure_version,
            rule_pack_version, match_status, state, decision_count, created_at) VALUES (${p(11)})`,
          [id, type, source, key, `m-${id}`, 'v', 'p', 'eligible', state, decisions, now],
        );
      await item('a', 'screening', 's1', '2', 'pending', 0);
      await item('b', 'screening', 's1', '2', 'confirmed', 1);
      await item('c', 'screening', 's1', '3', 'pending', 0);
      await item('d', 'submission', 'sub1', '', 'pending', 0);
      await old.query(
        `INSERT INTO ${table(old, 'review_decisions')} (id, review_item_id, seq, decision, comment, previous_state,
          decided_by, decided_by_name, decided_at) VALUES (${p(9)})`,
        ['d1', 'b', 1, 'confirmed', 'ok', 'pending', 'u1', 'cw', now],
      );
      await old.destroy();

      sut = await startTestApp({ db, env: store.env });
      const ds = sut.app.get(DataSource);
      const items = await ds.query(`SELECT id, case_id FROM ${table(ds, 'review_items')} ORDER BY id`);
      expect(items.map((i: { id: string }) => i.id)).toEqual(['b', 'd']);
      expect(items.every((i: { case_id: string | null }) => !!i.case_id)).toBe(true);
      const cases = await ds.query(`SELECT source_type, status FROM ${table(ds, 'review_cases')} ORDER BY source_type`);
      expect(cases).toEqual([
        { source_type: 'screening', status: 'decided' },
        { source_type: 'submission', status: 'pending' },
      ]);
      const [note] = await ds.query(`SELECT migration, note FROM ${table(ds, 'migration_notes')}`);
      expect(note.note).toBe(
        'dropped 2 undecided screening review item(s); kept 2 review item(s) (decided ones and company saves) in 2 case(s)',
      );
      const [decision] = await ds.query(`SELECT decision, amount FROM ${table(ds, 'review_decisions')}`);
      expect(decision).toEqual({ decision: 'confirmed', amount: null });
    } finally {
      if (old.isInitialized) await old.destroy();
      await sut?.close();
      await store.dispose();
    }
  });
});
