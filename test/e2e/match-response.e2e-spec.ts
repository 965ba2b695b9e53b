import { compilePack, EnterpriseProfile, loadRulePack, matchWithLadder, todayInShanghai } from '@app/engine';
import { startTestApp, TestApp } from '../support/test-app';

/** POST /api/match writes its body itself (match-response.ts): it must be exactly what res.json sent before. */
describe('POST /api/match response', () => {
  let sut: TestApp;
  const compiled = compilePack(loadRulePack());
  const profile: EnterpriseProfile = {
    name: '深圳市精测仪器有限公司 "引号" \\ 反斜杠',
    city: 'shenzhen',
    entityType: 'enterprise',
    clusters: ['precision-instruments'],
    qualifications: ['high-tech-enterprise', 'key-backbone'],
    revenue: 200_000_000,
    rdExpense: 10_000_000,
    taxableIncome: 20_000_000,
  };

  beforeAll(async () => {
    sut = await startTestApp();
  });
  afterAll(async () => {
    await sut?.close();
  });

  const post = (query: string) =>
    fetch(`${sut.url}/api/match${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(profile),
    });

  it.each([
    ['Chinese', '', 'zh' as const],
    ['English', '?lang=en', 'en' as const],
  ])(
    'sends the engine result in %s as JSON.stringify writes it, byte for byte, with its length',
    async (_, query, lang) => {
      const res = await post(query);
      const body = Buffer.from(await res.arrayBuffer());
      const expected = Buffer.from(
        JSON.stringify(matchWithLadder(compiled, profile, { lang, asOf: todayInShanghai() })),
      );

      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(res.headers.get('content-length'))).toBe(expected.length);
      expect(body.equals(expected)).toBe(true);
    },
  );

  it('sends no ETag: a POST answer is never revalidated, and hashing ~300 KB per request costs', async () => {
    const res = await post('?asOf=2025-06-30');

    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
  });

  it('still answers a bad profile with the 400 naming the field', async () => {
    const res = await fetch(`${sut.url}/api/match`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ revenue: -1 }),
    });

    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({ errors: { revenue: [expect.any(String)] } });
  });
});
