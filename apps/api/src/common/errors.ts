import type { FieldErrors, Lang } from '@app/engine';

/**
 * Every code a feature error can carry. Errors are plain classes with one of these codes and no HTTP in them
 * (services, guards and the CLI share them); HttpExceptionFilter maps each code to a status with an
 * exhaustive switch, so a new code does not compile until it has one.
 */
export type AppErrorCode =
  | 'invalid-input'
  | 'invalid-user'
  | 'not-signed-in'
  | 'invalid-token'
  | 'session-ended'
  | 'role-forbidden'
  | 'csrf-header-missing'
  | 'other-park'
  | 'screening-not-found'
  | 'screening-item-not-found'
  | 'submission-not-found'
  | 'review-item-not-found'
  | 'case-not-found'
  | 'review-source-gone'
  | 'user-not-found'
  | 'screening-not-done'
  | 'decision-conflict'
  | 'name-taken'
  | 'upload-too-large'
  | 'rule-pack-not-found'
  | 'scenario-not-found'
  | 'scenario-run-not-found'
  | 'scenario-run-not-done'
  | 'database-unavailable'
  | 'queue-unavailable';

/**
 * Per-field reasons, `{ field: [reason] }`, possibly in the request's language: a pipe that throws does not know
 * the request, so the filter asks for them in its language.
 */
export type FieldErrorsIn = (lang: Lang) => FieldErrors;

export interface AppErrorExtra {
  errors?: FieldErrors | FieldErrorsIn;
  /** Extra fields for the response body (e.g. a screening's status on 'screening-not-done'). */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  private readonly errors?: FieldErrors | FieldErrorsIn;
  readonly details: Record<string, unknown>;

  constructor(
    readonly code: AppErrorCode,
    message: string,
    extra: AppErrorExtra = {},
  ) {
    super(message);
    this.name = new.target.name;
    this.errors = extra.errors;
    this.details = extra.details ?? {};
  }

  /** The per-field reasons in `lang`, or undefined when the error is not about fields. */
  errorsIn(lang: Lang): FieldErrors | undefined {
    return typeof this.errors === 'function' ? this.errors(lang) : this.errors;
  }
}

/** The message of an InvalidInputError that has none of its own: the filter then lists the fields instead. */
export const INVALID_INPUT = 'invalid input';

/** Bad input: every offending field with its reasons. */
export class InvalidInputError extends AppError {
  constructor(errors: FieldErrors | FieldErrorsIn, message = INVALID_INPUT) {
    super('invalid-input', message, { errors });
  }
}
