import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp } from '../support/test-app';

/** Prints how many review items a screening of the reference population creates (measurement, not a check). */
it('measures review items created by a screening', async () => {
  const sut = await startTestApp({ db: 'sqlite' });
  try {
    const token = (await sut.app.get(UsersService).create({ name: 'p', role: 'park-admin', parkId: 'park-m' })).token;
    const file = fs.readFileSync(path.join(__dirname, '../../fixtures/populations/reference.csv'));
    const { id } = (
      await request(sut.url).post('/api/screenings').set('Authorization', `Bearer ${token}`).attach('file', file, 'r.csv')
    ).body;
    let s: { status: string; processed: number } = { status: 'queued', processed: 0 };
    for (let i = 0; i < 600 && s.status !== 'done' && s.status !== 'failed'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      s = (await request(sut.url).get(`/api/screenings/${id}`).set('Authorization', `Bearer ${token}`)).body;
    }
    const ds = sut.app.get(DataSource);
    const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM review_items');
    console.log(`MEASURE screening ${s.status}, rows processed ${s.processed}, review_items ${n}`);
  } finally {
    await sut.close();
  }
}, 180_000);
