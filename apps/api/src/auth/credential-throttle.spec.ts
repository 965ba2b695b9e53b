import { ThrottlerException, ThrottlerStorageService } from '@nestjs/throttler';
import type { Request } from 'express';
import { loadConfig } from '../config/app-config';
import { CredentialThrottle } from './credential-throttle';

const USER = '0b7c3a52-5d0e-4f4e-9d3a-1c2b3a4d5e6f';
const requestFrom = (ip: string) => {
  const headers: Record<string, unknown> = {};
  return { ip, res: { setHeader: (k: string, v: unknown) => (headers[k] = v) }, headers } as unknown as Request & {
    headers: Record<string, unknown>;
  };
};

describe(CredentialThrottle.name, () => {
  let storage: ThrottlerStorageService;
  let sut: CredentialThrottle;

  beforeEach(() => {
    storage = new ThrottlerStorageService();
    sut = new CredentialThrottle(storage, loadConfig({ CREDENTIAL_THROTTLE_LIMIT: '2', THROTTLE_TTL_SECONDS: '60' }));
  });
  afterEach(() => storage.onApplicationShutdown());

  it('refuses the third check of a claimed user id with 429 and Retry-After, from any address', async () => {
    await sut.beforeHashCheck(requestFrom('10.0.0.1'), USER);
    await sut.beforeHashCheck(requestFrom('10.0.0.2'), USER);
    const third = requestFrom('10.0.0.3');
    await expect(sut.beforeHashCheck(third, USER)).rejects.toBeInstanceOf(ThrottlerException);
    expect(third.headers['Retry-After']).toBe(60);
    expect(sut.blockedFor(USER, requestFrom('10.0.0.4'))).toBe(60);
    expect(sut.blockedFor('another-user', requestFrom('10.0.0.4'))).toBeNull();
  });

  it('counts a cheap failure against the address only, and a failure already counted before hashing not twice', async () => {
    const req = requestFrom('10.0.0.9');
    await sut.beforeHashCheck(req, USER);
    await sut.afterFailure(req); // same request: not counted again
    for (let i = 0; i < 8; i++) await sut.afterFailure(requestFrom('10.0.0.9'));
    // 1 + 8 = 9 of the address's 10 (5 × 2); the 11th check from it is refused
    await sut.afterFailure(requestFrom('10.0.0.9'));
    await expect(sut.afterFailure(requestFrom('10.0.0.9'))).rejects.toBeInstanceOf(ThrottlerException);
    expect(sut.blockedFor(null, requestFrom('10.0.0.9'))).toBeGreaterThan(0);
    expect(sut.blockedFor(null, requestFrom('10.0.0.10'))).toBeNull();
  });
});
