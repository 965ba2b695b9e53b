/**
 * Numbers as people write them, in the web form and in a batch file's cells. One rule, used by both:
 *
 * - Full-width characters count as their ASCII twins (１２３ → 123, ．→ ., ，→ ,, －→ -); nothing else is
 *   folded (no superscripts or circled digits: "10²" is not 102).
 * - Thousands separators: a comma between groups of exactly three digits after a first group of one to three
 *   (1,234,567.5). Any other comma makes the text not a number: "1,2,3" and "12,34" are refused, never read
 *   as 123 or 1234. Spaces inside a number are refused too ("2 000").
 * - Amounts (元) may end in 万 (× 10⁴) or 亿 (× 10⁸), optionally followed by 元: "1000万" → 10,000,000,
 *   "1.2亿元" → 120,000,000, "500元" → 500. Whole-number fields (headcount, patents, years) take no suffix.
 * - Plain decimals and exponent notation as spreadsheets write them (1234.5, .5, 1.2E+08).
 *
 * Anything else is returned as the trimmed text, which the field checker then refuses as "not a number" with
 * the same message everywhere. A blank text is `undefined`: unknown, never zero.
 */
const PLAIN = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const GROUPED = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;
const UNIT = /^(.*?)\s*(万|亿)?\s*元?$/;
const MULTIPLIER_EXPONENT = { 万: 4, 亿: 8 } as const;

export interface NumberTextOptions {
  /** Accept a 万/亿/元 suffix (amount fields). */
  amount?: boolean;
}

export function parseNumberText(text: string, options: NumberTextOptions = {}): number | string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  // Fast path: a plain ASCII number, the common case in a large file.
  if (PLAIN.test(trimmed)) return Number(trimmed);
  let s = halfWidth(trimmed).trim();
  let exponent = 0;
  if (options.amount) {
    const m = UNIT.exec(s)!;
    s = m[1];
    exponent = m[2] ? MULTIPLIER_EXPONENT[m[2] as keyof typeof MULTIPLIER_EXPONENT] : 0;
  }
  if (GROUPED.test(s)) s = s.replace(/,/g, '');
  else if (!PLAIN.test(s)) return trimmed;
  if (exponent === 0) return Number(s);
  // "1.23万": shift the decimal point in the text so the result is the exact decimal 12300, not 12300.000000000002.
  return /[eE]/.test(s) ? trimmed : Number(`${s}e${exponent}`);
}

/** Full-width ASCII (U+FF01–U+FF5E) and the ideographic space as their half-width twins. */
function halfWidth(s: string): string {
  return s.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
