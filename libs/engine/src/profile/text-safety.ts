/**
 * Control characters other than tab and line breaks (NUL, ESC, DEL, …): no person types them, PostgreSQL
 * refuses NUL in text ("invalid byte sequence for encoding UTF8: 0x00"), and they corrupt exports. Every text
 * input is refused when it holds one — profile fields here, every other API input in the API's validation pipe.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is this pattern's purpose
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text);
}

/** U+FFFD: what a decoder leaves where bytes were not valid in the encoding it assumed. */
export function hasReplacementCharacter(text: string): boolean {
  return text.includes('\uFFFD');
}
