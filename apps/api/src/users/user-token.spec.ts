import { formatToken, newSecret, parseToken, VerifiedTokenCache } from './user-token';

const ID = '0b7c3a52-5d0e-4f4e-9d3a-1c2b3a4d5e6f';

describe('user tokens', () => {
  it('round-trips <userId>.<secret> and rejects anything else before touching the database', () => {
    const secret = newSecret();
    expect(parseToken(formatToken(ID, secret))).toEqual({ userId: ID, secret });
    for (const bad of [
      '',
      'abc',
      `${ID}.`,
      `${ID}.short`,
      `not-a-uuid.${secret}`,
      `${ID}.${secret}x`,
      `${ID}.${secret.slice(1)}=`,
    ]) {
      expect(parseToken(bad)).toBeNull();
    }
  });

  it('makes 256-bit secrets that differ every time', () => {
    const secrets = new Set(Array.from({ length: 100 }, newSecret));
    expect(secrets.size).toBe(100);
    expect(Buffer.from([...secrets][0], 'base64url')).toHaveLength(32);
  });
});

describe(VerifiedTokenCache.name, () => {
  let now = 0;
  const sut = new VerifiedTokenCache(1000, 2, () => now);

  it('remembers a verified token for its user until the time runs out', () => {
    sut.add('t1', 'u1');
    expect(sut.has('t1', 'u1')).toBe(true);
    expect(sut.has('t1', 'u2')).toBe(false);
    now = 1000;
    expect(sut.has('t1', 'u1')).toBe(false);
  });

  it('forgets a user at once, and never holds more than its maximum', () => {
    now = 0;
    sut.add('a', 'u1');
    sut.add('b', 'u2');
    sut.add('c', 'u3');
    expect(sut.has('a', 'u1')).toBe(false);
    sut.forgetUser('u2');
    expect(sut.has('b', 'u2')).toBe(false);
    expect(sut.has('c', 'u3')).toBe(true);
  });
});
