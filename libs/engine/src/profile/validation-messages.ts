import { Lang } from '../types';
import { FieldSpec, PROFILE_FIELDS, ProfileField } from './profile-fields';

/**
 * Every reason a profile field can be rejected. The API, the batch reader and the web form all report these
 * codes, rendered by `renderFieldError`, so a bad field reads the same everywhere.
 */
export type FieldErrorCode =
  | 'not-string'
  | 'too-long'
  | 'credit-code-format'
  | 'not-in-list'
  | 'not-array'
  | 'not-integer'
  | 'not-number'
  | 'below-min'
  | 'above-max'
  | 'not-boolean'
  | 'unknown-field'
  | 'not-object'
  | 'control-character'
  | 'undecodable';

export function renderFieldError(field: string, code: FieldErrorCode, lang: Lang = 'zh'): string {
  const spec = Object.prototype.hasOwnProperty.call(PROFILE_FIELDS, field)
    ? (PROFILE_FIELDS[field as ProfileField] as FieldSpec)
    : undefined;
  // A person reads the label in their language; the field name itself is for the English (developer) reader.
  const name = spec ? (lang === 'zh' ? spec.label.zh : `${field} (${spec.label.en})`) : field;
  const t = (zh: string, en: string) => (lang === 'zh' ? `${name}${zh}` : `${name} ${en}`);
  const min = spec && 'min' in spec ? formatLimit(spec.min) : '0';
  const max = spec && 'max' in spec ? formatLimit(spec.max) : '';
  const maxLength = spec && 'maxLength' in spec ? spec.maxLength : 0;
  const unit = spec?.unit ? (lang === 'zh' ? spec.unit.zh : spec.unit.en) : '';
  switch (code) {
    case 'not-string':
      return t('须为文本', 'must be text');
    case 'too-long':
      return t(`不能超过 ${maxLength} 个字符`, `must be at most ${maxLength} characters`);
    case 'credit-code-format':
      return t(
        '须为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）',
        'must be 18 characters of digits and capital letters (no I, O, Z, S, V)',
      );
    case 'not-in-list': {
      // Chinese readers get the Chinese names (a batch file accepts them); English readers the ids.
      const values = spec && 'values' in spec ? spec.values.map((v) => (lang === 'zh' ? spec.labels[v].zh : v)) : [];
      return t(`须为以下之一：${values.join('、')}`, `must be one of: ${values.join(', ')}`);
    }
    case 'not-array':
      return t('须为列表（多个值用 ; 分隔）', 'must be a list (separate values with ;)');
    case 'not-integer':
      return t('须为整数', 'must be a whole number');
    case 'not-number':
      return t(`须为数字${unit ? `（${unit}）` : ''}`, `must be a number${unit ? ` (${unit})` : ''}`);
    case 'below-min':
      return t(`不能小于 ${min}`, `must not be less than ${min}`);
    case 'above-max':
      return t(`不能大于 ${max}`, `must not be greater than ${max}`);
    case 'not-boolean':
      return t('须为 是/否（true/false）', 'must be yes/no (true/false)');
    case 'control-character':
      return t('含有控制字符（如 NUL），请删除', 'contains a control character (such as NUL); remove it');
    case 'undecodable':
      return t(
        '含有无法识别的字符（文件编码可能有误）',
        'contains characters that could not be decoded (wrong file encoding?)',
      );
    case 'unknown-field':
      return lang === 'zh' ? `未知字段 ${field}` : `${field} is not a profile field`;
    case 'not-object':
      return lang === 'zh' ? '企业信息须为 JSON 对象' : 'the profile must be a JSON object';
  }
}

/** 2100 as it is; 1000000000000000 as 1,000,000,000,000,000 so a person can count the digits. */
function formatLimit(n: number): string {
  return Math.abs(n) < 1e5 ? String(n) : String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}
