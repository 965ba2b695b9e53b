import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { writeSyntheticTenantCsv } from '@app/batch';
import { buildOnce, freePort, parkAdminToken, ServiceProcess, startService, until } from '../support/service-process';
import { createPgSchema, createSqliteFile, TEST_DBS, TestDb } from '../support/test-app';
import { blankRowBomb, sharedStringsBomb, truncatedSheet } from '../support/xlsx-bombs';

/**
 * Issue 14: no upload can stall the screenings. The service runs as a child process with its default caps, so its
 * peak RSS can be read; park A sends bombs and a large file, park B a small file meanwhile. Prints the figures.
 */
const GB = 1_100_000_000;
const BIG_ROWS = 6_000;

describe.each(TEST_DBS)('hostile and large uploads on %s', (db: TestDb) => {
  let store: { dispose(): Promise<void>; env: Record<string, string> };
  let service: ServiceProcess | null = null;
  let url: string;
  let dir: string;
  let parkA: Record<string, string>;
  let parkB: Record<string, string>;

  beforeAll(async () => {
    buildOnce();
    store = db === 'postgres' ? await createPgSchema() : createSqliteFile();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-bombs-'));
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env = { ...process.env, ...store.env, PORT: String(port), LOG_LEVEL: 'warn', THROTTLE_LIMIT: '100000' };
    parkA = { Authorization: `Bearer ${parkAdminToken(env, 'bombs-a', 'park-a')}` };
    parkB = { Authorization: `Bearer ${parkAdminToken(env, 'bombs-b', 'park-b')}` };
    service = await startService(env, url);
  }, 180_000);

  afterAll(async () => {
    await service?.stop('SIGTERM');
    await store?.dispose();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const upload = (auth: Record<string, string>, file: string) =>
    request(url).post('/api/screenings').set(auth).attach('file', file);
  const status = (auth: Record<string, string>, id: string) =>
    request(url)
      .get(`/api/screenings/${id}`)
      .set(auth)
      .then((r) => r.body as { status: string; error: string | null; processed: number; total: number | null });
  const ended = async (auth: Record<string, string>, id: string, timeoutMs = 120_000) => {
    let last: unknown;
    try {
      return await until(
        `screening ${id} to end`,
        async () => {
          const s = await status(auth, id);
          last = s;
          return s.status === 'done' || s.status === 'failed' ? s : undefined;
        },
        timeoutMs,
      );
    } catch (e) {
      throw new Error(`${(e as Error).message}; last seen ${JSON.stringify(last)?.slice(0, 300)}\n${service?.log()}`, {
        cause: e,
      });
    }
  };

  it('refuses each bomb within 10 s under 500 MB while another park’s small screening finishes meanwhile', async () => {
    const files = {
      blankHonest: path.join(dir, 'blank-rows.xlsx'),
      blankLying: path.join(dir, 'blank-rows-lying.xlsx'),
      stringsHonest: path.join(dir, 'shared-strings.xlsx'),
      stringsLying: path.join(dir, 'shared-strings-lying.xlsx'),
      small: path.join(dir, 'small.csv'),
    };
    blankRowBomb(files.blankHonest, GB);
    blankRowBomb(files.blankLying, GB, { declaredSize: 4096 });
    sharedStringsBomb(files.stringsHonest, GB);
    sharedStringsBomb(files.stringsLying, GB, { declaredSize: 4096 });
    writeSyntheticTenantCsv(files.small, { rows: 20, seed: 4 });
    const figures: Record<string, string> = {};
    const sizeMb = (f: string) => (fs.statSync(f).size / 1024 / 1024).toFixed(1);

    // A blank-row bomb that lies about its size passes the upload's header check; the runner's row count refuses it.
    const bombStart = Date.now();
    const bomb = (await upload(parkA, files.blankLying).expect(202)).body.id as string;
    const smallStart = Date.now();
    const small = (await upload(parkB, files.small).expect(202)).body.id as string;

    const smallEnd = await ended(parkB, small, 30_000);
    const smallWait = Date.now() - smallStart;
    expect(smallEnd).toMatchObject({ status: 'done', processed: 20 });
    figures['park B small file (20 rows) beside the bomb: upload to done'] = `${smallWait} ms`;

    const bombEnd = await ended(parkA, bomb, 60_000);
    const bombMs = Date.now() - bombStart;
    expect(bombEnd).toMatchObject({ status: 'failed', processed: 0 });
    expect(bombEnd.error).toContain('MAX_SCREENING_ROWS');
    figures[`blank-row bomb, sizes lie (${sizeMb(files.blankLying)} MB -> 1.1 GB): upload to failed`] = `${bombMs} ms`;

    // Refused at the upload itself: declared sizes over the caps, or shared strings counted while inflating.
    for (const [name, file] of [
      ['blank-row bomb, honest sizes', files.blankHonest],
      ['shared-strings bomb, honest sizes', files.stringsHonest],
      ['shared-strings bomb, sizes lie', files.stringsLying],
    ] as const) {
      const t = Date.now();
      const res = await upload(parkA, file).expect(400);
      const ms = Date.now() - t;
      expect(res.body.errors.file[0]).toMatch(/MAX_XLSX_BYTES|MAX_XLSX_SHARED_STRINGS_BYTES/);
      figures[`${name} (${sizeMb(file)} MB -> 1.1 GB): refused at upload`] = `${ms} ms`;
      expect(ms).toBeLessThan(10_000);
    }
    const peak = service!.peakRssMb();
    figures['service peak RSS (VmHWM) so far'] = `${peak.toFixed(0)} MB`;
    console.log(
      `[${db}] bombs\n${Object.entries(figures)
        .map(([k, v]) => `  ${k}: ${v}`)
        .join('\n')}`,
    );

    expect(bombMs).toBeLessThan(10_000);
    expect(smallWait).toBeLessThan(10_000);
    expect(peak).toBeLessThan(500);
  }, 300_000);

  it('runs parks in turn: park B’s small file is done within seconds while park A’s large file and bomb wait', async () => {
    const big = path.join(dir, 'big.csv');
    const bomb = path.join(dir, 'blank-rows-lying-2.xlsx');
    const small = path.join(dir, 'small-2.csv');
    writeSyntheticTenantCsv(big, { rows: BIG_ROWS, seed: 3 });
    blankRowBomb(bomb, GB, { declaredSize: 4096 });
    writeSyntheticTenantCsv(small, { rows: 20, seed: 5 });
    const t0 = Date.now();
    const bigId = (await upload(parkA, big).expect(202)).body.id as string;
    const bombId = (await upload(parkA, bomb).expect(202)).body.id as string;
    const smallStart = Date.now();
    const smallId = (await upload(parkB, small).expect(202)).body.id as string;
    await expect(ended(parkB, smallId, 30_000)).resolves.toMatchObject({ status: 'done', processed: 20 });
    const smallWait = Date.now() - smallStart;
    const bigWhenSmallDone = await status(parkA, bigId);
    expect(bigWhenSmallDone.status).toBe('running'); // the large file was still going: B did not wait for it
    await expect(ended(parkA, bigId, 300_000)).resolves.toMatchObject({ status: 'done', processed: BIG_ROWS });
    const bigMs = Date.now() - t0;
    await expect(ended(parkA, bombId, 60_000)).resolves.toMatchObject({ status: 'failed' });
    console.log(
      `[${db}] fairness\n  park B small file behind park A's ${BIG_ROWS}-row file and bomb: upload to done ${smallWait} ms` +
        `\n  park A large file: upload to done ${bigMs} ms\n  service peak RSS (VmHWM) so far: ${service!.peakRssMb().toFixed(0)} MB`,
    );
    expect(smallWait).toBeLessThan(10_000);
  }, 400_000);

  it('fails a sheet cut inside row 7 of 10, naming the row, with no row stored', async () => {
    const file = path.join(dir, 'truncated.xlsx');
    const tenants = Array.from({ length: 10 }, (_, i) => ({
      creditCode: `91440300MA5F${1000 + i}X`,
      name: `企业${i}`,
    }));
    truncatedSheet(file, tenants, 7);
    const id = (await upload(parkA, file).expect(202)).body.id as string;
    const end = await ended(parkA, id, 30_000);
    expect(end).toMatchObject({ status: 'failed', processed: 0 });
    expect(end.error).toContain('the sheet XML ends inside row 7');
  }, 60_000);
});
