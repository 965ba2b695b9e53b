/** Plain errors with a code, no HTTP in them: the CLI prints them, the controller maps them to statuses. */
export class UserError extends Error {
  constructor(readonly code: 'invalid-user' | 'name-taken' | 'user-not-found', message: string, readonly field?: string) {
    super(message);
  }
}
