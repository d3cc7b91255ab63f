// RFC 4180 CSV, made safe for spreadsheets: a cell a spreadsheet would read as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading single quote, so it is
// shown as text and never run.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export type CsvValue = string | number | boolean | null;

/** One cell's text: neutralised, then quoted when it holds a comma, a quote or a line break. */
export function toCsvCell(value: CsvValue): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function toCsvLine(values: readonly CsvValue[]): string {
  return `${values.map(toCsvCell).join(',')}\r\n`;
}
