import fc from 'fast-check';
import request from 'supertest';
import { malformedBody } from '../support/json-fuzz';
import { propertyRuns } from '../support/property-runs';
import { startTestApp, TestApp } from '../support/test-app';

/** Bad input is a 4xx naming what is wrong, never a 500: malformed bodies thrown at the two public POST routes. */
describe('malformed bodies on /api/match and /api/submissions', () => {
  let sut: TestApp;
  beforeAll(async () => {
    sut = await startTestApp({ env: { THROTTLE_LIMIT: '1000000' } });
  });
  afterAll(async () => {
    await sut?.close();
  });

  const post = (path: string, text: string) =>
    request(sut.app.getHttpServer()).post(path).set('Content-Type', 'application/json').send(text);

  /** A 4xx body: a message, and each named field with at least one reason in words (never null). */
  function expectClientError(res: request.Response, text: string): void {
    expect({ text, status: res.status }).toEqual({ text, status: expect.any(Number) });
    if (res.status >= 500)
      throw new Error(`${res.status} for ${JSON.stringify(text).slice(0, 300)}: ${JSON.stringify(res.body)}`);
    if (res.status < 400) return;
    expect(typeof res.body.message).toBe('string');
    for (const reasons of Object.values((res.body.errors ?? {}) as Record<string, unknown>)) {
      expect(
        Array.isArray(reasons) && reasons.length > 0 && reasons.every((r) => typeof r === 'string' && r.length > 0),
      ).toBe(true);
    }
  }

  it(`answers ${propertyRuns(3000)} malformed bodies on each route with no 5xx`, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(malformedBody, fc.boolean(), async (text, wrap) => {
        const match = await post('/api/match', text);
        const submission = await post('/api/submissions', wrap ? `{"profile":${text}}` : text);
        for (const res of [match, submission]) {
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
          expectClientError(res, text);
        }
      }),
      { numRuns: propertyRuns(3000), seed: 42 },
    );
    // Most bodies are refused, and for the right reasons: not all for one (e.g. all "malformed JSON").
    expect(statuses.get(400)).toBeGreaterThan(propertyRuns(3000));
  }, 900_000);
});
