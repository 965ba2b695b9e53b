/**
 * What a caseworker may decide about a measure of a case; `paid` records a payment (amount 元, date) after a
 * `confirmed`, to measure 兑现.
 */
export const DECISIONS = ['confirmed', 'rejected', 'needs-info', 'paid'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A review item's state: no decision yet, or the latest decision. */
export type ReviewState = 'pending' | Decision; // spelt as a type so the OpenAPI schema generator can read it
export const REVIEW_STATES: readonly ReviewState[] = ['pending', ...DECISIONS];

/** Where a match came from: a company's own submission, or one tenant row of a park's screening. */
export const REVIEW_SOURCES = ['submission', 'screening'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/** The match statuses that go to review; ineligible results do not. */
export const REVIEWABLE_STATUSES = ['eligible', 'needs_info'] as const;
export type ReviewableStatus = (typeof REVIEWABLE_STATUSES)[number];
