/**
 * Prints figures for the screening page's server side (nothing is asserted on time):
 * - progress: how many distinct `processed` values a client polling every 50 ms sees while a 500-row file is
 *   screened, and how long it takes;
 * - drill-downs on a 5,000-tenant screening: median of 5 requests each.
 *
 *   TZ=UTC npx jest --testRegex='screening-drilldown\.bench\.ts$'
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import request from 'supertest';
import { writeSyntheticTenantCsv } from '@app/batch';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TEST_DBS } from '../support/test-app';

describe.each(TEST_DBS)('screening page figures on %s', (db) => {
  it('prints progress and drill-down timings', async () => {
    const sut = await startTestApp({ db });
    const user = await sut.app.get(UsersService).create({ name: 'bench', role: 'park-admin', parkId: 'bench-park' });
    const auth = { Authorization: `Bearer ${user.token}` };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-bench-drill-'));
    const screen = async (rows: number) => {
      const file = path.join(dir, `${rows}.csv`);
      const info = writeSyntheticTenantCsv(file, { rows, badEvery: 0, seed: 9 });
      const started = Date.now();
      const created = await request(sut.url).post('/api/screenings').set(auth).attach('file', file).expect(202);
      const seen = new Set<number>();
      for (;;) {
        const s = (await request(sut.url).get(`/api/screenings/${created.body.id}`).set(auth).expect(200)).body;
        seen.add(s.processed);
        if (s.status === 'done') break;
        await new Promise((r) => setTimeout(r, 50));
      }
      return { id: created.body.id as string, info, ms: Date.now() - started, seen: seen.size };
    };
    const time = async (label: string, url: string) => {
      const runs: number[] = [];
      for (let i = 0; i < 5; i++) {
        const t0 = process.hrtime.bigint();
        await request(sut.url).get(url).set(auth).expect(200);
        runs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      runs.sort((a, b) => a - b);
      return `${label}: median ${runs[2].toFixed(1)} ms (min ${runs[0].toFixed(1)}, max ${runs[4].toFixed(1)})`;
    };
    const lines: string[] = [];
    const small = await screen(500);
    lines.push(`500 rows: done in ${small.ms} ms; ${small.seen} distinct progress values seen by a 50 ms poll`);
    const big = await screen(5000);
    lines.push(`5,000 rows: done in ${big.ms} ms; ${big.seen} distinct progress values seen`);
    const base = `/api/screenings/${big.id}`;
    lines.push(await time('tenant explanation', `${base}/tenants/2500`));
    lines.push(await time('measure tenants (eligible)', `${base}/measures/k895-rd-super-deduction/tenants`));
    const code = big.info.goodCreditCodes[4000];
    lines.push(await time('search by credit code', `${base}/results?format=json&limit=50&q=${code}`));
    lines.push(
      await time(
        'search by part of a name',
        `${base}/results?format=json&limit=50&q=${encodeURIComponent('企业3999')}`,
      ),
    );
    lines.push(await time('sort by estimate', `${base}/results?format=json&limit=50&sort=estimatedValue&order=desc`));
    console.log(`${db}\n  ${lines.join('\n  ')}`);
    await sut.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }, 900_000);
});
