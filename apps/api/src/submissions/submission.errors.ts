import { AppError } from '../common/errors';

/** Unknown id or wrong receipt token: one error for both, so a guess learns nothing. */
export class SubmissionNotFoundError extends AppError {
  constructor() {
    super('submission-not-found', 'no submission with that id and receipt');
  }
}
