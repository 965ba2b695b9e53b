import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { profileJson, ScreeningBatch, ScreeningSummary, TenantOutcome } from '@app/batch';
import { compilePack, loadRulePack, seededRandom } from '@app/engine';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';
import { MIGRATIONS } from '../../apps/api/src/database/migrations';
import { inTransaction } from '../../apps/api/src/database/transaction';
import { ScreeningProfileBlockEntity } from '../../apps/api/src/screenings/entities/screening-profile-block.entity';
import { ScreeningTenantEntity } from '../../apps/api/src/screenings/entities/screening-tenant.entity';
import { ScreeningEntity } from '../../apps/api/src/screenings/entities/screening.entity';
import { insertOutcomes } from '../../apps/api/src/screenings/screening-writer';
import { allScreeningProfiles, ScreeningProfiles } from '../../apps/api/src/screenings/storage/screening-profiles';
import { UsersService } from '../../apps/api/src/users/users.service';
import { fixtureProfiles, FixtureProfile } from '../support/fixture-profiles';
import { createPgSchema, createSqliteFile, startTestApp, TestApp, TEST_DBS } from '../support/test-app';

/**
 * The compact screening store (issue 12 item 6): profiles in compressed blocks, statuses packed three to a
 * character, tenant rows keyed by the screening's integer key. Every fixture profile must come back from the
 * database identically; the migration must carry screenings stored in the old format over, and back.
 */
const MEASURE_IDS = compilePack(loadRulePack()).measures.map((m) => m.measure.id);
const LABELS = ['ineligible', 'eligible', 'needs_info', 'near_miss'];
const MIGRATION = 'CompactScreeningStorage1764600000000';
const BEFORE = MIGRATIONS.slice(
  0,
  MIGRATIONS.findIndex((m) => m.name === MIGRATION),
);
const PARK = 'park-store';

const table = (ds: DataSource, name: string) => {
  const schema = (ds.options as { schema?: string }).schema;
  return schema ? `"${schema}"."${name}"` : name;
};
const placeholders = (ds: DataSource, count: number, from = 1) =>
  Array.from({ length: count }, (_, i) => (ds.options.type === 'postgres' ? `$${from + i}` : '?')).join(', ');

/** A status per measure for each tenant, every status at every position somewhere. */
function statusesFor(count: number): Uint8Array[] {
  const rng = seededRandom(5);
  return Array.from({ length: count }, (_, i) =>
    Uint8Array.from(MEASURE_IDS, (_, m) => (i < 4 ? (m + i) % 4 : Math.floor(rng() * 4))),
  );
}

function outcome(p: FixtureProfile, rowNumber: number, statuses: Uint8Array): TenantOutcome {
  return {
    rowNumber,
    facts: p.facts,
    statuses,
    counts: { eligible: 1, needsInfo: 2, nearMiss: 0, ineligible: 3, benchmarksMet: 0, estimatedValue: rowNumber },
    warnings: [],
  };
}

/** A row of `screening_tenants` as versions before the compact store wrote it. */
interface OldTenantRow {
  screening_id: string;
  row_number: number;
  credit_code: string | null;
  name: string | null;
  park_id: string | null;
  city: string | null;
  statuses: string;
  eligible: number;
  needs_info: number;
  ineligible: number;
  near_miss: number;
  warnings: string | null;
  profile: string;
  benchmarks_met: number;
  estimated_value: number;
}

async function doneScreening(ds: DataSource): Promise<ScreeningEntity> {
  const id = randomUUID();
  const time = new Date().toISOString();
  await ds.getRepository(ScreeningEntity).insert({
    id,
    status: 'done',
    parkId: PARK,
    fileName: 'fixtures.csv',
    fileFormat: 'csv',
    uploadPath: null,
    lang: 'zh',
    rulePackVersion: 'test',
    asOf: '2025-06-30',
    measureIds: JSON.stringify(MEASURE_IDS),
    sourceHeaders: '[]',
    total: 0,
    processed: 0,
    screened: 0,
    rejectedRows: 0,
    lastRowNumber: 0,
    summary: JSON.stringify(new ScreeningSummary(MEASURE_IDS.map((m) => ({ id: m, title: m }))).toJSON()),
    error: null,
    createdAt: time,
    updatedAt: time,
    finishedAt: time,
  });
  return ds.getRepository(ScreeningEntity).findOneByOrFail({ id });
}

