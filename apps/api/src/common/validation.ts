import { applyDecorators, ArgumentMetadata, BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsArray, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min,
} from 'class-validator';
import { FieldErrorCode, FieldSpec, LocalizedText } from '@app/engine';

/**
 * Profile field decorators, one per field type of libs/engine's PROFILE_FIELDS. Each constraint's message
 * is the engine's FieldErrorCode; the exception filter renders it in the request's language with the same
 * `renderFieldError` the batch reader uses, so a bad field reads the same in the API and in a batch report.
 */
export function ProfileField(spec: FieldSpec): PropertyDecorator {
  const doc = (extra: Record<string, unknown>) => ApiPropertyOptional({ description: describe(spec), ...extra });
  switch (spec.type) {
    case 'creditCode':
      return applyDecorators(doc({ type: String, example: '91440300MA5FUTURE1' }), IsOptional(), IsString({ message: code('not-string') }),
        Matches(/^[0-9A-HJ-NPQRTUWXY]{18}$/, { message: code('credit-code-format') }));
    case 'string':
      return applyDecorators(doc({ type: String, maxLength: spec.maxLength }), IsOptional(), IsString({ message: code('not-string') }),
        MaxLength(spec.maxLength, { message: code('too-long') }));
    case 'enum':
      return applyDecorators(doc({ enum: spec.values }), IsOptional(), IsIn(spec.values as string[], { message: code('not-in-list') }));
    case 'enumArray':
      return applyDecorators(doc({ enum: spec.values, isArray: true }), IsOptional(), IsArray({ message: code('not-array') }),
        IsIn(spec.values as string[], { each: true, message: code('not-in-list') }));
    case 'integer':
      return applyDecorators(doc({ type: 'integer', minimum: spec.min, maximum: spec.max }), IsOptional(),
        IsNumber({ allowNaN: false, allowInfinity: false }, { message: code('not-number') }), IsInt({ message: code('not-integer') }),
        Min(spec.min, { message: code('below-min') }), ...(spec.max !== undefined ? [Max(spec.max, { message: code('above-max') })] : []));
    case 'number':
      return applyDecorators(doc({ type: Number, minimum: spec.min }), IsOptional(),
        IsNumber({ allowNaN: false, allowInfinity: false }, { message: code('not-number') }), Min(spec.min, { message: code('below-min') }));
    case 'boolean':
      return applyDecorators(doc({ type: Boolean }), IsOptional(), IsBoolean({ message: code('not-boolean') }));
  }
}

const code = (c: FieldErrorCode) => c;
const describe = (spec: FieldSpec & { unit?: LocalizedText }) =>
  `${spec.label.zh} / ${spec.label.en}${spec.unit ? ` (${spec.unit.zh})` : ''}. ${spec.hint.en}. Absent = unknown.`;

/** The order in which a field's broken rules are reported: the engine's validator stops at the same first one. */
const PRIORITY: FieldErrorCode[] = [
  'not-object', 'unknown-field', 'not-string', 'not-number', 'not-array', 'not-boolean', 'not-integer', 'not-in-list',
  'credit-code-format', 'too-long', 'below-min', 'above-max',
];

/** Validation failed: per field, the one error code to report. Rendered to text by the exception filter. */
export class ProfileValidationException extends BadRequestException {
  constructor(public readonly fieldCodes: Record<string, FieldErrorCode>) {
    super('invalid profile');
  }
}

/** Flattens class-validator errors (nested `profile.x` included) to `{ field: code }`. */
export function toFieldCodes(errors: ValidationError[]): Record<string, FieldErrorCode> {
  const out: Record<string, FieldErrorCode> = {};
  const visit = (e: ValidationError) => {
    const codes = Object.entries(e.constraints ?? {}).map(([name, message]) =>
      (name === 'whitelistValidation' ? 'unknown-field' : name === 'unknownValue' ? 'not-object' : message) as FieldErrorCode);
    if (codes.length > 0) out[e.property || 'profile'] = PRIORITY.find((p) => codes.includes(p)) ?? codes[0];
    (e.children ?? []).forEach(visit);
  };
  errors.forEach(visit);
  return out;
}

/** A JSON body must be an object: an array would otherwise be validated as fields "0", "1", … */
class BodyValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw new ProfileValidationException({ profile: 'not-object' });
    }
    return super.transform(value, metadata);
  }
}

/** The one global ValidationPipe (STYLE: whitelist + forbidNonWhitelisted + transform). */
export function createValidationPipe(): ValidationPipe {
  return new BodyValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new ProfileValidationException(toFieldCodes(errors)),
  });
}
