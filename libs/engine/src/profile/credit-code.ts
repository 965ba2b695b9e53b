/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters over
 * `0123456789ABCDEFGHJKLMNPQRTUWXY` (no I, O, Z, S, V); the last is a check character.
 */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

export function isCreditCodeShape(code: string): boolean {
  return SHAPE.test(code);
}

/** The check character for the first 17 characters of a code, by GB 32100-2015 §4.2. */
export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CREDIT_CODE_ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/** True when the 18th character matches the computed check character. Assumes a valid shape. */
export function hasValidCreditCodeCheckDigit(code: string): boolean {
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}
