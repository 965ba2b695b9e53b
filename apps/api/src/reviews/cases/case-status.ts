import type { ReviewState } from '../review-states';

/**
 * A case's place in the workflow: `needs-info` — waiting for the company (a needs-info it has not answered with an
 * update; it leaves the queue even if other measures are undecided, since the answer may bear on them);
 * `pending` — a caseworker has something to decide; `decided` — every measure confirmed, rejected or paid.
 */
export type CaseStatus = 'pending' | 'needs-info' | 'decided';
export const CASE_STATUSES: readonly CaseStatus[] = ['pending', 'needs-info', 'decided'];

/** The status a case's measures put it in; `returnedAt`: when the company last updated its profile. */
export function caseStatusOf(
  items: { state: ReviewState; decidedAt: string | null }[],
  returnedAt: string | null,
): CaseStatus {
  const answered = (i: { decidedAt: string | null }) => !!returnedAt && (i.decidedAt ?? '') < returnedAt;
  if (items.some((i) => i.state === 'needs-info' && !answered(i))) return 'needs-info';
  if (items.some((i) => i.state === 'pending' || i.state === 'needs-info')) return 'pending';
  return 'decided';
}
