/** What a caseworker may decide about a match. */
export const DECISIONS = ['confirmed', 'rejected', 'needs-info'] as const;
export type Decision = (typeof DECISIONS)[number];

/** A review item's state: no decision yet, or the latest decision. */
export const REVIEW_STATES = ['pending', ...DECISIONS] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

/** Where a match came from: a company's own submission, or one tenant row of a park's screening. */
export const REVIEW_SOURCES = ['submission', 'screening'] as const;
export type ReviewSource = (typeof REVIEW_SOURCES)[number];

/** The match statuses that go to review; ineligible results do not. */
export const REVIEWABLE_STATUSES = ['eligible', 'needs_info'] as const;
export type ReviewableStatus = (typeof REVIEWABLE_STATUSES)[number];
