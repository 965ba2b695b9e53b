import type { Principal } from '../principal';

/** Users and their tokens: admins only. */
export const UserPolicy = {
  manage: (user: Principal): boolean => {
    return user.role === 'admin';
  },
};
