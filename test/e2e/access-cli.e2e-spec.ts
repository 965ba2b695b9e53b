import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';
import request from 'supertest';
import { createPgSchema, createSqliteFile, startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');

/** `npm run cli -- users …` against the same database a running service uses (CONTRACT §3 Access, §5). */
describe.each(TEST_DBS)('users command on %s', (db) => {
  let store: { env: Record<string, string>; dispose(): Promise<void> };
  let sut: TestApp;
  const cli = (...args: string[]) =>
    spawnSync('node', [CLI, 'users', ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, ...store.env, LOG_LEVEL: 'error' },
    });

  beforeAll(async () => {
    execFileSync('node', [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    // The CLI process and the service share one store: SQLITE_PATH, or DATABASE_URL + DB_SCHEMA.
    store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    sut = await startTestApp({ db, env: store.env });
  }, 180_000);
  afterAll(async () => {
    await sut?.close();
    await store?.dispose();
  });

  it('creates a caseworker whose token, printed on the last line, the running service accepts; revoking it stops it', async () => {
    const run = cli('create', '王审核', '--role', 'caseworker');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const token = run.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43}$/);
    const who = await request(sut.url).get('/api/session').set('Authorization', `Bearer ${token}`).expect(200);
    expect(who.body).toMatchObject({ name: '王审核', role: 'caseworker', parkId: null });
    await request(sut.url).get('/api/reviews').set('Authorization', `Bearer ${token}`).expect(200);

    const revoke = cli('revoke', '王审核');
    expect(revoke.status).toBe(0);
    await request(sut.url).get('/api/reviews').set('Authorization', `Bearer ${token}`).expect(401);
  });

  it('binds a park-admin to its park', async () => {
    const run = cli('create', 'park admin', '--role', 'park-admin', '--park', 'nansha-1');
    expect(run.status).toBe(0);
    const token = run.stdout.trim().split('\n').pop()!;
    const who = await request(sut.url).get('/api/session').set('Authorization', `Bearer ${token}`).expect(200);
    expect(who.body).toMatchObject({ role: 'park-admin', parkId: 'nansha-1' });
  });

  it('refuses a bad role, a park-admin without a park and a taken name, with exit code 2 and a reason', () => {
    for (const [args, reason] of [
      [['create', 'x', '--role', 'root'], /role must be one of: admin, caseworker, park-admin/],
      [['create', 'y', '--role', 'park-admin'], /needs --park/],
      [['create', 'z', '--role', 'admin', '--park', 'p'], /only a park-admin/],
      [['create', 'park admin', '--role', 'admin'], /already exists/],
      [['revoke', 'nobody'], /no user "nobody"/],
    ] as const) {
      const run = cli(...args);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(reason);
    }
  });

  it('lists users with their role, park and status, never a token or hash', () => {
    const run = cli('list');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^王审核\tcaseworker\t-\trevoked /m);
    expect(run.stdout).toMatch(/^park admin\tpark-admin\tnansha-1\tactive\t/m);
    expect(run.stdout).not.toMatch(/argon2|\.[A-Za-z0-9_-]{43}/);
  });
});
