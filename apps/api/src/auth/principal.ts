/** The roles of CONTRACT §3 "Access". The anonymous company has no role and no token. */
export const ROLES = ['admin', 'caseworker', 'park-admin'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in user, as the guard resolved it from a token. */
export interface Principal {
  id: string;
  name: string;
  role: Role;
  /** Set for a park-admin only: the one park it administers. */
  parkId: string | null;
}

/** Who is asking: a user, or null for the anonymous company. */
export type Actor = Principal | null;
