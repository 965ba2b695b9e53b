/**
 * Client-side checks, the same rules and words as the server (libs/engine profile-validator.ts and
 * validation-messages.ts), so a company sees the server's reason before it sends anything.
 * test/browser/web-validate.spec.ts runs both on the same bad inputs and compares the messages.
 */
import { PROFILE_FIELDS } from './schema.js';

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);

export function isCreditCodeShape(code) {
  return CREDIT_CODE_SHAPE.test(code);
}

export function hasValidCreditCodeCheckDigit(code) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(code[i]) * WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] === code[17];
}

/** The first rule a value breaks (an engine FieldErrorCode), or null. */
export function checkFieldValue(spec, value) {
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
    default:
      return null;
  }
}

/** The server's sentence for a code, word for word (renderFieldError). */
export function renderFieldError(field, code, lang = 'zh') {
  const spec = PROFILE_FIELDS[field];
  const name = spec ? (lang === 'zh' ? `${spec.label.zh}（${field}）` : `${field} (${spec.label.en})`) : field;
  const t = (zh, en) => (lang === 'zh' ? `${name}${zh}` : `${name} ${en}`);
  const min = spec && 'min' in spec ? spec.min : 0;
  const max = spec && 'max' in spec ? spec.max : undefined;
  const maxLength = spec && 'maxLength' in spec ? spec.maxLength : 0;
  const unit = spec?.unit ? (lang === 'zh' ? spec.unit.zh : spec.unit.en) : '';
  switch (code) {
    case 'not-string': return t('须为文本', 'must be text');
    case 'too-long': return t(`不能超过 ${maxLength} 个字符`, `must be at most ${maxLength} characters`);
    case 'credit-code-format':
      return t('须为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）',
        'must be 18 characters of digits and capital letters (no I, O, Z, S, V)');
    case 'not-in-list': {
      const values = spec && 'values' in spec ? spec.values.join(', ') : '';
      return t(`须为以下之一：${values}`, `must be one of: ${values}`);
    }
    case 'not-array': return t('须为列表（多个值用 ; 分隔）', 'must be a list (separate values with ;)');
    case 'not-integer': return t('须为整数', 'must be a whole number');
    case 'not-number': return t(`须为数字${unit ? `（${unit}）` : ''}`, `must be a number${unit ? ` (${unit})` : ''}`);
    case 'below-min': return t(`不能小于 ${min}`, `must not be less than ${min}`);
    case 'above-max': return t(`不能大于 ${max}`, `must not be greater than ${max}`);
    case 'not-boolean': return t('须为 是/否（true/false）', 'must be yes/no (true/false)');
    case 'unknown-field': return lang === 'zh' ? `未知字段 ${field}` : `${field} is not a profile field`;
    case 'not-object': return lang === 'zh' ? '企业信息须为 JSON 对象' : 'the profile must be a JSON object';
    default: return String(code);
  }
}

/** `{ field: [reason] }` for every bad field; null/undefined mean unknown and pass. */
export function validateProfile(profile, lang = 'zh') {
  const errors = {};
  for (const [field, value] of Object.entries(profile)) {
    if (!(field in PROFILE_FIELDS)) {
      errors[field] = [renderFieldError(field, 'unknown-field', lang)];
      continue;
    }
    if (value === null || value === undefined) continue;
    const code = checkFieldValue(PROFILE_FIELDS[field], value);
    if (code) errors[field] = [renderFieldError(field, code, lang)];
  }
  return errors;
}

/** Accepted but worth a second look (the server's profileWarnings): a credit code with a wrong check character. */
export function profileWarnings(profile, lang = 'zh') {
  const code = profile.creditCode;
  if (typeof code !== 'string' || !isCreditCodeShape(code) || hasValidCreditCodeCheckDigit(code)) return [];
  return [{
    field: 'creditCode',
    code: 'checksum-mismatch',
    message: lang === 'zh'
      ? '统一社会信用代码校验位不符（早期试点代码可能如此），已按原样接受，请核对'
      : 'The credit code check character does not match (early pilot codes may fail it); accepted as given, please check it',
  }];
}

const FULL_WIDTH = /[０-９．－]/g;
const MULTIPLIERS = { 万: 1e4, 亿: 1e8 };

/**
 * What a person types into a number box → the number sent, or the text itself when it is not a number
 * (the validator then reports "must be a number"). Thousands separators, spaces and full-width digits are
 * accepted, and so is a 万/亿 suffix ("1000万" = 10,000,000) for amounts; an empty box is unknown.
 */
export function parseNumberText(text, { allowMultiplier = false } = {}) {
  let s = String(text).replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[\s,，]/g, '');
  if (s === '') return undefined;
  let factor = 1;
  if (allowMultiplier) {
    const m = /^(.*?)(万|亿)?元?$/.exec(s);
    s = m[1];
    factor = m[2] ? MULTIPLIERS[m[2]] : 1;
  }
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(s)) return String(text).trim();
  // Rounded to the fen so 1.23万 is 12300, not 12300.000000000002.
  return factor === 1 ? Number(s) : Math.round(Number(s) * factor * 100) / 100;
}
