import type { FieldErrors } from '@app/engine';
import { AppError, InvalidInputError } from '../common/errors';

/** A problem with the upload itself (no file, wrong type, unreadable, unknown headers): bad input, a 400. */
export class ScreeningUploadError extends InvalidInputError {
  constructor(errors: FieldErrors, message: string) {
    super(errors, message);
  }
}

/** Unknown id, or another park's screening: one error for both, so ids cannot be probed. */
export class ScreeningNotFoundError extends AppError {
  constructor() {
    super('screening-not-found', 'no screening with that id');
  }
}

/** A tenant row or a measure that the (readable) screening does not hold. */
export class ScreeningItemNotFoundError extends AppError {
  constructor(kind: 'tenant' | 'measure', key: string) {
    super(
      'screening-item-not-found',
      kind === 'tenant' ? `the screening has no screened tenant in row ${key}` : `the screening has no measure ${key}`,
    );
  }
}

export class ScreeningNotDoneError extends AppError {
  constructor(status: string) {
    super('screening-not-done', `the screening is ${status}: results are available when it is done`, {
      details: { status },
    });
  }
}

/** A park-admin naming another park in an upload. */
export class OtherParkError extends AppError {
  constructor(parkId: string | null) {
    super('other-park', `you may only screen tenants of your own park (${parkId})`);
  }
}

/** With REDIS_URL: the queue did not take the new screening (Redis unreachable); 503, the upload is not kept. */
export class ScreeningQueueUnavailableError extends AppError {
  constructor(reason: string) {
    super('queue-unavailable', `the screening queue does not answer (${reason}); upload the file again shortly`);
  }
}
