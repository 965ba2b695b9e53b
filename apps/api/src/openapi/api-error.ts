import type { EngineErrorCode, FieldErrors } from '@app/engine';
import type { AppErrorCode } from '../common/errors';
import type { ScreeningStatus } from '../screenings/entities/screening.entity';

/**
 * The body of every error response, whatever its status (CONTRACT §1), as HttpExceptionFilter writes it: a
 * message; the error's code when it has one; for bad input every offending field with its reasons — the same
 * `{ field: [reasons] }` as a rejected batch row; an error's details (a screening not done yet: its status).
 */
export interface ApiError {
  message: string;
  code?: AppErrorCode | EngineErrorCode;
  errors?: FieldErrors;
  /** On a 409 `screening-not-done`: the screening's status now. */
  status?: ScreeningStatus;
  /** On a 500: quote it when reporting the problem; the service's log line with the cause carries the same id. */
  errorId?: string;
}