describe.each(TEST_DBS)('the compact screening store on %s', (db) => {
  let profiles: FixtureProfile[];
  beforeAll(async () => {
    profiles = await fixtureProfiles(1500);
  });

  describe('written by the screening writer', () => {
    let sut: TestApp;
    let auth: { Authorization: string };
    let ds: DataSource;
    let screening: ScreeningEntity;
    let rows: { rowNumber: number; profile: FixtureProfile; statuses: Uint8Array }[];

    beforeAll(async () => {
      sut = await startTestApp({ db });
      ds = sut.app.get(DataSource);
      auth = {
        Authorization: `Bearer ${(await sut.app.get(UsersService).create({ name: 'p', role: 'park-admin', parkId: PARK })).token}`,
      };
      screening = await doneScreening(ds);
      const statuses = statusesFor(profiles.length);
      // Row numbers with gaps (rejected and blank rows), written in batches of up to 1,000 as the runner does.
      rows = profiles.map((p, i) => ({ rowNumber: 2 + i + Math.floor(i / 7), profile: p, statuses: statuses[i] }));
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        const batch: ScreeningBatch = {
          tenants: part.map((r) => outcome(r.profile, r.rowNumber, r.statuses)),
          rejected: [],
          lastRowNumber: part[part.length - 1].rowNumber,
        };
        await inTransaction(ds, (m) => insertOutcomes(m, screening, batch));
      }
    }, 120_000);
    afterAll(async () => {
      await sut?.close();
    });

    it('reads every fixture profile back from its block exactly as it was stored before (profile JSON)', async () => {
      expect(
        await ds.getRepository(ScreeningProfileBlockEntity).countBy({ screeningKey: screening.screeningKey }),
      ).toBe(Math.ceil(rows.length / 1000));
      const reader = new ScreeningProfiles(ds.manager, screening.screeningKey);
      const tenants = await ds
        .getRepository(ScreeningTenantEntity)
        .find({ where: { screeningKey: screening.screeningKey }, order: { rowNumber: 'ASC' } });
      expect(tenants.map((t) => t.rowNumber)).toEqual(rows.map((r) => r.rowNumber));
      const failures: string[] = [];
      for (const [i, t] of tenants.entries()) {
        const back = JSON.stringify(await reader.profile(t));
        if (back !== profileJson(rows[i].profile.facts)) failures.push(`${rows[i].profile.source}: ${back}`);
      }
      let streamed = 0;
      for await (const { row, profile } of allScreeningProfiles(ds.manager, screening.screeningKey)) {
        const r = rows[streamed++];
        if (row !== r.rowNumber || JSON.stringify(profile) !== profileJson(r.profile.facts))
          failures.push(`streamed ${r.profile.source}`);
      }
      expect(streamed).toBe(rows.length);
      expect(failures).toEqual([]);
    });

    it('explains a tenant over HTTP from its stored profile, and lists a measure’s tenants by packed status', async () => {
      for (const r of [rows[0], rows[999], rows[1000], rows[rows.length - 1]]) {
        const res = await request(sut.url)
          .get(`/api/screenings/${screening.id}/tenants/${r.rowNumber}`)
          .set(auth)
          .expect(200);
        expect(JSON.stringify(res.body.profile)).toBe(profileJson(r.profile.facts));
      }
      const all = await request(sut.url)
        .get(`/api/screenings/${screening.id}/results?format=json`)
        .set(auth)
        .expect(200);
      expect(all.body.tenants.map((t: { statuses: string[] }) => t.statuses)).toEqual(
        rows.map((r) => Array.from(r.statuses, (c) => LABELS[c])),
      );
      // Measures at each of the three places in a character, and the last one.
      for (const index of [0, 1, 2, MEASURE_IDS.length - 1]) {
        for (const [code, status] of LABELS.entries()) {
          const expected = rows.filter((r) => r.statuses[index] === code).map((r) => r.rowNumber);
          const res = await request(sut.url)
            .get(`/api/screenings/${screening.id}/measures/${MEASURE_IDS[index]}/tenants?status=${status}&limit=200`)
            .set(auth)
            .expect(200);
          expect([index, status, res.body.total]).toEqual([index, status, expected.length]);
          const listed = (res.body.tenants as { rowNumber: number }[]).map((t) => t.rowNumber);
          expect(listed.every((row) => expected.includes(row))).toBe(true);
        }
      }
    });

    it('exports each tenant’s statuses as stored, in CSV and XLSX', async () => {
      const expected = rows.map((r) => Array.from(r.statuses, (c) => LABELS[c]));
      const csv = await request(sut.url)
        .get(`/api/screenings/${screening.id}/results?format=csv&lang=en`)
        .set(auth)
        .expect(200);
      const lines = csv.text.split('\r\n').filter(Boolean).slice(1);
      expect(lines.map((l) => l.split(',').slice(-MEASURE_IDS.length))).toEqual(expected);
      const xlsx = await request(sut.url)
        .get(`/api/screenings/${screening.id}/results?format=xlsx`)
        .set(auth)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as never); // exceljs types name an older Buffer
      const sheet = book.worksheets[0];
      const zh = ['不符合', '符合', '需补充信息', '接近符合'];
      const read: string[][] = [];
      sheet.eachRow((row, n) => {
        if (n === 1) return;
        const cells = (row.values as unknown[]).slice(-MEASURE_IDS.length);
        read.push(cells.map((c) => LABELS[zh.indexOf(String(c))]));
      });
      expect(read).toEqual(expected);
    });
  });

  it('converts screenings stored in the old format (profile JSON, a digit per measure) and converts them back', async () => {
    const store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    const config = loadConfig({ ...store.env, LOG_LEVEL: 'error' });
    const options = { ...dataSourceOptions(config), migrationsRun: false, entities: [] };
    const old = new DataSource({ ...options, migrations: BEFORE });
    let sut: TestApp | undefined;
    try {
      expect(BEFORE.length).toBeGreaterThan(0);
      await old.initialize();
      await old.runMigrations();
      const rng = seededRandom(8);
      const insertScreening = async (id: string, createdAt: string) =>
        old.query(
          `INSERT INTO ${table(old, 'screenings')} (id, status, park_id, file_name, file_format, lang, rule_pack_version,
            measure_ids, source_headers, total, processed, screened, rejected_rows, last_row_number, created_at,
            updated_at, finished_at, as_of) VALUES (${placeholders(old, 18)})`,
          [
            id,
            'done',
            PARK,
            'old.csv',
            'csv',
            'zh',
            'old',
            JSON.stringify(MEASURE_IDS),
            '[]',
            0,
            0,
            0,
            0,
            0,
            createdAt,
            createdAt,
            createdAt,
            '2025-06-30',
          ],
        );
      const oldRows = new Map<string, OldTenantRow[]>();
      const screeningIds = [randomUUID(), randomUUID(), randomUUID()];
      const sizes = [2500, 3, 0]; // three blocks, one block, no tenants at all
      for (const [k, id] of screeningIds.entries()) {
        await insertScreening(id, `2026-01-0${k + 1}T08:00:00.000Z`);
        const list = profiles.slice(k * 10, k * 10 + sizes[k]).map((p, i): OldTenantRow => ({
          screening_id: id,
          row_number: 2 + i * 2,
          credit_code: (p.facts.creditCode as string | undefined) ?? null,
          name: (p.facts.name as string | undefined) ?? null,
          park_id: (p.facts.parkId as string | undefined) ?? null,
          city: (p.facts.city as string | undefined) ?? null,
          statuses: MEASURE_IDS.map((_, m) => (i < 4 ? (m + i) % 4 : Math.floor(rng() * 4))).join(''),
          eligible: i % 5,
          needs_info: 1,
          ineligible: 2,
          near_miss: 0,
          warnings: i % 3 === 0 ? 'a warning' : null,
          profile: profileJson(p.facts),
          benchmarks_met: i % 2,
          estimated_value: i * 1000.5,
        }));
        oldRows.set(id, list);
        const columns = Object.keys(list[0] ?? {}) as (keyof OldTenantRow)[];
        for (let i = 0; i < list.length; i += 50) {
          const chunk = list.slice(i, i + 50);
          const values = chunk.map((_, r) => `(${placeholders(old, columns.length, r * columns.length + 1)})`);
          await old.query(
            `INSERT INTO ${table(old, 'screening_tenants')} (${columns.join(', ')}) VALUES ${values.join(', ')}`,
            chunk.flatMap((row) => columns.map((c) => row[c])),
          );
        }
      }
      await old.destroy();

      sut = await startTestApp({ db, env: store.env });
      const ds = sut.app.get(DataSource);
      const [note] = await ds.query(
        `SELECT note FROM ${table(ds, 'migration_notes')} WHERE migration = '${MIGRATION}'`,
      );
      expect(note.note).toBe(
        'converted 2503 tenant row(s) of 2 screening(s) to the compact format (4 profile block(s)); ' +
          'statuses packed three measures to a character',
      );
      const screenings = await ds.getRepository(ScreeningEntity).find();
      expect(new Set(screenings.map((s) => s.screeningKey)).size).toBe(3);
      const auth = {
        Authorization: `Bearer ${(await sut.app.get(UsersService).create({ name: 'p', role: 'park-admin', parkId: PARK })).token}`,
      };
      for (const id of screeningIds.slice(0, 2)) {
        const list = oldRows.get(id)!;
        const s = screenings.find((x) => x.id === id)!;
        const reader = new ScreeningProfiles(ds.manager, s.screeningKey);
        const tenants = await ds
          .getRepository(ScreeningTenantEntity)
          .find({ where: { screeningKey: s.screeningKey }, order: { rowNumber: 'ASC' } });
        expect(tenants.length).toBe(list.length);
        for (const [i, t] of tenants.entries()) {
          expect(JSON.stringify(await reader.profile(t))).toBe(list[i].profile);
          expect(t).toMatchObject({ rowNumber: list[i].row_number, name: list[i].name, warnings: list[i].warnings });
        }
        const res = await request(sut.url).get(`/api/screenings/${id}/results?format=json`).set(auth).expect(200);
        expect(res.body.tenants.map((t: { statuses: string[] }) => t.statuses.join(','))).toEqual(
          list.map((r) => Array.from(r.statuses, (d) => LABELS[Number(d)]).join(',')),
        );
        const explained = await request(sut.url)
          .get(`/api/screenings/${id}/tenants/${list[list.length - 1].row_number}`)
          .set(auth)
          .expect(200);
        expect(JSON.stringify(explained.body.profile)).toBe(list[list.length - 1].profile);
      }
      // A screening started after the migration gets a key of its own and stores its tenants under it.
      const created = await request(sut.url)
        .post('/api/screenings')
        .set(auth)
        .attach('file', Buffer.from('creditCode,name,city\n91440300MA5FUTURE1,新公司,shenzhen\n'), 'new.csv')
        .expect(202);
      let fresh: ScreeningEntity | null = null;
      for (let i = 0; i < 200 && fresh?.status !== 'done'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        fresh = await ds.getRepository(ScreeningEntity).findOneBy({ id: created.body.id as string });
      }
      expect(fresh?.status).toBe('done');
      expect(screenings.map((s) => s.screeningKey)).not.toContain(fresh!.screeningKey);
      expect(await ds.getRepository(ScreeningTenantEntity).countBy({ screeningKey: fresh!.screeningKey })).toBe(1);
      await sut.app.close();

      // Down: the old table comes back with the same rows (the new screening's too).
      const back = new DataSource({ ...options, migrations: MIGRATIONS });
      await back.initialize();
      try {
        // Undo down to this migration (any later one first).
        for (let undone = ''; undone !== MIGRATION;) {
          const [last] = await back.query<{ name: string }[]>(
            `SELECT name FROM ${table(back, 'migrations')} ORDER BY id DESC LIMIT 1`,
          );
          await back.undoLastMigration();
          undone = last.name;
        }
        for (const id of screeningIds) {
          const rows = await back.query<Record<string, unknown>[]>(
            `SELECT * FROM ${table(back, 'screening_tenants')} WHERE screening_id = ${placeholders(back, 1)} ORDER BY row_number`,
            [id],
          );
          expect(rows.map((r) => ({ ...r, estimated_value: Number(r.estimated_value) }))).toEqual(oldRows.get(id));
        }
        const columns = await back.query<object[]>(`SELECT * FROM ${table(back, 'screenings')} LIMIT 1`);
        expect(Object.keys(columns[0])).not.toContain('screening_key');
      } finally {
        await back.destroy();
      }
    } finally {
      if (old.isInitialized) await old.destroy();
      await sut?.close().catch(() => undefined);
      await store.dispose();
    }
  }, 180_000);
});
