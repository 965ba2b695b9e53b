import { FieldErrors, Lang, ProfileWarning } from '../types';
import { hasValidCreditCodeCheckDigit, isCreditCodeShape } from './credit-code';
import { EnterpriseProfile } from './profile';
import { FieldSpec, PROFILE_FIELDS, ProfileField } from './profile-fields';
import { hasControlCharacter, hasReplacementCharacter } from './text-safety';
import { FieldErrorCode, renderFieldError } from './validation-messages';

/** True for the field names of CONTRACT §1, and only for them (`constructor`, `__proto__` are not fields). */
export function isProfileField(name: string): name is ProfileField {
  return Object.prototype.hasOwnProperty.call(PROFILE_FIELDS, name);
}

/**
 * The first rule a value breaks, or null: the one field checker of the API, the batch reader and the web form.
 * `null`/`undefined` never reach here: they mean unknown.
 */
export function checkFieldValue(spec: FieldSpec, value: unknown): FieldErrorCode | null {
  switch (spec.type) {
    case 'creditCode':
      if (typeof value !== 'string') return 'not-string';
      return isCreditCodeShape(value) ? null : 'credit-code-format';
    case 'string':
      if (typeof value !== 'string') return 'not-string';
      if (hasControlCharacter(value)) return 'control-character';
      if (hasReplacementCharacter(value)) return 'undecodable';
      return value.length > spec.maxLength ? 'too-long' : null;
    case 'enum':
      return typeof value === 'string' && spec.values.includes(value) ? null : 'not-in-list';
    case 'enumArray':
      if (!Array.isArray(value)) return 'not-array';
      return value.every((v) => typeof v === 'string' && spec.values.includes(v)) ? null : 'not-in-list';
    case 'integer':
      if (typeof value !== 'number' || Number.isNaN(value)) return 'not-number';
      if (Number.isFinite(value) && !Number.isInteger(value)) return 'not-integer';
      return rangeCode(spec, value);
    case 'number':
      if (typeof value !== 'number' || Number.isNaN(value)) return 'not-number';
      return rangeCode(spec, value);
    case 'boolean':
      return typeof value === 'boolean' ? null : 'not-boolean';
  }
}

function rangeCode(spec: { min: number; max: number }, value: number): FieldErrorCode | null {
  if (value < spec.min) return 'below-min';
  return value > spec.max ? 'above-max' : null;
}

export interface ProfileValidation {
  /** The profile with null fields dropped (null = unknown), or null when any field is bad. */
  profile: EnterpriseProfile | null;
  errors: FieldErrors;
  warnings: ProfileWarning[];
}

/**
 * Validates a profile given as JSON values (an API body, a stored profile, the web form's values).
 * Hand-written rather than class-validator so the batch path, which calls checkFieldValue per cell, stays fast.
 */
export function validateProfile(input: unknown, lang: Lang = 'zh'): ProfileValidation {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { profile: null, errors: { profile: [renderFieldError('profile', 'not-object', lang)] }, warnings: [] };
  }
  const errors: FieldErrors = {};
  const profile: Record<string, unknown> = {};
  let bad = false;
  for (const [field, value] of Object.entries(input)) {
    const message = fieldError(field, value, lang);
    if (message !== null) {
      addFieldError(errors, field, message);
      bad = true;
    } else if (value !== null && value !== undefined) profile[field] = value;
  }
  if (bad) return { profile: null, errors, warnings: [] };
  return {
    profile: profile,
    errors,
    warnings: profileWarnings(profile, lang),
  };
}

/** The message for one field's value, or null when it is fine (null and undefined are: unknown). */
export function fieldError(field: string, value: unknown, lang: Lang = 'zh'): string | null {
  if (!isProfileField(field)) return renderFieldError(field, 'unknown-field', lang);
  if (value === null || value === undefined) return null;
  const code = checkFieldValue(PROFILE_FIELDS[field], value);
  return code ? renderFieldError(field, code, lang) : null;
}

/** Sets `errors[field]` as an own property even for a name like `__proto__`, which plain assignment would swallow. */
export function addFieldError(errors: FieldErrors, field: string, message: string): void {
  Object.defineProperty(errors, field, { value: [message], enumerable: true, writable: true, configurable: true });
}

/**
 * Accepted-but-suspicious input: a credit code whose check character does not match, and R&D expense above
 * revenue (an R&D intensity over 100%, most often a unit slip such as 万元 typed as 元).
 */
export function profileWarnings(profile: EnterpriseProfile, lang: Lang = 'zh'): ProfileWarning[] {
  const warnings: ProfileWarning[] = [];
  const code = profile.creditCode;
  if (code !== undefined && isCreditCodeShape(code) && !hasValidCreditCodeCheckDigit(code)) {
    warnings.push({
      field: 'creditCode',
      code: 'checksum-mismatch',
      message:
        lang === 'zh'
          ? '统一社会信用代码校验位不符（早期试点代码可能如此），已按原样接受，请核对'
          : 'The credit code check character does not match (early pilot codes may fail it); accepted as given, please check it',
    });
  }
  if (rdExceedsRevenue(profile)) {
    warnings.push({
      field: 'rdExpense',
      code: 'rd-exceeds-revenue',
      message:
        lang === 'zh'
          ? '研发费用高于营业收入（研发投入强度超过 100%），已按原样接受，请核对金额和单位（元）'
          : 'R&D expense is above revenue (R&D intensity over 100%); accepted as given, please check the amounts and the unit (yuan)',
    });
  }
  return warnings;
}

/** Both amounts known and R&D above revenue (with revenue 0, any R&D at all). */
export function rdExceedsRevenue(profile: Pick<EnterpriseProfile, 'rdExpense' | 'revenue'>): boolean {
  const { rdExpense, revenue } = profile;
  return typeof rdExpense === 'number' && typeof revenue === 'number' && rdExpense > revenue;
}

/** CONTRACT §1: fiscalYear defaults to the calendar year before `asOf` (YYYY-MM-DD). */
export function effectiveFiscalYear(profile: EnterpriseProfile, asOf: string): number {
  return profile.fiscalYear ?? Number(asOf.slice(0, 4)) - 1;
}
