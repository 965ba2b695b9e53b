/** Quotes are checked "whitespace aside": seeds wrap lines and pad numbers ("2021-2025 年"). */
export function stripWhitespace(text: string): string {
  return text.replace(/\s+/gu, '');
}

/**
 * Finds a quote in a text ignoring whitespace; returns [start, end) offsets in the original text, or null.
 * Used both to check citations and to mark cited passages in `GET /api/documents/:id`.
 */
export function locateQuote(text: string, quote: string): { start: number; end: number } | null {
  const needle = stripWhitespace(quote);
  if (needle.length === 0) return null;
  const positions: number[] = [];
  let haystack = '';
  for (let i = 0; i < text.length; i++) {
    if (!/\s/u.test(text[i])) {
      positions.push(i);
      haystack += text[i];
    }
  }
  const at = haystack.indexOf(needle);
  if (at < 0) return null;
  return { start: positions[at], end: positions[at + needle.length - 1] + 1 };
}
