import type { FieldErrors, Lang, MatchResult, MeasureResult } from '@app/engine';
import { addFieldError, hasControlCharacter } from '@app/engine';

/** Who the review outcome goes to: a name and at least one of phone and email. */
export interface Contact {
  name: string;
  phone?: string;
  email?: string;
}

/** 申报意向: the measures the company intends to claim, and whom to tell about the review. */
export interface Application {
  measureIds: string[];
  contact: Contact;
}

const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;
const EMAIL = /^[^\s@"<>(),;:\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$/;
const MAX_MEASURES = 50;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Checks the shape of `application` (ids are checked against the match by `checkChosenMeasures`). */
export function applicationErrors(value: unknown, lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  const say = (field: string, zh: string, en: string) => addFieldError(errors, field, lang === 'zh' ? zh : en);
  if (!isObject(value)) {
    say('application', 'application 须为对象', 'application must be an object');
    return errors;
  }
  for (const k of Object.keys(value))
    if (k !== 'measureIds' && k !== 'contact')
      say(`application.${k}`, `未知字段 ${k}`, `${k} is not an accepted field`);
  const ids = value.measureIds;
  if (!Array.isArray(ids) || ids.length === 0 || ids.length > MAX_MEASURES)
    say(
      'application.measureIds',
      `请选择 1 至 ${MAX_MEASURES} 项拟申报的措施`,
      `measureIds must list 1 to ${MAX_MEASURES} measures`,
    );
  else
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || id.length === 0 || id.length > 100 || hasControlCharacter(id))
        say(`application.measureIds[${i}]`, '措施编号须为文本', 'a measure id must be text');
      else if (ids.indexOf(id) !== i) say(`application.measureIds[${i}]`, `重复的措施 ${id}`, `${id} is listed twice`);
    });
  contactErrors(value.contact, say);
  return errors;
}

function contactErrors(contact: unknown, say: (field: string, zh: string, en: string) => void): void {
  if (!isObject(contact)) {
    say('application.contact', '请填写联系人（姓名及电话或邮箱）', 'contact (name and phone or email) is required');
    return;
  }
  for (const k of Object.keys(contact))
    if (!['name', 'phone', 'email'].includes(k))
      say(`application.contact.${k}`, `未知字段 ${k}`, `${k} is not an accepted field`);
  const { name, phone, email } = contact;
  // This body skips the global pipe's raw-input checks (the engine validates the profile), so text is checked here.
  for (const [k, v] of Object.entries(contact))
    if (typeof v === 'string' && hasControlCharacter(v))
      say(
        `application.contact.${k}`,
        `${k} 含有控制字符（如 NUL），请删除`,
        `${k} contains a control character (such as NUL)`,
      );
  if (typeof name !== 'string' || name.trim().length === 0 || name.length > 100 || hasControlCharacter(name))
    say('application.contact.name', '联系人姓名必填（不超过 100 字）', 'name is required (at most 100 characters)');
  if (phone === undefined && email === undefined)
    say('application.contact', '请至少填写电话或邮箱之一', 'give a phone number or an email address');
  if (phone !== undefined && (typeof phone !== 'string' || !(MOBILE.test(phone) || LANDLINE.test(phone))))
    say(
      'application.contact.phone',
      '电话格式不正确：11 位手机号或带区号的固定电话（如 020-12345678）',
      'phone must be an 11-digit mobile number or a landline with its area code (e.g. 020-12345678)',
    );
  if (email !== undefined && (typeof email !== 'string' || email.length > 200 || !EMAIL.test(email)))
    say('application.contact.email', '邮箱格式不正确', 'email is not a valid address');
}

/** The application as validated: text trimmed, empty optional fields dropped. */
export function cleanApplication(value: Record<string, unknown>): Application {
  const contact = value.contact as Record<string, string>;
  return {
    measureIds: value.measureIds as string[],
    contact: {
      name: contact.name.trim(),
      ...(contact.phone ? { phone: contact.phone } : {}),
      ...(contact.email ? { email: contact.email } : {}),
    },
  };
}

/**
 * A case holds only measures a company can claim now: in force, an entitlement or an application, and eligible
 * or needing information (the caseworker can ask for it). Anything else is refused naming its place in the list.
 */
export function chosenMeasureErrors(result: MatchResult, measureIds: string[], lang: Lang): FieldErrors {
  const errors: FieldErrors = {};
  measureIds.forEach((id, i) => {
    const why = whyNotClaimable(result.results.find((r) => r.measureId === id));
    if (why) addFieldError(errors, `application.measureIds[${i}]`, `${id}: ${why[lang]}`);
  });
  return errors;
}

function whyNotClaimable(r: MeasureResult | undefined): { zh: string; en: string } | null {
  if (!r) return { zh: '没有这项措施', en: 'no such measure' };
  if (r.nature !== 'entitlement' && r.nature !== 'application')
    return { zh: '对标或导向类措施无需申报', en: 'a benchmark or guidance measure cannot be claimed' };
  if (!r.inForce) return { zh: '该措施当前不在有效期内', en: 'the measure is not in force' };
  if (r.status === 'ineligible') return { zh: '按所填信息不符合该措施条件', en: 'the profile does not qualify' };
  return null;
}
