import { ArgumentMetadata, Injectable, PipeTransform, Type, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { EnterpriseProfile, FieldErrors, FieldSpec, Lang, LocalizedText, validateProfile } from '@app/engine';
import { InvalidInputError } from './errors';
import { inputProblems } from './input-guard';

/** Paging bounds: beyond them SQL OFFSET arithmetic overflows or means nothing. */
export const MAX_PAGE = 1_000_000;
export const MAX_OFFSET = 100_000_000;

const ENGINE_VALIDATED = Symbol('validated by the engine');

/**
 * Marks a DTO whose body the engine validates (a profile): the global pipe leaves it to the route's own pipe,
 * so a profile has exactly one validator with the engine's words, in the API as in the batch reader and the form.
 */
export function ValidatedByEngine(): ClassDecorator {
  return (target) => {
    Reflect.defineProperty(target, ENGINE_VALIDATED, { value: true });
  };
}

const isValidatedByEngine = (metatype: Type<unknown> | undefined) =>
  typeof metatype === 'function' && (metatype as unknown as Record<symbol, unknown>)[ENGINE_VALIDATED] === true;

/** OpenAPI description of one profile field, from the engine's field table. No validation here: see ProfilePipe. */
export function ProfileFieldDoc(spec: FieldSpec): PropertyDecorator {
  const description = describe(spec);
  switch (spec.type) {
    case 'creditCode':
      return ApiPropertyOptional({ description, type: String, example: '91440300MA5FUTURE1' });
    case 'string':
      return ApiPropertyOptional({ description, type: String, maxLength: spec.maxLength });
    case 'enum':
      return ApiPropertyOptional({ description, enum: spec.values });
    case 'enumArray':
      return ApiPropertyOptional({ description, enum: spec.values, isArray: true });
    case 'integer':
      return ApiPropertyOptional({ description, type: 'integer', minimum: spec.min, maximum: spec.max });
    case 'number':
      return ApiPropertyOptional({ description, type: Number, minimum: spec.min, maximum: spec.max });
    case 'boolean':
      return ApiPropertyOptional({ description, type: Boolean });
  }
}

const describe = (spec: FieldSpec & { unit?: LocalizedText }) =>
  `${spec.label.zh} / ${spec.label.en}${spec.unit ? ` (${spec.unit.zh})` : ''}. ${spec.hint.en}. Absent = unknown.`;

/**
 * A profile body, validated by the engine's validateProfile — the same checker and words as the batch reader
 * and the web form. Answers the validated profile (null fields dropped: unknown).
 */
@Injectable()
export class ProfilePipe implements PipeTransform<unknown, EnterpriseProfile> {
  transform(value: unknown): EnterpriseProfile {
    return validProfile(value);
  }
}

/** The engine's verdict on a profile, or an InvalidInputError whose reasons come in the request's language. */
export function validProfile(value: unknown): EnterpriseProfile {
  const checked = validateProfile(value, 'zh');
  if (checked.profile) return checked.profile;
  throw new InvalidInputError((lang: Lang) => validateProfile(value, lang).errors);
}

/**
 * The one global pipe for every other input: raw-input checks (nesting, control characters, prototype keys),
 * then the stock ValidationPipe (whitelist + forbidNonWhitelisted + transform), answering `{ field: [messages] }`.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      forbidUnknownValues: true,
      exceptionFactory: (errors) => new InvalidInputError(toFieldErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'custom' || isValidatedByEngine(metadata.metatype)) return value;
    const root = typeof value === 'object' && value !== null ? '' : (metadata.data ?? metadata.type);
    if (inputProblems(value, 'en', root)) throw new InvalidInputError((lang) => inputProblems(value, lang, root) ?? {});
    if (
      metadata.type === 'body' &&
      this.toValidate(metadata) &&
      (typeof value !== 'object' || value === null || Array.isArray(value))
    ) {
      throw new InvalidInputError({ body: ['the body must be a JSON object'] });
    }
    return super.transform(value, metadata);
  }
}

/** class-validator's errors (nested ones as `parent.child`) as `{ field: [messages] }`; a message is never null. */
export function toFieldErrors(errors: ValidationError[], prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const field = `${prefix}${e.property}` || 'body';
    const messages = Object.entries(e.constraints ?? {}).map(([name, message]) =>
      constraintMessage(field, name, message),
    );
    if (messages.length > 0) out[field] = messages;
    Object.assign(out, toFieldErrors(e.children ?? [], `${field}.`));
  }
  return out;
}

function constraintMessage(field: string, constraint: string, message: unknown): string {
  if (constraint === 'whitelistValidation') return `${field} is not an accepted field`;
  if (constraint === 'unknownValue') return `${field || 'body'} must be a JSON object`;
  return typeof message === 'string' && message !== '' ? message : `${field} is invalid (${constraint})`;
}
