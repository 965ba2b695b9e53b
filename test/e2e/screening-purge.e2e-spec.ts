import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ScreeningProfileBlockEntity } from '../../apps/api/src/screenings/entities/screening-profile-block.entity';
import { ScreeningRejectedRowEntity } from '../../apps/api/src/screenings/entities/screening-rejected-row.entity';
import { ScreeningTenantEntity } from '../../apps/api/src/screenings/entities/screening-tenant.entity';
import { ScreeningEntity } from '../../apps/api/src/screenings/entities/screening.entity';
import { ScreeningFiles } from '../../apps/api/src/screenings/screening-files';
import { UsersService } from '../../apps/api/src/users/users.service';
import { createPgSchema, createSqliteFile, startTestApp, TestApp, TEST_DBS } from '../support/test-app';

/** Retention (issue 12 item 6): finished screenings older than N days go with their rows and files. */
const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const TENANTS_CSV =
  'creditCode,name,city,revenue\n' +
  '91440300MA5FUTURE1,甲公司,shenzhen,200000000\n' +
  '91440300MA5FUTURE2,乙公司,guangzhou,1000000\n' +
  '91440300MA5FUTURE3,丙公司,shenzhen,-5\n';
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

describe.each(TEST_DBS)('purging finished screenings on %s', (db) => {
  let store: { env: Record<string, string>; dispose(): Promise<void> };
  let sut: TestApp;
  let admin: string;
  let parkAdmin: string;
  const ids: Record<'old' | 'recent' | 'fresh' | 'running', string> = {} as never;
  const bearer = (t: string) => ({ Authorization: `Bearer ${t}` });
  const repo = <T extends object>(entity: new () => T) => sut.app.get(DataSource).getRepository(entity);
  const keys: Record<string, number> = {};
  /** Tenant rows and profile blocks stored for a screening. */
  const stored = async (id: string) => ({
    tenants: await repo(ScreeningTenantEntity).countBy({ screeningKey: keys[id] }),
    blocks: await repo(ScreeningProfileBlockEntity).countBy({ screeningKey: keys[id] }),
  });
  const cli = (...args: string[]) =>
    spawnSync('node', [CLI, 'screenings', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ...store.env, LOG_LEVEL: 'error' },
    });

  async function screen(): Promise<string> {
    const { body } = await request(sut.url)
      .post('/api/screenings')
      .set(bearer(parkAdmin))
      .attach('file', Buffer.from(TENANTS_CSV), 'tenants.csv')
      .expect(202);
    for (let i = 0; i < 200; i++) {
      const s = await request(sut.url).get(`/api/screenings/${body.id}`).set(bearer(parkAdmin)).expect(200);
      if (s.body.status === 'done') return body.id as string;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('screening did not finish');
  }

  beforeAll(async () => {
    execFileSync('node', [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    sut = await startTestApp({ db, env: store.env });
    const users = sut.app.get(UsersService);
    admin = (await users.create({ name: 'admin', role: 'admin' })).token;
    parkAdmin = (await users.create({ name: 'park', role: 'park-admin', parkId: 'park-a' })).token;
    for (const key of ['old', 'recent', 'fresh'] as const) ids[key] = await screen();
    for (const s of await repo(ScreeningEntity).find()) keys[s.id] = s.screeningKey;
    await repo(ScreeningEntity).update({ id: ids.old }, { finishedAt: daysAgo(100) });
    await repo(ScreeningEntity).update({ id: ids.recent }, { finishedAt: daysAgo(10) });
    // A screening still running for months (a stalled one) is never purged: only done or failed ones are.
    const fresh = await repo(ScreeningEntity).findOneByOrFail({ id: ids.fresh });
    ids.running = '5f0c6f0e-6a2b-4c3d-9e8f-0a1b2c3d4e5f';
    await repo(ScreeningEntity).insert({
      ...fresh,
      id: ids.running,
      status: 'running',
      createdAt: daysAgo(200),
      updatedAt: daysAgo(200),
      finishedAt: null,
    });
  }, 240_000);
  afterAll(async () => {
    await sut?.close();
    await store?.dispose();
  });

  it('refuses everyone but an admin, and names a bad olderThanDays', async () => {
    await request(sut.url).post('/api/screenings/purge').expect(401);
    await request(sut.url).post('/api/screenings/purge').set(bearer(parkAdmin)).expect(403);
    for (const bad of ['-1', 'abc', '1.5', '40000']) {
      const res = await request(sut.url)
        .post(`/api/screenings/purge?olderThanDays=${bad}`)
        .set(bearer(admin))
        .expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['olderThanDays']);
    }
    expect(await repo(ScreeningEntity).count()).toBe(4);
  });

  it('purges, by default, finished screenings older than 90 days with their tenant rows, rejected rows and files', async () => {
    const files = sut.app.get(ScreeningFiles);
    const leftover = path.join(files.dir, `${ids.old}.csv`);
    fs.writeFileSync(leftover, TENANTS_CSV);
    expect(await stored(ids.old)).toEqual({ tenants: 2, blocks: expect.any(Number) as number });
    expect((await stored(ids.old)).blocks).toBeGreaterThan(0);

    const res = await request(sut.url).post('/api/screenings/purge').set(bearer(admin)).expect(200);
    expect(res.body).toMatchObject({ olderThanDays: 90, screenings: 1, tenantRows: 2, rejectedRows: 1, files: 1 });
    expect(fs.existsSync(leftover)).toBe(false);
    expect(await stored(ids.old)).toEqual({ tenants: 0, blocks: 0 });
    expect(await repo(ScreeningRejectedRowEntity).countBy({ screeningId: ids.old })).toBe(0);
    await request(sut.url).get(`/api/screenings/${ids.old}`).set(bearer(parkAdmin)).expect(404);
    for (const kept of [ids.recent, ids.fresh])
      await request(sut.url).get(`/api/screenings/${kept}/results?format=csv`).set(bearer(parkAdmin)).expect(200);
    expect(await repo(ScreeningEntity).existsBy({ id: ids.running })).toBe(true);
  });

  it('purges with `npm run cli -- screenings purge --days N` on the same database, and is harmless to repeat', () => {
    const run = cli('purge', '--days', '5');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/purged 1 screening\(s\) .*older than 5 days.*: 2 tenant rows, 1 rejected rows, 0 file/);
    const again = cli('purge', '--days', '5');
    expect(again.stdout).toMatch(/purged 0 screening/);
    const bad = cli('purge', '--days', 'soon');
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/--days must be a whole number/);
  });

  it('leaves the recent and the running screening, their rows intact', async () => {
    await request(sut.url).get(`/api/screenings/${ids.recent}`).set(bearer(parkAdmin)).expect(404);
    const fresh = await request(sut.url).get(`/api/screenings/${ids.fresh}`).set(bearer(parkAdmin)).expect(200);
    expect(fresh.body).toMatchObject({ status: 'done', screened: 2, rejectedRows: 1 });
    expect((await stored(ids.fresh)).tenants).toBe(2);
    expect((await stored(ids.fresh)).blocks).toBeGreaterThan(0);
    expect(await repo(ScreeningEntity).existsBy({ id: ids.running })).toBe(true);
  });
});
