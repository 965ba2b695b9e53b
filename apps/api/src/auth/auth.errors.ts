import { AppError } from '../common/errors';

/** Who is asking could not be established: no credentials, a bad token, an ended session (401). */
export class NotAuthenticatedError extends AppError {
  constructor(code: 'not-signed-in' | 'invalid-token' | 'session-ended', message: string) {
    super(code, message);
  }
}

/** The asker is known but may not do this (403). */
export class AccessDeniedError extends AppError {
  constructor(code: 'role-forbidden' | 'csrf-header-missing', message: string) {
    super(code, message);
  }
}
