import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import Redis from 'ioredis';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { openTenantFile, RawRecord, TenantScreener, writeSyntheticTenantCsv } from '@app/batch';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { RulePackService } from '../../apps/api/src/rule-pack/rule-pack.service';
import { ScreeningChunkEntity } from '../../apps/api/src/screenings/entities/screening-chunk.entity';
import { ScreeningEntity } from '../../apps/api/src/screenings/entities/screening.entity';
import { ScreeningChunks } from '../../apps/api/src/screenings/queue/screening-chunks.service';
import { ChunkJobData } from '../../apps/api/src/screenings/queue/screening-queue';
import { ScreeningWorkerModule } from '../../apps/api/src/screenings/queue/screening-queue.module';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp } from '../support/test-app';
import { blankRowBomb } from '../support/xlsx-bombs';
import { ScreeningStatus, TEST_REDIS_URL } from '../support/screening-status';

/**
 * Issue 14: with REDIS_URL, screenings are BullMQ jobs that worker processes take (`npm run worker`: here the same
 * ScreeningWorkerModule in this process), on PostgreSQL and Redis. Each test run has its own schema and its own
 * Redis prefix (so parallel test files never share queues) and removes its keys afterwards. The kill -9 of a worker
 * and several processes are in screening-queue-chaos.e2e-spec.ts.
 */
const ROWS = 5000;
const BAD_EVERY = 53;
const CHUNK_ROWS = 500;

