import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { writeSyntheticTenantCsv } from '@app/batch';
import { createPgSchema, createSqliteFile, TEST_DBS, TestDb } from '../support/test-app';

/**
 * A screening interrupted by `kill -9` must come back after a restart and finish with every row exactly once:
 * never `done` with rows missing or doubled. Runs the built service as a child process, on both stores.
 */
const ROOT = path.resolve(__dirname, '../..');
const ROWS = 6000;
const BAD_EVERY = 53;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net
      .createServer()
      .listen(0, '127.0.0.1', () => {
        const { port } = server.address() as net.AddressInfo;
        server.close(() => resolve(port));
      })
      .on('error', reject);
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(TEST_DBS)('a screening killed mid-way on %s', (db: TestDb) => {
  let store: { env: Record<string, string>; dispose(): Promise<void> };
  let env: NodeJS.ProcessEnv;
  let url: string;
  let child: ChildProcess | null = null;
  let log = '';
  let dir: string;

  const start = async () => {
    log = '';
    child = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    await until(
      'the service to listen',
      async () => ((await request(url).get('/health')).status === 200 ? true : undefined),
      60_000,
    );
  };
  const stop = async (signal: NodeJS.Signals): Promise<number> => {
    const c = child;
    if (!c || c.exitCode !== null) return 0;
    const started = Date.now();
    await new Promise((resolve) => {
      c.once('exit', resolve);
      c.kill(signal);
      if (signal !== 'SIGKILL') setTimeout(() => c.kill('SIGKILL'), 10_000).unref();
    });
    child = null;
    return Date.now() - started;
  };

  beforeAll(async () => {
    execFileSync(process.execPath, [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-restart-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    env = { ...process.env, ...store.env, PORT: String(port), LOG_LEVEL: 'log', UPLOAD_LIMIT: '50mb' };
  }, 180_000);

  afterAll(async () => {
    await stop('SIGTERM');
    await store?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('resumes after a restart and ends done with every row screened or rejected exactly once', async () => {
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    const token = cli('users', 'create', 'restart-test', '--role', 'park-admin', '--park', 'park-r')
      .trim()
      .split('\n')
      .pop()!;
    const auth = { Authorization: `Bearer ${token}` };
    const file = path.join(dir, 'tenants.csv');
    const info = writeSyntheticTenantCsv(file, { rows: ROWS, badEvery: BAD_EVERY, seed: 11 });

    await start();
    const { id } = (await request(url).post('/api/screenings').set(auth).attach('file', file).expect(202)).body as {
      id: string;
    };
    const status = () =>
      request(url)
        .get(`/api/screenings/${id}`)
        .set(auth)
        .then((r) => r.body);

    // Kill -9 once some batches are committed and most are not.
    const before = await until('the screening to be part-way', async () => {
      const s = await status();
      return s.status === 'running' && s.processed >= 1000 ? s : undefined;
    });
    await stop('SIGKILL');
    expect(before.processed).toBeLessThan(ROWS);

    await start();
    const after = await until('the resumed screening to finish', async () => {
      const s = await status();
      return s.status === 'done' || s.status === 'failed' ? s : undefined;
    });
    expect(log).toContain(`resuming screening ${id}`);
    expect(after).toMatchObject({
      status: 'done',
      total: ROWS,
      processed: ROWS,
      rejectedRows: info.badRows.length,
      screened: ROWS - info.badRows.length,
    });

    const results = (await request(url).get(`/api/screenings/${id}/results?format=json`).set(auth).expect(200)).body;
    const rejected = (await request(url).get(`/api/screenings/${id}/rejected?format=json`).set(auth).expect(200)).body
      .rejected;
    const screenedRows: number[] = results.tenants.map((t: { rowNumber: number }) => t.rowNumber);
    const rejectedRows: number[] = rejected.map((r: { rowNumber: number }) => r.rowNumber);
    expect(new Set(screenedRows).size).toBe(screenedRows.length);
    expect(rejectedRows).toEqual(info.badRows.map((b) => b.rowNumber));
    const all = [...screenedRows, ...rejectedRows].sort((a, b) => a - b);
    expect(all).toEqual(Array.from({ length: ROWS }, (_, i) => i + 2));
    expect(results.tenants.map((t: { creditCode: string }) => t.creditCode)).toEqual(info.goodCreditCodes);
  }, 240_000);

  it('stops within 10 s on SIGTERM mid-screening and resumes after the restart, every row exactly once', async () => {
    const cli = (...args: string[]) =>
      execFileSync(process.execPath, ['dist/apps/cli/src/main.js', ...args], { cwd: ROOT, env, encoding: 'utf8' });
    const token = cli('users', 'create', 'sigterm-test', '--role', 'park-admin', '--park', 'park-s')
      .trim()
      .split('\n')
      .pop()!;
    const auth = { Authorization: `Bearer ${token}` };
    const file = path.join(dir, 'tenants-sigterm.csv');
    const info = writeSyntheticTenantCsv(file, { rows: ROWS, badEvery: BAD_EVERY, seed: 12 });

    await stop('SIGTERM'); // the service the previous test left running
    await start();
    const { id } = (await request(url).post('/api/screenings').set(auth).attach('file', file).expect(202)).body as {
      id: string;
    };
    const status = () =>
      request(url)
        .get(`/api/screenings/${id}`)
        .set(auth)
        .then((r) => r.body);
    await until('the screening to run', async () => ((await status()).status === 'running' ? true : undefined));
    const shutdownMs = await stop('SIGTERM');
    console.log(`SIGTERM mid-screening: the service exited after ${shutdownMs} ms`);
    expect(shutdownMs).toBeLessThan(10_000);

    await start();
    const after = await until('the resumed screening to finish', async () => {
      const s = await status();
      return s.status === 'done' || s.status === 'failed' ? s : undefined;
    });
    expect(after).toMatchObject({
      status: 'done',
      total: ROWS,
      processed: ROWS,
      rejectedRows: info.badRows.length,
      screened: ROWS - info.badRows.length,
    });
    const results = (await request(url).get(`/api/screenings/${id}/results?format=json`).set(auth).expect(200)).body;
    const screenedRows: number[] = results.tenants.map((t: { rowNumber: number }) => t.rowNumber);
    expect(new Set(screenedRows).size).toBe(ROWS - info.badRows.length);
  }, 240_000);
});
