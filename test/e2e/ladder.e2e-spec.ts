import request from 'supertest';
import { startTestApp, TestApp } from '../support/test-app';

/** The ladder reads no database: one store is enough. Every response is checked against the OpenAPI spec. */
describe('POST /api/match: the qualification ladder', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ db: 'sqlite' });
  });
  afterAll(async () => {
    await sut?.close();
  });

  const FIRM = {
    city: 'shenzhen',
    entityType: 'enterprise',
    employees: 120,
    revenue: 50_000_000,
    rdExpense: 1_900_000,
    taxableIncome: 10_000_000,
  };

  it('returns the ladder with the gap in words and the 15% rate that 高新技术企业 would unlock', async () => {
    const res = await request(sut.url).post('/api/match?asOf=2026-11-26').send(FIRM).expect(200);
    const { ladder } = res.body;
    expect(ladder.steps[0].qualification).toBe('tech-sme');
    const hte = ladder.steps.find((s: { qualification: string }) => s.qualification === 'high-tech-enterprise');
    expect(hte.criteria.find((c: { id: string }) => c.id === 'rd-intensity').gapText).toBe(
      '研发费用占比还差 1.2 个百分点，约 ¥60 万元',
    );
    expect(hte.unlocks).toContainEqual(
      expect.objectContaining({ measureId: 'k895-high-tech-preferential-rate', estimate: 1_000_000 }),
    );
  });

  it('speaks English with ?lang=en', async () => {
    const res = await request(sut.url).post('/api/match?lang=en&asOf=2026-11-26').send(FIRM).expect(200);
    expect(res.body.ladder.steps[0].title).toBe('Technology-based SME');
  });
});