describe('screenings on the Redis queue (PostgreSQL)', () => {
  const prefix = `gdpm-test-${randomBytes(4).toString('hex')}:`;
  const queueEnv = { REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: prefix, SCREENING_CHUNK_ROWS: String(CHUNK_ROWS) };
  let api: TestApp;
  let inProcess: TestApp;
  let worker: INestApplicationContext;
  let dir: string;
  let auth: Record<string, string>;
  let inProcessAuth: Record<string, string>;

  const startWorker = async () => {
    const store = api.config.database as { url: string; schema?: string };
    const config = loadConfig({ ...queueEnv, DATABASE_URL: store.url, DB_SCHEMA: store.schema, LOG_LEVEL: 'error' });
    const app = await NestFactory.createApplicationContext(ScreeningWorkerModule.register(config), {
      logger: ['error'],
    });
    await app.init();
    return app;
  };

  const schema = () => (api.config.database as { schema: string }).schema;
  const status = (app: TestApp, who: Record<string, string>, id: string) =>
    request(app.url)
      .get(`/api/screenings/${id}`)
      .set(who)
      .expect(200)
      .then((r) => r.body as ScreeningStatus);

  async function ended(
    app: TestApp,
    who: Record<string, string>,
    id: string,
    timeoutMs = 60_000,
  ): Promise<ScreeningStatus> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const s = await status(app, who, id);
      if (s.status === 'done' || s.status === 'failed') return s;
      if (Date.now() > end) throw new Error(`screening ${id} did not end: ${JSON.stringify(s).slice(0, 300)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-queue-'));
    api = await startTestApp({ db: 'postgres', env: queueEnv });
    inProcess = await startTestApp({ db: 'sqlite' });
    const token = (await api.app.get(UsersService).create({ name: 'q', role: 'park-admin', parkId: 'park-q' })).token;
    auth = { Authorization: `Bearer ${token}` };
    const other = await inProcess.app.get(UsersService).create({ name: 'p', role: 'park-admin', parkId: 'park-q' });
    inProcessAuth = { Authorization: `Bearer ${other.token}` };
    worker = await startWorker();
  }, 120_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    await inProcess?.close();
    const client = new Redis(TEST_REDIS_URL);
    const keys = await client.keys(`${prefix}*`);
    if (keys.length > 0) await client.del(...keys);
    await client.quit();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('screens a file in chunks: every row exactly once, and the same results as the in-process runner', async () => {
    const file = path.join(dir, 'tenants.csv');
    const info = writeSyntheticTenantCsv(file, { rows: ROWS, badEvery: BAD_EVERY, seed: 31 });
    const id = (await request(api.url).post('/api/screenings').set(auth).attach('file', file).expect(202)).body
      .id as string;
    const end = await ended(api, auth, id);
    expect(end).toMatchObject({
      status: 'done',
      total: ROWS,
      processed: ROWS,
      rejectedRows: info.badRows.length,
      screened: ROWS - info.badRows.length,
      error: null,
    });

    const db = api.app.get(DataSource);
    const markers = await db.getRepository(ScreeningChunkEntity).find({ where: { screeningId: id } });
    expect(markers.map((m) => m.chunkNo).sort((a, b) => a - b)).toEqual([...Array(ROWS / CHUNK_ROWS).keys()]);
    expect(markers.reduce((n, m) => n + m.rowCount, 0)).toBe(ROWS);
    const row = await db.getRepository(ScreeningEntity).findOneByOrFail({ id });
    expect(row).toMatchObject({ chunkRows: CHUNK_ROWS, chunkCount: ROWS / CHUNK_ROWS, chunksDone: ROWS / CHUNK_ROWS });
    expect(row.uploadPath).toBeNull();

    const [numbers] = await db.query<{ n: number; distinct: number; first: number; last: number }[]>(
      `SELECT count(*)::int AS n, count(DISTINCT row_number)::int AS distinct, min(row_number) AS first, max(row_number) AS last
         FROM (SELECT t.row_number FROM ${schema()}.screening_tenants t
                 JOIN ${schema()}.screenings s ON s.screening_key = t.screening_key WHERE s.id = $1
               UNION ALL SELECT row_number FROM ${schema()}.screening_rejected_rows WHERE screening_id = $1) r`,
      [id],
    );
    expect(numbers).toEqual({ n: ROWS, distinct: ROWS, first: 2, last: ROWS + 1 });

    // The same file through the in-process runner (SQLite): the same summary and the same tenant rows.
    const local = (await request(inProcess.url).post('/api/screenings').set(inProcessAuth).attach('file', file)).body
      .id as string;
    const localEnd = await ended(inProcess, inProcessAuth, local);
    const value = (s: ScreeningStatus) => s.summary!.totals.estimatedValue;
    expect(value(end)).toBeCloseTo(value(localEnd), 0);
    const withoutValue = (s: ScreeningStatus) => ({
      ...s.summary,
      totals: { ...s.summary!.totals, estimatedValue: 0 },
    });
    expect(withoutValue(end)).toEqual(withoutValue(localEnd));
    const results = (app: TestApp, who: Record<string, string>, sid: string) =>
      request(app.url)
        .get(`/api/screenings/${sid}/results?format=json`)
        .set(who)
        .expect(200)
        .then((r) => r.body as { tenants: unknown[] });
    expect((await results(api, auth, id)).tenants).toEqual((await results(inProcess, inProcessAuth, local)).tenants);
  }, 120_000);

  it('commits a chunk once when two workers commit it at the same time, and skips it when it comes again', async () => {
    const db = api.app.get(DataSource);
    const rules = api.app.get(RulePackService);
    const chunks = worker.get(ScreeningChunks);
    const file = path.join(dir, 'chunk.csv');
    writeSyntheticTenantCsv(file, { rows: 300, badEvery: 7, seed: 32 });
    const tenantFile = await openTenantFile(file);
    const records: RawRecord[] = [];
    for await (const r of tenantFile.rows()) records.push(r);
    const screener = new TenantScreener(rules.compiled, 'zh', '2025-06-30');
    const id = randomUUID();
    const time = new Date().toISOString();
    await db.getRepository(ScreeningEntity).insert({
      id,
      status: 'running',
      parkId: 'park-q',
      fileName: 'chunk.csv',
      fileFormat: 'csv',
      uploadPath: null,
      lang: 'zh',
      rulePackVersion: screener.rulePackVersion,
      asOf: '2025-06-30',
      measureIds: JSON.stringify(screener.measures.map((m) => m.id)),
      sourceHeaders: JSON.stringify(tenantFile.columns.headers),
      total: 300,
      processed: 0,
      screened: 0,
      rejectedRows: 0,
      lastRowNumber: 0,
      summary: null,
      error: null,
      createdAt: time,
      updatedAt: time,
      finishedAt: null,
      chunkRows: 300,
      chunkCount: null,
      chunksDone: 0,
    });
    const data: ChunkJobData = {
      screeningId: id,
      chunkNo: 0,
      rulePackVersion: screener.rulePackVersion,
      columns: tenantFile.columns,
      rows: records.map((r) => [r.rowNumber, r.cells]),
    };
    const outcomes = await Promise.all([chunks.commit(data), chunks.commit(data), chunks.commit(data)]);
    expect(outcomes.sort()).toEqual(['already-committed', 'already-committed', 'committed']);
    await expect(chunks.commit(data)).resolves.toBe('already-committed');
    await expect(chunks.commit({ ...data, rulePackVersion: 'sha256:another' })).resolves.toBe('stale');

    const s = await db.getRepository(ScreeningEntity).findOneByOrFail({ id });
    expect(s).toMatchObject({ processed: 300, screened: 300 - Math.floor(300 / 7), rejectedRows: 42, chunksDone: 1 });
    const [{ n }] = await db.query<{ n: string }[]>(
      `SELECT (SELECT count(*) FROM ${schema()}.screening_tenants t
                JOIN ${schema()}.screenings s ON s.screening_key = t.screening_key WHERE s.id = $1)
            + (SELECT count(*) FROM ${schema()}.screening_rejected_rows WHERE screening_id = $1) AS n`,
      [id],
    );
    expect(Number(n)).toBe(300);

    // The split has not recorded the chunk count yet: not done. Once it has, the last one to look finishes it.
    await expect(chunks.finishIfComplete(id)).resolves.toBe(false);
    await db.getRepository(ScreeningEntity).update({ id }, { chunkCount: 1, summary: null });
    const finishers = await Promise.all([chunks.finishIfComplete(id), chunks.finishIfComplete(id)]);
    expect(finishers.filter(Boolean)).toHaveLength(1);
    const done = await db.getRepository(ScreeningEntity).findOneByOrFail({ id });
    expect(done.status).toBe('done');
    expect(JSON.parse(done.summary!)).toMatchObject({ rowsIn: 300, rejected: 42 });
  }, 60_000);

  it('ends a bomb failed with its reason, refused by the split before any chunk', async () => {
    const bomb = path.join(dir, 'bomb.xlsx');
    blankRowBomb(bomb, 1_100_000_000, { declaredSize: 4096 });
    const t0 = Date.now();
    const id = (await request(api.url).post('/api/screenings').set(auth).attach('file', bomb).expect(202)).body
      .id as string;
    const end = await ended(api, auth, id, 30_000);
    const ms = Date.now() - t0;
    expect(end).toMatchObject({ status: 'failed', processed: 0 });
    expect(end.error).toContain('MAX_SCREENING_ROWS');
    expect(ms).toBeLessThan(10_000);
    const markers = await api.app.get(DataSource).getRepository(ScreeningChunkEntity).countBy({ screeningId: id });
    expect(markers).toBe(0);
  }, 60_000);

  it('answers 503 queue-unavailable with Retry-After and keeps nothing when Redis is unreachable', async () => {
    const offline = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1', REDIS_PREFIX: prefix } });
    try {
      const users = offline.app.get(UsersService);
      const who = {
        Authorization: `Bearer ${(await users.create({ name: 'o', role: 'park-admin', parkId: 'p' })).token}`,
      };
      const file = path.join(dir, 'small.csv');
      writeSyntheticTenantCsv(file, { rows: 10, seed: 33 });
      const res = await request(offline.url).post('/api/screenings').set(who).attach('file', file).expect(503);
      expect(res.body.code).toBe('queue-unavailable');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      expect((await request(offline.url).get('/api/screenings').set(who).expect(200)).body).toEqual([]);
    } finally {
      await offline.close();
    }
  }, 60_000);
});
