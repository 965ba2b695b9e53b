import request from 'supertest';
import { startTestApp, TestApp, TEST_DBS } from '../support/test-app';

const BACKBONE = {
  city: 'shenzhen',
  clusters: ['precision-instruments'],
  qualifications: ['key-backbone'],
  revenue: 200_000_000,
};
const BENCHMARK = 'pi-rd-intensity-benchmark';
const QUOTE = '产业重点骨干企业年研发投入占销售收入的比重达到6%以上';

describe.each(TEST_DBS)('API on %s', (db) => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ db });
  });
  afterAll(async () => {
    await sut?.close();
  });

  /** While the 2021–2025 plans were in force, unless a test says otherwise. */
  const match = (body: unknown, lang = 'zh', asOf = '2025-06-30') =>
    request(sut.url)
      .post(`/api/match?lang=${lang}&asOf=${asOf}`)
      .send(body as object);
  const measure = (res: request.Response, id: string) =>
    res.body.results.find((r: { measureId: string }) => r.measureId === id);

  describe('CONTRACT §2 Version 2: asOf, nature, summary, estimate, howToApply', () => {
    const HIGH_TECH = {
      city: 'shenzhen',
      entityType: 'enterprise',
      clusters: [],
      qualifications: ['high-tech-enterprise'],
      rdExpense: 6_000_000,
      taxableIncome: 20_000_000,
    };

    it('judges validity today (Asia/Shanghai) by default and at ?asOf=, with the summary counting in-force claims only', async () => {
      const today = await request(sut.url).post('/api/match').send(HIGH_TECH).expect(200);
      expect(today.body.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const res = await match(HIGH_TECH, 'zh', '2026-11-26').expect(200);
      expect(res.body.asOf).toBe('2026-11-26');
      const benchmark = measure(res, BENCHMARK);
      expect(benchmark).toMatchObject({ inForce: false, documentStatus: 'expired', nature: 'benchmark' });
      expect(benchmark.inForceReason).toContain('2025-12-31');
      const rate = measure(res, 'k895-high-tech-preferential-rate');
      expect(rate).toMatchObject({
        status: 'eligible',
        inForce: true,
        nature: 'entitlement',
        estimate: { amount: 2_000_000 },
      });
      expect(rate.estimate.assumptions.length).toBeGreaterThan(0);
      expect(measure(res, 'k895-rd-super-deduction').howToApply).toMatchObject({
        department: expect.any(String),
        window: expect.any(String),
      });
      const s = res.body.summary;
      const claimable = res.body.results.filter(
        (r: { inForce: boolean; nature: string }) => r.inForce && ['entitlement', 'application'].includes(r.nature),
      );
      expect(s.eligible + s.needsInfo + s.nearMiss + s.ineligible).toBe(claimable.length);
      expect(s.notInForce).toBe(res.body.results.filter((r: { inForce: boolean }) => !r.inForce).length);
      expect(s.eligible).toBe(claimable.filter((r: { status: string }) => r.status === 'eligible').length);
    });

    it('refuses an asOf that is not a date, naming asOf', async () => {
      for (const bad of ['2026-13-01', 'tomorrow', '2026-02-30']) {
        const res = await match(HIGH_TECH, 'en', bad).expect(400);
        expect(Object.keys(res.body.errors)).toEqual(['asOf']);
        expect(res.body.errors.asOf[0]).toContain('YYYY-MM-DD');
      }
    });

    it('shows the replaced draft (seed 001) as superseded at asOf, on measures and documents', async () => {
      const doc = await request(sut.url)
        .get('/api/documents/gd-high-end-equipment-2021-2025-draft?asOf=2026-11-26')
        .expect(200);
      expect(doc.body).toMatchObject({
        status: 'superseded',
        supersededBy: { number: '粤工信装备〔2023〕13号', issueDate: '2023-12-29' },
      });
      const before = await request(sut.url)
        .get('/api/documents/gd-high-end-equipment-2021-2025-draft?asOf=2023-06-30')
        .expect(200);
      expect(before.body.status).toBe('draft');
      expect(before.body.supersededBy).toBeUndefined();
      const list = await request(sut.url).get('/api/documents?asOf=2026-11-26').expect(200);
      expect(list.body.find((d: { id: string }) => d.id === 'gd-precision-instruments-2021-2025').status).toBe(
        'expired',
      );
      const m = await request(sut.url)
        .get('/api/measures/he-first-set-insurance-compensation?asOf=2026-11-26')
        .expect(200);
      expect(m.body).toMatchObject({
        nature: 'application',
        national: true,
        inForce: true,
        documentStatus: 'superseded',
      });
      const plan = await request(sut.url).get(`/api/measures/${BENCHMARK}?asOf=2026-11-26`).expect(200);
      expect(plan.body).toMatchObject({ nature: 'benchmark', inForce: false });
    });
  });

  describe('POST /api/match', () => {
    it('finds the 6% benchmark eligible for a Shenzhen key backbone enterprise spending 7.5%, with the verbatim quote', async () => {
      const res = await match({ ...BACKBONE, rdExpense: 15_000_000 }).expect(200);
      const m = measure(res, BENCHMARK);
      expect(m.status).toBe('eligible');
      expect(m.kind).toBe('benchmark');
      expect(m.citations[0]).toMatchObject({
        role: 'clause',
        quote: QUOTE,
        documentId: 'gd-precision-instruments-2021-2025',
      });
      expect(m.conditions.map((c: { outcome: string }) => c.outcome)).toEqual(['pass', 'pass', 'pass', 'pass']);
      expect(res.body.rulePackVersion).toMatch(/^sha256:[0-9a-f]{64}$/);
    });

    it('reports a near miss of 0.01 and 2,000,000 yuan at 5% R&D intensity', async () => {
      const res = await match({ ...BACKBONE, rdExpense: 10_000_000 }).expect(200);
      const m = measure(res, BENCHMARK);
      expect(m.status).toBe('ineligible');
      expect(m.nearMiss).toEqual([
        expect.objectContaining({
          fact: 'rdIntensity',
          actual: 0.05,
          required: 0.06,
          gap: 0.01,
          extraAmount: 2_000_000,
        }),
      ]);
      expect(m.nearMiss[0].hint).toBe('研发费用再增加 200 万元即可达到 6%');
    });

    it('asks for rdExpense when it is missing', async () => {
      const res = await match(BACKBONE).expect(200);
      const m = measure(res, BENCHMARK);
      expect(m.status).toBe('needs_info');
      expect(m.missingFacts).toContain('rdExpense');
      expect(m.conditions[3]).toMatchObject({ fact: 'rdIntensity', outcome: 'unknown', actual: null });
    });

    it('returns every measure of the pack, in English with ?lang=en', async () => {
      const measures = await request(sut.url).get('/api/measures').expect(200);
      const res = await match({ ...BACKBONE, rdExpense: 15_000_000 }, 'en').expect(200);
      expect(res.body.results).toHaveLength(measures.body.length);
      expect(measure(res, BENCHMARK).title).toMatch(/R&D/);
      expect(measure(res, BENCHMARK).conditions[0].label).toBe('Registered in Guangdong');
    });

    it('defaults the fiscal year to the previous calendar year and warns on a credit code check digit mismatch', async () => {
      const res = await request(sut.url).post('/api/match').send({ creditCode: '91440300MA5FUTUR01' }).expect(200);
      expect(res.body.fiscalYear).toBe(new Date().getUTCFullYear() - 1);
      expect(res.body.warnings).toEqual([expect.objectContaining({ field: 'creditCode', code: 'checksum-mismatch' })]);
    });

    it('names every bad field in a 400, never a 500', async () => {
      const res = await match({
        city: 'shenzen',
        revenue: -1,
        employees: 1.5,
        clusters: 'x',
        listed: 'yes',
        foo: 1,
        creditCode: 'short',
      }).expect(400);
      expect(Object.keys(res.body.errors).sort()).toEqual([
        'city',
        'clusters',
        'creditCode',
        'employees',
        'foo',
        'listed',
        'revenue',
      ]);
      expect(res.body.errors.revenue[0]).toContain('营业收入');
      expect(typeof res.body.message).toBe('string');
    });

    it('rejects unknown enum values inside arrays', async () => {
      const res = await match({ qualifications: ['high-tech-enterprise', 'famous'] }, 'en').expect(400);
      expect(res.body.errors.qualifications[0]).toMatch(/must be one of/);
    });

    it('treats null as unknown', async () => {
      const res = await match({ ...BACKBONE, rdExpense: null }).expect(200);
      expect(measure(res, BENCHMARK).status).toBe('needs_info');
    });

    it('answers malformed JSON with 400', async () => {
      const res = await request(sut.url)
        .post('/api/match')
        .set('content-type', 'application/json')
        .send('{"city":')
        .expect(400);
      expect(res.body.message).toBe('malformed JSON');
    });

    it('answers a JSON array with 400 naming the profile', async () => {
      const res = await match([1, 2]).expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['profile']);
    });

    it('answers an oversized body with 413', async () => {
      await match({ name: 'x'.repeat(200_000) }).expect(413);
    });

    it('gives 200 concurrent requests exactly what the same profiles get one at a time', async () => {
      const profiles = Array.from({ length: 200 }, (_, i) => ({
        ...BACKBONE,
        rdExpense: (i % 20) * 1_000_000,
        city: i % 7 === 0 ? 'outside-guangdong' : 'shenzhen',
        entityType: i % 3 === 0 ? 'research-institution' : 'enterprise',
        domesticInstrumentPurchases: i % 5 === 0 ? undefined : i * 1000,
      }));
      const summary = (r: request.Response) =>
        JSON.stringify(
          r.body.results.map((x: { status: string; nearMiss: unknown; missingFacts: unknown }) => [
            x.status,
            x.nearMiss,
            x.missingFacts,
          ]),
        );
      const sequential: string[] = [];
      for (const p of profiles) sequential.push(summary(await match(p).expect(200)));
      const concurrent = await Promise.all(profiles.map((p) => match(p).expect(200)));
      expect(concurrent.map(summary)).toEqual(sequential);
    });
  });

  describe('rule pack endpoints', () => {
    it('lists measures with citations and conditions in words', async () => {
      const res = await request(sut.url).get(`/api/measures/${BENCHMARK}?asOf=2025-06-30`).expect(200);
      expect(res.body).toMatchObject({
        id: BENCHMARK,
        kind: 'benchmark',
        nature: 'benchmark',
        documentStatus: 'in-force',
        inForce: true,
      });
      expect(res.body.conditions.kind).toBe('all');
      expect(res.body.version).toMatch(/^sha256:/);
    });

    it('answers an unknown measure or document with 404', async () => {
      await request(sut.url).get('/api/measures/no-such-measure').expect(404);
      await request(sut.url).get('/api/documents/no-such-document').expect(404);
    });

    it('returns a document with its text and the offsets of every cited passage', async () => {
      const res = await request(sut.url).get('/api/documents/gd-precision-instruments-2021-2025').expect(200);
      const passage = res.body.citations.find((c: { measureId: string }) => c.measureId === BENCHMARK);
      expect(res.body.text.slice(passage.start, passage.end).replace(/\s/g, '')).toBe(QUOTE);
    });

    it('marks the high-end equipment plan as a draft before its successor, superseded after', async () => {
      const draft = (res: request.Response) =>
        res.body.find((d: { id: string }) => d.id === 'gd-high-end-equipment-2021-2025-draft');
      expect(draft(await request(sut.url).get('/api/documents?asOf=2023-01-01').expect(200)).status).toBe('draft');
      expect(draft(await request(sut.url).get('/api/documents').expect(200)).status).toBe('superseded');
    });
  });

  describe('submissions', () => {
    it('stores a profile with its result and reads it back only with the receipt token', async () => {
      const profile = { ...BACKBONE, rdExpense: 15_000_000, name: '深圳某仪器有限公司' };
      const created = await request(sut.url).post('/api/submissions').send({ profile }).expect(201);
      expect(created.body.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created.body.receiptToken.length).toBeGreaterThanOrEqual(32);
      const back = await request(sut.url)
        .get(`/api/submissions/${created.body.id}`)
        .set('X-Receipt-Token', created.body.receiptToken)
        .expect(200);
      expect(back.body.profile).toEqual(profile);
      expect(back.body.rulePackVersion).toBe(created.body.rulePackVersion);
      expect(back.body.result.results.find((r: { measureId: string }) => r.measureId === BENCHMARK).status).toBe(
        'eligible',
      );
      await request(sut.url).get(`/api/submissions/${created.body.id}`).set('X-Receipt-Token', 'wrong').expect(404);
      await request(sut.url).get(`/api/submissions/${created.body.id}`).expect(404);
    });

    it('rejects a submission with a bad profile field, naming it', async () => {
      const res = await request(sut.url)
        .post('/api/submissions')
        .send({ profile: { revenue: 'lots' } })
        .expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['revenue']);
    });

    it('rejects a submission without a profile', async () => {
      const res = await request(sut.url).post('/api/submissions').send({}).expect(400);
      expect(Object.keys(res.body.errors)).toEqual(['profile']);
    });
  });

  it('reports health with database reachability', async () => {
    const res = await request(sut.url).get('/health').expect(200);
    expect(res.body).toMatchObject({ status: 'ok', database: db });
  });

  it('serves the OpenAPI spec', async () => {
    const res = await request(sut.url).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/match', '/api/submissions', '/api/measures/{id}']),
    );
  });
});
