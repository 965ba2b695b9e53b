import { AppError } from '../common/errors';

export class ReviewItemNotFoundError extends AppError {
  constructor() {
    super('review-item-not-found', 'no review item with that id');
  }
}

/** The submission or screening row a review item points at is no longer stored. */
export class ReviewSourceGoneError extends AppError {
  constructor(source: 'submission' | 'screening row') {
    super('review-source-gone', `the ${source} behind this review item is gone`);
  }
}

/** Two caseworkers decided the same item at once: the second must look at the first decision. */
export class DecisionConflictError extends AppError {
  constructor() {
    super('decision-conflict', 'another decision was recorded meanwhile: reload and decide again');
  }
}

/** Unknown case id, or (for a park admin) a case of another park: one error for both. */
export class CaseNotFoundError extends AppError {
  constructor() {
    super('case-not-found', 'no case with that id');
  }
}
