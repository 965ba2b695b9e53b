import type { Actor } from '../principal';

/**
 * Submissions (a company's saved profile and match). Creating one is public. Reading one back needs the
 * receipt token the company got — or a caseworker, who reads every submission. Anyone else gets the same
 * 404 as for an unknown id, so ids cannot be probed.
 */
export const SubmissionPolicy = {
  /** Whether the actor may read any submission without its receipt token. */
  readsAll: (actor: Actor): boolean => {
    return actor?.role === 'caseworker';
  },
};
