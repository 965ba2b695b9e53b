import type { Principal } from '../principal';

/**
 * The policy sandbox (stored rule packs, their diffs, scenarios and their runs over a population): for the people
 * who write and apply policy, caseworkers and admins. A scenario reads the profiles of any park's screening, so no
 * park-admin may use it; and it never changes the live pack, whoever runs it.
 */
export const SandboxPolicy = {
  use: (user: Principal): boolean => {
    return user.role === 'caseworker' || user.role === 'admin';
  },
};
