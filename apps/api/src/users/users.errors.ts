import { AppError } from '../common/errors';

/** Plain errors with a code, no HTTP in them: the CLI prints them, the API's exception filter maps the code. */
export class UserError extends AppError {
  constructor(
    code: 'invalid-user' | 'name-taken' | 'user-not-found',
    message: string,
    readonly field?: string,
  ) {
    super(code, message, code === 'user-not-found' ? {} : { errors: { [field ?? 'user']: [message] } });
  }
}
