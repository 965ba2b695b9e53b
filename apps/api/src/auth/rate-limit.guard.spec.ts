import type { ExecutionContext } from '@nestjs/common';
import { normalizeIp, ThrottlerGenerateKeyFunction, ThrottlerGetTrackerFunction } from '@nestjs/throttler';
import { loadConfig } from '../config/app-config';
import { throttlers } from './rate-limit.guard';

describe('the anonymous throttler', () => {
  const anonymous = throttlers(loadConfig({}))[0];
  const track = anonymous.getTracker as ThrottlerGetTrackerFunction;
  const key = anonymous.generateKey as ThrottlerGenerateKeyFunction;
  const context = {
    getClass: () => class MatchController {},
    getHandler: () => function match() {},
  } as unknown as ExecutionContext;

  it.each([
    ['an IPv4 address (kept as it is)', '203.0.113.7'],
    ['an IPv6 address (by its /64)', '2001:db8:1:2:aaaa:bbbb:cccc:dddd'],
    ['an IPv4-mapped IPv6 address', '::ffff:127.0.0.1'],
    ['the IPv6 loopback', '::1'],
  ])('tracks %s the way the throttler itself does, asked twice', async (_, ip) => {
    const expected = normalizeIp(ip);
    expect(await track({ ip }, context)).toBe(expected);
    expect(await track({ ip }, context)).toBe(expected);
  });

  it('counts two addresses of one IPv6 /64 together and another /64 apart', async () => {
    const a = await track({ ip: '2001:db8:1:2::1' }, context);
    const b = await track({ ip: '2001:db8:1:2:ffff::9' }, context);
    const c = await track({ ip: '2001:db8:1:3::1' }, context);
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('keys a hit by throttler, route and address, in plain text', () => {
    expect(key(context, '203.0.113.7', 'anonymous')).toBe('anonymous:MatchController.match:203.0.113.7');
  });
});
