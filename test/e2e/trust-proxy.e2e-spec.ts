import request from 'supertest';
import { loadConfig } from '../../apps/api/src/config/app-config';
import { startTestApp, TestApp } from '../support/test-app';

/** Behind a load balancer every request comes from the balancer: TRUST_PROXY makes the rate limit count clients. */
describe('TRUST_PROXY (instances behind a load balancer)', () => {
  const measures = (sut: TestApp, client: string) =>
    request(sut.url).get('/api/measures/no-such-measure').set('X-Forwarded-For', client);

  describe('with TRUST_PROXY=1', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await startTestApp({ env: { THROTTLE_LIMIT: '2', THROTTLE_TTL_SECONDS: '60', TRUST_PROXY: '1' } });
    });
    afterAll(async () => {
      await sut?.close();
    });

    it('limits each forwarded client on its own: a third request from one client is refused, another client still passes', async () => {
      for (let i = 0; i < 2; i++) await measures(sut, '203.0.113.7').expect(404);
      await measures(sut, '203.0.113.7').expect(429);
      await measures(sut, '198.51.100.9').expect(404);
    });
  });

  describe('without TRUST_PROXY', () => {
    let sut: TestApp;
    beforeAll(async () => {
      sut = await startTestApp({ env: { THROTTLE_LIMIT: '2', THROTTLE_TTL_SECONDS: '60' } });
    });
    afterAll(async () => {
      await sut?.close();
    });

    it('ignores X-Forwarded-For, so a client cannot escape the limit by inventing addresses', async () => {
      for (let i = 0; i < 2; i++) await measures(sut, `192.0.2.${i}`).expect(404);
      await measures(sut, '192.0.2.99').expect(429);
    });
  });

  it('refuses a TRUST_PROXY that is neither a hop count nor addresses, naming it', () => {
    expect(() => loadConfig({ TRUST_PROXY: 'yes please' })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, loopback' }).trustProxy).toBe('10.0.0.0/8, loopback');
    expect(loadConfig({}).trustProxy).toBe(false);
  });
});
