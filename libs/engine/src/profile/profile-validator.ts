import { FieldErrors, Lang, ProfileWarning } from '../types';
import { hasValidCreditCodeCheckDigit, isCreditCodeShape } from './credit-code';
import { EnterpriseProfile } from './profile';
import { FieldSpec, PROFILE_FIELDS, ProfileField } from './profile-fields';
import { FieldErrorCode, renderFieldError } from './validation-messages';

/** The first rule a value breaks, or null. `null`/`undefined` never reach here: they mean unknown. */
export function checkFieldValue(spec: FieldSpec, value: unknown): FieldErrorCode | null {
  switch (spec.type) {
    case 'creditCode':
      if (typeof value !== 'string') return 'not-string';
      return isCreditCodeShape(value) ? null : 'credit-code-format';
    case 'string':
      if (typeof value !== 'string') return 'not-string';
      return value.length > spec.maxLength ? 'too-long' : null;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : 'not-in-list';
    case 'enumArray':
      if (!Array.isArray(value)) return 'not-array';
      return value.every((v) => typeof v === 'string' && spec.values.includes(v)) ? null : 'not-in-list';
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not-number';
      if (!Number.isInteger(value)) return 'not-integer';
      if (value < spec.min) return 'below-min';
      return spec.max !== undefined && value > spec.max ? 'above-max' : null;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'not-number';
      return value < spec.min ? 'below-min' : null;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'not-boolean';
  }
}

export interface ProfileValidation {
  /** The profile with null fields dropped (null = unknown), or null when any field is bad. */
  profile: EnterpriseProfile | null;
  errors: FieldErrors;
  warnings: ProfileWarning[];
}

/**
 * Validates a parsed profile (JSON body or batch row). Hand-written rather than class-validator so the
 * batch path stays fast; `profile.dto.spec.ts` proves it reports the same fields and reasons as the DTO.
 */
export function validateProfile(input: unknown, lang: Lang = 'zh'): ProfileValidation {
  const errors: FieldErrors = {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { profile: null, errors: { profile: [renderFieldError('profile', 'not-object', lang)] }, warnings: [] };
  }
  const profile: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input)) {
    if (!(field in PROFILE_FIELDS)) {
      errors[field] = [renderFieldError(field, 'unknown-field', lang)];
      continue;
    }
    if (value === null || value === undefined) continue;
    const code = checkFieldValue(PROFILE_FIELDS[field as ProfileField] as FieldSpec, value);
    if (code) errors[field] = [renderFieldError(field, code, lang)];
    else profile[field] = value;
  }
  if (Object.keys(errors).length > 0) return { profile: null, errors, warnings: [] };
  return { profile: profile as EnterpriseProfile, errors, warnings: profileWarnings(profile as EnterpriseProfile, lang) };
}

/** Accepted-but-suspicious input: today only a credit code whose check character does not match. */
export function profileWarnings(profile: EnterpriseProfile, lang: Lang = 'zh'): ProfileWarning[] {
  const code = profile.creditCode;
  if (code === undefined || !isCreditCodeShape(code) || hasValidCreditCodeCheckDigit(code)) return [];
  return [{
    field: 'creditCode',
    code: 'checksum-mismatch',
    message: lang === 'zh'
      ? '统一社会信用代码校验位不符（早期试点代码可能如此），已按原样接受，请核对'
      : 'The credit code check character does not match (early pilot codes may fail it); accepted as given, please check it',
  }];
}

/** CONTRACT §1: fiscalYear defaults to the calendar year before `asOf` (YYYY-MM-DD). */
export function effectiveFiscalYear(profile: EnterpriseProfile, asOf: string): number {
  return profile.fiscalYear ?? Number(asOf.slice(0, 4)) - 1;
}
