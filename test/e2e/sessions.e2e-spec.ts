import { createHash } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { SessionEntity } from '../../apps/api/src/auth/entities/session.entity';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp, TEST_DBS } from '../support/test-app';

/** Web sessions (issue 12 item 7): stored server-side with an id and an expiry; the cookie holds the id. */
const cookieOf = (res: request.Response) => (res.headers['set-cookie'] as unknown as string[])[0];
const valueOf = (setCookie: string) => setCookie.split(';')[0];
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

describe.each(TEST_DBS)('web sessions on %s', (db) => {
  let sut: TestApp;
  let token: string;
  const api = () => request(sut.url);
  const signIn = (t = token) => api().post('/api/session').set('X-Requested-With', 'fetch').send({ token: t });
  const sessions = () => sut.app.get(DataSource).getRepository(SessionEntity);

  beforeAll(async () => {
    sut = await startTestApp({ db, env: { SESSION_TTL: '3600' } });
    token = (await sut.app.get(UsersService).create({ name: '王审核', role: 'caseworker' })).token;
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('puts a session id in the cookie, never the token, and stores the session by its hash with an expiry', async () => {
    const before = Date.now();
    const setCookie = cookieOf(await signIn().expect(200));
    const sessionId = valueOf(setCookie).slice('gdpm_session='.length);
    expect(setCookie).toMatch(/; Max-Age=3600; /);
    expect(sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(setCookie).not.toContain(token.split('.')[1]);
    const row = await sessions().findOneByOrFail({ id: sha256(sessionId) });
    expect(row.userId).toBe(token.split('.')[0]);
    const expires = Date.parse(row.expiresAt);
    expect(expires).toBeGreaterThanOrEqual(before + 3600_000 - 1000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 3600_000 + 1000);
    expect(JSON.stringify(await sessions().find())).not.toContain(sessionId);
  });

  it('ends the session server-side on sign-out: replaying the old cookie gets 401', async () => {
    const cookie = valueOf(cookieOf(await signIn().expect(200)));
    await api().get('/api/session').set('Cookie', cookie).expect(200);
    await api().get('/api/reviews').set('Cookie', cookie).expect(200);
    const out = await api().delete('/api/session').set('Cookie', cookie).expect(204);
    expect(cookieOf(out)).toMatch(/^gdpm_session=; Path=\/; Expires=Thu, 01 Jan 1970/);
    const replay = await api().get('/api/session').set('Cookie', cookie).expect(401);
    expect(replay.body.code).toBe('session-ended');
    await api().get('/api/reviews').set('Cookie', cookie).expect(401);
  });

  it('refuses an expired session, a raw token in the cookie, and the session of a revoked user', async () => {
    const cookie = valueOf(cookieOf(await signIn().expect(200)));
    const id = sha256(cookie.slice('gdpm_session='.length));
    await sessions().update({ id }, { expiresAt: '2020-01-01T00:00:00.000Z' });
    await api().get('/api/session').set('Cookie', cookie).expect(401);
    await api().get('/api/session').set('Cookie', `gdpm_session=${token}`).expect(401);

    const users = sut.app.get(UsersService);
    const other = (await users.create({ name: 'soon-gone', role: 'caseworker' })).token;
    const theirs = valueOf(cookieOf(await signIn(other).expect(200)));
    await api().get('/api/session').set('Cookie', theirs).expect(200);
    await users.revoke('soon-gone');
    await api().get('/api/session').set('Cookie', theirs).expect(401);
  });

  it('keeps sessions apart: signing out one browser leaves the other signed in', async () => {
    const a = valueOf(cookieOf(await signIn().expect(200)));
    const b = valueOf(cookieOf(await signIn().expect(200)));
    expect(a).not.toBe(b);
    await api().delete('/api/session').set('Cookie', a).expect(204);
    await api().get('/api/session').set('Cookie', a).expect(401);
    await api().get('/api/session').set('Cookie', b).expect(200);
  });

  it('does not mark the cookie Secure on plain HTTP, nor trust X-Forwarded-Proto without TRUST_PROXY', async () => {
    expect(cookieOf(await signIn().expect(200))).not.toMatch(/;\s*Secure/i);
    expect(cookieOf(await signIn().set('X-Forwarded-Proto', 'https').expect(200))).not.toMatch(/;\s*Secure/i);
  });
});

describe('web sessions behind a TLS-terminating proxy (TRUST_PROXY)', () => {
  let sut: TestApp;
  let token: string;
  const signIn = () => request(sut.url).post('/api/session').set('X-Requested-With', 'fetch').send({ token });

  beforeAll(async () => {
    sut = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
    token = (await sut.app.get(UsersService).create({ name: 'cw', role: 'caseworker' })).token;
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('marks the cookie Secure when the proxy says the request came over HTTPS (X-Forwarded-Proto), and on sign-out', async () => {
    const res = await signIn().set('X-Forwarded-Proto', 'https').set('X-Forwarded-For', '203.0.113.7').expect(200);
    expect(cookieOf(res)).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
    const out = await request(sut.url)
      .delete('/api/session')
      .set('Cookie', valueOf(cookieOf(res)))
      .set('X-Forwarded-Proto', 'https')
      .expect(204);
    expect(cookieOf(out)).toMatch(/; Secure/);
  });

  it('marks it Secure under TRUST_PROXY even when the proxy forgets X-Forwarded-Proto', async () => {
    expect(cookieOf(await signIn().expect(200))).toMatch(/; Secure/);
  });
});

describe('the API description', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut?.close();
  });

  it('documents 429 on every route that may answer 401 (signed-in routes are rate-limited too)', async () => {
    const spec = (await request(sut.url).get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const missing: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths))
      for (const [method, op] of Object.entries(ops))
        if (op.responses['401'] && !op.responses['429']) missing.push(`${method.toUpperCase()} ${path}`);
    expect(missing).toEqual([]);
  });
});
