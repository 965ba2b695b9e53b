/**
 * Spreadsheet formula injection (CWE-1236): a cell that starts with = + - @ (or a tab or carriage return,
 * which some programs strip before evaluating) can run as a formula when the file is opened in Excel.
 * Prefixing an apostrophe makes Excel show the text as typed. Applied to every text cell we export.
 */
export function neutralizeFormula(text: string): string {
  if (text.length === 0) return text;
  const c = text.charCodeAt(0);
  // = + - @ \t \r
  if (c === 61 || c === 43 || c === 45 || c === 64 || c === 9 || c === 13) return `'${text}`;
  return text;
}
