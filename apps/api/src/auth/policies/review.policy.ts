import type { Principal } from '../principal';

/** The review queue, a match's detail, decisions and their export: caseworkers only. */
export const ReviewPolicy = {
  read: (user: Principal): boolean => {
    return user.role === 'caseworker';
  },
  decide: (user: Principal): boolean => {
    return user.role === 'caseworker';
  },
};
