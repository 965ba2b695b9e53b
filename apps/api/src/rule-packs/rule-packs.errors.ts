import { AppError } from '../common/errors';

/** A diff side (`a` or `b`) that names no stored pack, or several. */
export class RulePackNotFoundError extends AppError {
  constructor(field: 'a' | 'b', message: string) {
    super('rule-pack-not-found', message, { errors: { [field]: [message] } });
  }
}
