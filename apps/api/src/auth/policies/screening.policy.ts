import type { Principal } from '../principal';

/**
 * Batch screenings hold tenants' financial data. A park-admin creates screenings for its own park and reads
 * only those; a caseworker reads all of them; nobody else sees any. A screening of another park answers
 * 404, exactly like an unknown id, so a park-admin cannot probe which ids exist.
 */
export const ScreeningPolicy = {
  /** Route rule for POST /api/screenings. */
  create: (user: Principal): boolean => {
    return user.role === 'park-admin' && !!user.parkId;
  },
  /** Route rule for GET /api/screenings/… (the object rule below then narrows it). */
  read: (user: Principal): boolean => {
    return user.role === 'caseworker' || user.role === 'park-admin';
  },
  /** Object rule: may this user see this screening (or one of its tenant rows)? */
  canRead: (user: Principal, screening: { parkId: string | null }): boolean => {
    if (user.role === 'caseworker') return true;
    return user.role === 'park-admin' && !!user.parkId && screening.parkId === user.parkId;
  },
  /** Route rule for POST /api/screenings/purge: retention is an admin's job. */
  purge: (user: Principal): boolean => {
    return user.role === 'admin';
  },
  /** The park a new screening belongs to: always the park-admin's own, never one the request names. */
  parkFor: (user: Principal): string => {
    if (!ScreeningPolicy.create(user)) throw new Error(`${user.role} may not create screenings`);
    return user.parkId!;
  },
  /** For list queries: the only park this user may see, or undefined for all parks. */
  parkScope: (user: Principal): string | undefined => {
    return user.role === 'caseworker' ? undefined : (user.parkId ?? '\u0000no-park');
  },
};
