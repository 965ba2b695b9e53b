import type { Principal } from '../../auth/principal';

/**
 * Cases: caseworkers read and decide them; a park admin sends its own park's tenants; the dashboard is for
 * caseworkers and admins. (Kept beside the feature, in the shape of auth/policies.)
 */
export const CasePolicy = {
  read: (user: Principal): boolean => {
    return user.role === 'caseworker';
  },
  decide: (user: Principal): boolean => {
    return user.role === 'caseworker';
  },
  send: (user: Principal): boolean => {
    return user.role === 'park-admin' && !!user.parkId;
  },
  dashboard: (user: Principal): boolean => {
    return user.role === 'caseworker' || user.role === 'admin';
  },
};
