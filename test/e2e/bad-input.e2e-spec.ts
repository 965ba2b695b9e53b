import { Logger } from '@nestjs/common';
import request from 'supertest';
import { RulePackService } from '../../apps/api/src/rule-pack/rule-pack.service';
import { ScreeningRunner } from '../../apps/api/src/screenings/screening-runner.service';
import { UsersService } from '../../apps/api/src/users/users.service';
import { startTestApp, TestApp, TEST_DBS } from '../support/test-app';

/**
 * Inputs that used to answer 500 or `{"errors":{"field":[null]}}`: each now gets a 400 naming the field, in words,
 * on both stores.
 */
describe.each(TEST_DBS)('bad input on %s: a 400 naming the field, never a 500', (db) => {
  let sut: TestApp;
  let admin: Record<string, string>;
  let parkAdmin: Record<string, string>;
  let caseworker: Record<string, string>;
  let screeningId: string;
  let logged: jest.SpyInstance;
  const api = () => request(sut.url);

  /** The CSV text of `rows` good tenants with a NUL byte in the name of row `nulRow` (1-based data row). */
  const tenantCsv = (rows: number, nulRow: number) =>
    [
      '企业名称,所在城市,营业收入',
      ...Array.from(
        { length: rows },
        (_, i) => `${i + 1 === nulRow ? '坏\u0000名' : `企业${i + 1}`},深圳,${1_000_000 + i}`,
      ),
    ].join('\n');

  async function finished(id: string): Promise<Record<string, unknown>> {
    for (let i = 0; i < 600; i++) {
      const res = await api().get(`/api/screenings/${id}`).set(parkAdmin).expect(200);
      if (res.body.status === 'done' || res.body.status === 'failed') return res.body;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`screening ${id} did not finish`);
  }

  /** Asserts a 400 whose errors name exactly `fields`, each with reasons in words (never null). */
  function expectNamed(res: request.Response, fields: string[]): void {
    expect({ status: res.status, fields: Object.keys(res.body.errors ?? {}).sort() }).toEqual({
      status: 400,
      fields: [...fields].sort(),
    });
    for (const reasons of Object.values(res.body.errors as Record<string, unknown[]>)) {
      expect(reasons.length).toBeGreaterThan(0);
      for (const r of reasons) expect(typeof r === 'string' && r.length > 0).toBe(true);
    }
  }

  beforeAll(async () => {
    sut = await startTestApp({ db });
    const users = sut.app.get(UsersService);
    admin = { Authorization: `Bearer ${(await users.create({ name: 'admin', role: 'admin' })).token}` };
    parkAdmin = {
      Authorization: `Bearer ${(await users.create({ name: 'park admin', role: 'park-admin', parkId: 'park-nul' })).token}`,
    };
    caseworker = { Authorization: `Bearer ${(await users.create({ name: 'caseworker', role: 'caseworker' })).token}` };
    // One NUL cell among 1,005 rows: the screening finishes with that row rejected (it used to fail on PostgreSQL after 1,000 rows).
    const created = await api()
      .post('/api/screenings')
      .set(parkAdmin)
      .attach('file', Buffer.from(tenantCsv(1005, 1003), 'utf8'), 'tenants.csv')
      .expect(202);
    screeningId = created.body.id;
    await sut.app.get(ScreeningRunner).idle();
  }, 120_000);
  afterAll(async () => {
    await sut?.close();
  });
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error');
  });
  afterEach(() => logged.mockRestore());

  it('screens a file with a NUL byte in one cell: that row is rejected with its reason, the other 1,004 are screened', async () => {
    expect(await finished(screeningId)).toMatchObject({
      status: 'done',
      total: 1005,
      processed: 1005,
      screened: 1004,
      rejectedRows: 1,
    });
    const rejected = await api().get(`/api/screenings/${screeningId}/rejected?format=json`).set(parkAdmin).expect(200);
    expect(rejected.body.rejected).toEqual([
      expect.objectContaining({
        rowNumber: 1004,
        errors: { name: ['企业名称含有控制字符（如 NUL），请删除'] },
      }),
    ]);
  });

  it('names format, limit, offset and page when they are wrong or out of range', async () => {
    expectNamed(await api().get(`/api/screenings/${screeningId}/rejected?format=pdf`).set(parkAdmin), ['format']);
    expectNamed(await api().get(`/api/screenings/${screeningId}/results?format=json&limit=abc`).set(parkAdmin), [
      'limit',
    ]);
    expectNamed(
      await api().get(`/api/screenings/${screeningId}/results?format=json&limit=10&offset=1e20`).set(parkAdmin),
      ['offset'],
    );
    expectNamed(await api().get('/api/reviews?page=99999999999999999999').set(caseworker), ['page']);
    const lastPage = await api()
      .get(`/api/screenings/${screeningId}/results?format=json&limit=10&offset=1000`)
      .set(parkAdmin)
      .expect(200);
    expect(lastPage.body.tenants).toHaveLength(4);
  });

  it('names parkId on an upload when it is too long, a list, or holds a NUL, and the file when its name holds one', async () => {
    const csv = Buffer.from(tenantCsv(2, 0), 'utf8');
    const upload = () => api().post('/api/screenings').set(parkAdmin).attach('file', csv, 'tenants.csv');
    expectNamed(await upload().field('parkId', 'p'.repeat(101)), ['parkId']);
    expectNamed(await upload().field('parkId[]', 'park-nul').field('parkId[]', 'other'), ['parkId']);
    expectNamed(await upload().field('parkId', 'park\u0000nul'), ['parkId']);
    // A NUL reaches the file name through RFC 5987 percent-encoding (a raw one is a malformed part header).
    const multipart = `--B\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''ten%00ants.csv\r\n\r\n${tenantCsv(2, 0)}\r\n--B--\r\n`;
    expectNamed(
      await api()
        .post('/api/screenings')
        .set(parkAdmin)
        .set('Content-Type', 'multipart/form-data; boundary=B')
        .send(multipart),
      ['file'],
    );
  });

  it('names the field holding a NUL or another control character, in a profile, a query or any other body', async () => {
    const match = await api().post('/api/match?lang=en').send({ name: '某\u0000公司', city: 'shenzhen' });
    expectNamed(match, ['name']);
    expect(match.body.errors.name).toEqual(['name (Name) contains a control character (such as NUL); remove it']);
    expectNamed(
      await api()
        .post('/api/submissions')
        .send({ profile: { parkId: 'p\u001b1' } }),
      ['parkId'],
    );
    expectNamed(await api().get('/api/reviews?park=%00').set(caseworker), ['park']);
    expectNamed(await api().post('/api/users').set(admin).send({ name: 'x\u0000y', role: 'caseworker' }), ['name']);
    const decision = await api()
      .post('/api/reviews/00000000-0000-4000-8000-000000000000/decisions')
      .set(caseworker)
      .send({ decision: 'confirmed', comment: 'ok\u0000' });
    expectNamed(decision, ['comment']);
  });

  it('refuses JSON nested 1,400 arrays deep (2.8 KB) with a 400 naming the field, and logs no stack for it', async () => {
    const deep = `{"clusters":${'['.repeat(1400)}${']'.repeat(1400)}}`;
    expect(deep.length).toBeLessThan(3000);
    const send = (path: string, body: string) => api().post(path).set('Content-Type', 'application/json').send(body);
    expectNamed(await send('/api/match', deep), ['clusters']);
    expectNamed(await send('/api/submissions', `{"profile":${deep}}`), ['profile.clusters']);
    expectNamed(await send('/api/users', deep).set(admin), ['clusters']);
    expect(logged).not.toHaveBeenCalled();
  });

  it('refuses __proto__ and constructor as unknown fields instead of dropping them', async () => {
    const raw = (path: string, body: string) => api().post(path).set('Content-Type', 'application/json').send(body);
    const match = await raw(
      '/api/match?lang=en',
      '{"__proto__":{"revenue":1},"constructor":{"name":"x"},"city":"shenzhen"}',
    );
    expectNamed(match, ['__proto__', 'constructor']);
    expect(match.body.errors.__proto__).toEqual(['__proto__ is not a profile field']);
    expectNamed(await raw('/api/submissions', '{"profile":{"constructor":1},"__proto__":{}}'), [
      'constructor',
      '__proto__',
    ]);
    expectNamed(await raw('/api/users', '{"name":"n","role":"caseworker","__proto__":{"role":"admin"}}').set(admin), [
      '__proto__',
    ]);
  });

  it('refuses revenue 1e308 naming revenue, rather than hinting "spend ∞ yuan"', async () => {
    const res = await api().post('/api/match?lang=en').send({ revenue: 1e308, rdExpense: 1 });
    expectNamed(res, ['revenue']);
    expect(res.body.errors.revenue).toEqual(['revenue (Revenue) must not be greater than 1,000,000,000,000,000']);
  });

  it('answers an unexpected failure with 500 and an error id, logged once with the id and the stack', async () => {
    const rules = sut.app.get(RulePackService);
    const spy = jest.spyOn(rules, 'matchWithLadder').mockImplementation(() => {
      throw new Error('the evaluator fell over');
    });
    try {
      const res = await api().post('/api/match').send({ city: 'shenzhen' }).expect(500);
      expect(res.body).toEqual({ message: 'internal error', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(logged).toHaveBeenCalledTimes(1);
      expect(String(logged.mock.calls[0][0])).toContain(res.body.errorId);
      expect(String(logged.mock.calls[0][0])).toContain('Error: the evaluator fell over\n    at ');
    } finally {
      spy.mockRestore();
    }
  });
});
