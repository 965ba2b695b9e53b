import * as fs from 'node:fs';
import * as path from 'node:path';
import request from 'supertest';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp, TEST_DBS } from '../support/test-app';

/**
 * CONTRACT §3 "Access", row by row: every permitted action and every denial, over HTTP, on both stores.
 * Users are created through UsersService, the same service `npm run cli -- users create` uses.
 */
const PROFILE = {
  name: '深圳某仪器有限公司',
  city: 'shenzhen',
  clusters: ['precision-instruments'],
  qualifications: ['key-backbone'],
  revenue: 200_000_000,
  rdExpense: 15_000_000,
  parkId: 'park-a',
};
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const TENANTS_CSV =
  'creditCode,name,city,clusters,qualifications,revenue,rdExpense\n' +
  '91440300MA5FUTURE1,某仪器公司,shenzhen,precision-instruments,key-backbone,200000000,15000000\n';
/** The screenings endpoints belong to the batch screening feature; these rows run once it is in the tree. */
const screeningsExist = fs.existsSync(path.join(__dirname, '../../apps/api/src/screenings/screenings.controller.ts'));

describe.each(TEST_DBS)('who sees what on %s', (db) => {
  let sut: TestApp;
  const token: Record<'admin' | 'caseworker' | 'parkA' | 'parkB' | 'revoked', string> = {} as never;
  let submission: { id: string; receiptToken: string };
  let reviewId: string;

  const api = () => request(sut.url);
  const bearer = (who: keyof typeof token) => ({ Authorization: `Bearer ${token[who]}` });

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    token.admin = (await users.create({ name: 'admin', role: 'admin' })).token;
    token.caseworker = (await users.create({ name: '王审核', role: 'caseworker' })).token;
    token.parkA = (await users.create({ name: 'park-a admin', role: 'park-admin', parkId: 'park-a' })).token;
    token.parkB = (await users.create({ name: 'park-b admin', role: 'park-admin', parkId: 'park-b' })).token;
    token.revoked = (await users.create({ name: 'gone', role: 'caseworker' })).token;
    await users.revoke('gone');
    // An application opens a case: only then is there review work to guard.
    const application = { measureIds: ['k895-rd-super-deduction'], contact: { name: '张经理', phone: '13800138000' } };
    submission = (await api().post('/api/submissions').send({ profile: PROFILE, application }).expect(201)).body;
    reviewId = (await api().get('/api/reviews').set(bearer('caseworker')).expect(200)).body.items[0].id;
  });
  afterAll(async () => {
    await sut?.close();
  });

  describe('the anonymous company', () => {
    it('may match a profile without a token', async () => {
      await api().post('/api/match').send(PROFILE).expect(200);
    });

    it('may save a submission and gets unguessable ids (UUID v4) and a receipt token', async () => {
      expect(submission.id).toMatch(UUID);
      expect(submission.receiptToken.length).toBeGreaterThanOrEqual(32);
      expect(reviewId).toMatch(UUID);
    });

    it('reads its submission back with the receipt token, and gets 404 without it or with a wrong one', async () => {
      await api().get(`/api/submissions/${submission.id}`).set('X-Receipt-Token', submission.receiptToken).expect(200);
      await api().get(`/api/submissions/${submission.id}`).expect(404);
      await api().get(`/api/submissions/${submission.id}`).set('X-Receipt-Token', 'x'.repeat(32)).expect(404);
    });

    it('is refused the review queue, a match detail and decisions with 401', async () => {
      await api().get('/api/reviews').expect(401);
      await api().get(`/api/reviews/${reviewId}`).expect(401);
      await api().post(`/api/reviews/${reviewId}/decisions`).send({ decision: 'confirmed', comment: 'x' }).expect(401);
      await api().get('/api/decisions').expect(401);
    });

    it('is refused users with 401', async () => {
      await api().get('/api/users').expect(401);
      await api().post('/api/users').send({ name: 'me', role: 'admin' }).expect(401);
    });

    it('gets 401 for a malformed, unknown or revoked token, even on a public route', async () => {
      await api().post('/api/match').set('Authorization', 'Bearer nonsense').send(PROFILE).expect(401);
      await api()
        .get('/api/reviews')
        .set('Authorization', `Bearer ${UNKNOWN_ID}.${'A'.repeat(43)}`)
        .expect(401);
      await api()
        .get('/api/reviews')
        .set('Authorization', `Bearer ${token.caseworker.split('.')[0]}.${'A'.repeat(43)}`)
        .expect(401);
      await api().get('/api/reviews').set(bearer('revoked')).expect(401);
      await api().get('/api/reviews').set('Authorization', 'Basic abc').expect(401);
    });
  });

  describe('a park-admin', () => {
    it("cannot read a company's submission without its receipt: 404 like an unknown id", async () => {
      await api().get(`/api/submissions/${submission.id}`).set(bearer('parkA')).expect(404);
    });

    it('is refused the review queue, details, decisions and the export with 403', async () => {
      await api().get('/api/reviews').set(bearer('parkA')).expect(403);
      await api().get(`/api/reviews/${reviewId}`).set(bearer('parkA')).expect(403);
      await api()
        .post(`/api/reviews/${reviewId}/decisions`)
        .set(bearer('parkA'))
        .send({ decision: 'confirmed', comment: 'x' })
        .expect(403);
      await api().get('/api/decisions').set(bearer('parkA')).expect(403);
    });

    it('is refused users with 403', async () => {
      await api().get('/api/users').set(bearer('parkA')).expect(403);
    });
  });

  describe('a caseworker', () => {
    it('reads every submission without a receipt', async () => {
      const res = await api().get(`/api/submissions/${submission.id}`).set(bearer('caseworker')).expect(200);
      expect(res.body.profile).toEqual(PROFILE);
      await api().get(`/api/submissions/${UNKNOWN_ID}`).set(bearer('caseworker')).expect(404);
    });

    it('reads the review queue and a match detail', async () => {
      const queue = await api().get('/api/reviews?status=pending').set(bearer('caseworker')).expect(200);
      expect(queue.body.total).toBeGreaterThan(0);
      await api().get(`/api/reviews/${reviewId}`).set(bearer('caseworker')).expect(200);
    });

    it('records a decision and exports decisions', async () => {
      await api()
        .post(`/api/reviews/${reviewId}/decisions`)
        .set(bearer('caseworker'))
        .send({ decision: 'needs-info', comment: '请补充研发费用专项审计报告' })
        .expect(201);
      await api().get('/api/decisions?format=csv').set(bearer('caseworker')).expect(200);
    });

    it('is refused users with 403', async () => {
      await api().get('/api/users').set(bearer('caseworker')).expect(403);
      await api().post('/api/users').set(bearer('caseworker')).send({ name: 'x', role: 'admin' }).expect(403);
    });
  });

  describe('an admin', () => {
    it('lists, creates and revokes users; the new token works at once and stops at once', async () => {
      const list = await api().get('/api/users').set(bearer('admin')).expect(200);
      expect(list.body.map((u: { name: string }) => u.name)).toEqual(
        expect.arrayContaining(['admin', '王审核', 'park-a admin']),
      );
      expect(JSON.stringify(list.body)).not.toMatch(/token|argon2/i);
      const created = await api()
        .post('/api/users')
        .set(bearer('admin'))
        .send({ name: '李审核', role: 'caseworker' })
        .expect(201);
      const fresh = { Authorization: `Bearer ${created.body.token}` };
      await api().get('/api/reviews').set(fresh).expect(200);
      await api().post(`/api/users/${created.body.user.id}/revoke`).set(bearer('admin')).expect(200);
      await api().get('/api/reviews').set(fresh).expect(401);
    });

    it('is told what is wrong with a bad user: 400 naming the field, 409 for a taken name', async () => {
      const bad = await api()
        .post('/api/users')
        .set(bearer('admin'))
        .send({ name: 'p', role: 'park-admin' })
        .expect(400);
      expect(Object.keys(bad.body.errors)).toEqual(['parkId']);
      const role = await api().post('/api/users').set(bearer('admin')).send({ name: 'p', role: 'root' }).expect(400);
      expect(Object.keys(role.body.errors)).toEqual(['role']);
      await api().post('/api/users').set(bearer('admin')).send({ name: 'admin', role: 'admin' }).expect(409);
    });

    it('is refused reviews (403) and submissions without a receipt (404)', async () => {
      await api().get('/api/reviews').set(bearer('admin')).expect(403);
      await api()
        .post(`/api/reviews/${reviewId}/decisions`)
        .set(bearer('admin'))
        .send({ decision: 'confirmed', comment: 'x' })
        .expect(403);
      await api().get(`/api/submissions/${submission.id}`).set(bearer('admin')).expect(404);
    });
  });

  describe('revocation', () => {
    it('stops a token on the very next request, though it was just verified and cached', async () => {
      const users = sut.app.get(UsersService);
      const { token: t } = await users.create({ name: 'short-lived', role: 'caseworker' });
      await api().get('/api/reviews').set('Authorization', `Bearer ${t}`).expect(200);
      await users.revoke('short-lived');
      await api().get('/api/reviews').set('Authorization', `Bearer ${t}`).expect(401);
    });
  });

  it("answers 30 concurrent wrong secrets for a real user's id with 401, then 429 past the limit of token checks", async () => {
    const forged = `Bearer ${token.caseworker.split('.')[0]}.${'B'.repeat(43)}`;
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => api().get('/api/reviews').set('Authorization', forged)),
    );
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10); // CREDENTIAL_THROTTLE_LIMIT
    await api().get('/api/reviews').set(bearer('caseworker')).expect(200);
  });

  describe('the web session (cookie)', () => {
    const signIn = (t: string) => api().post('/api/session').set('X-Requested-With', 'fetch').send({ token: t });
    const cookieOf = (res: request.Response) => (res.headers['set-cookie'] as unknown as string[])[0].split(';')[0];

    it('sets an HttpOnly, SameSite=Strict cookie for a valid token and refuses a bad one', async () => {
      const res = await signIn(token.caseworker).expect(200);
      expect(res.body).toMatchObject({ name: '王审核', role: 'caseworker' });
      expect(res.headers['set-cookie'][0]).toMatch(
        /^gdpm_session=.+; Max-Age=28800; Path=\/; Expires=.+; HttpOnly; SameSite=Strict$/,
      );
      await signIn('nonsense').expect(401);
      await signIn(token.revoked).expect(401);
    });

    it('refuses sign-in without the X-Requested-With header (login CSRF)', async () => {
      await api().post('/api/session').send({ token: token.caseworker }).expect(403);
    });

    it('reads with the cookie, but changes state only with the X-Requested-With header and a same-origin Origin', async () => {
      const cookie = cookieOf(await signIn(token.caseworker).expect(200));
      await api().get('/api/reviews').set('Cookie', cookie).expect(200);
      await api().get('/api/session').set('Cookie', cookie).expect(200);
      const decide = () =>
        api()
          .post(`/api/reviews/${reviewId}/decisions`)
          .set('Cookie', cookie)
          .send({ decision: 'confirmed', comment: '材料齐全' });
      await decide().expect(403);
      await decide().set('X-Requested-With', 'fetch').set('Origin', 'https://evil.example').expect(403);
      await decide().set('X-Requested-With', 'fetch').set('Origin', sut.url).expect(201);
    });

    it('lets a signed-in browser use the company form: a cookie without the header is ignored on public routes', async () => {
      const cookie = cookieOf(await signIn(token.caseworker).expect(200));
      await api().post('/api/match').set('Cookie', cookie).send(PROFILE).expect(200);
      await api().post('/api/match').set('Cookie', 'gdpm_session=stale').send(PROFILE).expect(200);
    });

    it('signs out by clearing the cookie; a park-admin cookie still cannot reach reviews', async () => {
      const out = await api().delete('/api/session').expect(204);
      expect(out.headers['set-cookie'][0]).toMatch(/^gdpm_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
      await api().get('/api/session').expect(401);
      const park = cookieOf(await signIn(token.parkA).expect(200));
      await api().get('/api/reviews').set('Cookie', park).expect(403);
    });
  });

  it('sends Helmet security headers with a self-only script policy on pages and API alike', async () => {
    for (const res of [await api().get('/health'), await api().get('/')]) {
      expect(res.headers['content-security-policy']).toContain("script-src 'self'");
      expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  it('answers a non-UUID id with 400, before any lookup', async () => {
    await api().get('/api/reviews/1').set(bearer('caseworker')).expect(400);
    await api().get('/api/submissions/1').expect(400);
  });

  (screeningsExist ? describe : describe.skip)("screenings (tenants' financial data)", () => {
    let screeningA: string;
    const upload = (who?: keyof typeof token) => {
      const req = api().post('/api/screenings').attach('file', Buffer.from(TENANTS_CSV), 'tenants.csv');
      return who ? req.set(bearer(who)) : req;
    };

    beforeAll(async () => {
      screeningA = (await upload('parkA').expect(202)).body.id;
      for (let i = 0; i < 100; i++) {
        const { body } = await api().get(`/api/screenings/${screeningA}`).set(bearer('parkA')).expect(200);
        if (body.status === 'done' || body.status === 'failed') break;
        await new Promise((r) => setTimeout(r, 100));
      }
    });

    it('a park-admin creates a screening of its own park and reads it and its results', async () => {
      expect(screeningA).toMatch(UUID);
      const status = await api().get(`/api/screenings/${screeningA}`).set(bearer('parkA')).expect(200);
      expect(status.body).toMatchObject({ status: 'done', processed: 1, total: 1, rejectedRows: 0 });
      const results = await api()
        .get(`/api/screenings/${screeningA}/results?format=csv`)
        .set(bearer('parkA'))
        .expect(200);
      expect(results.text).toContain('某仪器公司');
    });

    it('a park-admin cannot file a screening under another park', async () => {
      await upload('parkA').field('parkId', 'park-b').expect(403);
    });

    it("another park's admin gets 404 for it, exactly as for an unknown id", async () => {
      const other = await api().get(`/api/screenings/${screeningA}`).set(bearer('parkB')).expect(404);
      const unknown = await api().get(`/api/screenings/${UNKNOWN_ID}`).set(bearer('parkB')).expect(404);
      expect(other.body).toEqual(unknown.body);
      await api().get(`/api/screenings/${screeningA}/results`).set(bearer('parkB')).expect(404);
      await api().get(`/api/screenings/${screeningA}/rejected`).set(bearer('parkB')).expect(404);
    });

    it("a caseworker reads every park's screening and its results, but cannot start one", async () => {
      await api().get(`/api/screenings/${screeningA}`).set(bearer('caseworker')).expect(200);
      await api().get(`/api/screenings/${screeningA}/results?format=csv`).set(bearer('caseworker')).expect(200);
      await api().get(`/api/screenings/${screeningA}/rejected?format=csv`).set(bearer('caseworker')).expect(200);
      await upload('caseworker').expect(403);
    });

    it("a park-admin lists only its own park's screenings", async () => {
      const mine = await api().get('/api/screenings').set(bearer('parkA')).expect(200);
      expect(mine.body.map((s: { id: string }) => s.id)).toContain(screeningA);
      const theirs = await api().get('/api/screenings').set(bearer('parkB')).expect(200);
      expect(theirs.body.map((s: { id: string }) => s.id)).not.toContain(screeningA);
    });

    it('the anonymous company gets 401 and an admin 403', async () => {
      await upload().expect(401);
      await api().get(`/api/screenings/${screeningA}`).expect(401);
      await api().get(`/api/screenings/${screeningA}/results`).expect(401);
      await api().get('/api/screenings').expect(401);
      await upload('admin').expect(403);
      await api().get(`/api/screenings/${screeningA}`).set(bearer('admin')).expect(403);
      await api().get('/api/screenings').set(bearer('admin')).expect(403);
    });
  });
});

describe.each(TEST_DBS)('abuse limits on %s', (db) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ db, env: { THROTTLE_LIMIT: '3', THROTTLE_TTL_SECONDS: '60', UPLOAD_LIMIT: '1kb' } });
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('rate-limits each anonymous endpoint per client (429 after THROTTLE_LIMIT) but not signed-in routes', async () => {
    for (let i = 0; i < 3; i++) await request(sut.url).post('/api/match').send({}).expect(200);
    const limited = await request(sut.url).post('/api/match').send({}).expect(429);
    expect(typeof limited.body.message).toBe('string');
    for (let i = 0; i < 3; i++) await request(sut.url).post('/api/submissions').send({ profile: {} }).expect(201);
    await request(sut.url).post('/api/submissions').send({ profile: {} }).expect(429);
    for (let i = 0; i < 3; i++)
      await request(sut.url)
        .get(`/api/submissions/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)
        .expect(404);
    await request(sut.url)
      .get(`/api/submissions/${'0'.repeat(8)}-0000-4000-8000-${'0'.repeat(12)}`)
      .expect(429);
    const { token } = await sut.app.get(UsersService).create({ name: 'cw', role: 'caseworker' });
    for (let i = 0; i < 5; i++)
      await request(sut.url).get('/api/reviews').set('Authorization', `Bearer ${token}`).expect(200);
  });

  it('refuses an upload over UPLOAD_LIMIT with 413 before reading it', async () => {
    const res = await request(sut.url)
      .post('/api/screenings')
      .attach('file', Buffer.alloc(4096, 'a'), 'big.csv')
      .expect(413);
    expect(res.body.message).toMatch(/upload too large/);
  });
});
