import type { FieldErrors } from '@app/engine';

/**
 * The body of every error response, whatever its status (CONTRACT §1): a message, and for bad input every
 * offending field with its reasons — the same `{ field: [reasons] }` as a rejected batch row.
 */
export interface ApiError {
  message: string;
  errors?: FieldErrors;
  /** An engine error's code, e.g. `measure-not-found`. */
  code?: string;
  /** On a 500: quote it when reporting the problem; the service's log line with the cause carries the same id. */
  errorId?: string;
}
