import type { Principal } from '../principal';
import { SandboxPolicy } from './sandbox.policy';

const user = (role: Principal['role'], parkId: string | null = null): Principal => ({
  id: role,
  name: role,
  role,
  parkId,
});

describe('SandboxPolicy', () => {
  it.each<[string, Principal, boolean]>([
    ['a caseworker', user('caseworker'), true],
    ['an admin', user('admin'), true],
    ['a park-admin', user('park-admin', 'park-a'), false],
  ])('%s may use the sandbox (scenarios, stored packs, runs over any park’s screening): %s', (_, who, expected) => {
    expect(SandboxPolicy.use(who)).toBe(expected);
  });
});
