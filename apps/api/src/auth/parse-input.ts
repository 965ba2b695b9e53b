import { BadRequestException } from '@nestjs/common';
import { ClassConstructor, plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';

/**
 * Validates a non-profile body or query (users, sessions, reviews) into its DTO, answering 400 with
 * `{ message, errors: { field: [reason] } }`. The global pipe's messages are profile field codes rendered
 * with the profile's labels; these DTOs carry their own plain messages, so their routes take the raw input
 * (typed `Record<string, unknown>`, which the global pipe passes through) and call this.
 */
export function parseInput<T extends object>(dto: ClassConstructor<T>, input: unknown): T {
  const instance = plainToInstance(dto, input ?? {}, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length === 0) return instance;
  const byField: Record<string, string[]> = {};
  const visit = (e: ValidationError, prefix: string) => {
    const field = prefix + e.property;
    const reasons = Object.entries(e.constraints ?? {}).map(([name, message]) => (name === 'whitelistValidation' ? `${field} is not an accepted field` : message));
    if (reasons.length > 0) byField[field] = reasons;
    (e.children ?? []).forEach((c) => visit(c, `${field}.`));
  };
  errors.forEach((e) => visit(e, ''));
  throw new BadRequestException({ message: `invalid input: ${Object.keys(byField).join(', ')}`, errors: byField });
}
