// RFC 4180 CSV, made safe for spreadsheets: a cell a spreadsheet would read as a formula
// (starting with = + - @, a tab or a carriage return) gets a leading single quote, so it is
// shown as text and never run.

const FORMULA_START = /^[=+\-@\t\r]/;
/**
 * A cell written otherwise than as it stands: a formula start, a leading single quote (quoted so
 * it is not taken for the one added to a formula) or a comma, quote or line break. Nearly every
 * cell of an export is plain, and one test clears it.
 */
const NEEDS_CARE = /^[=+\-@\t\r']|[",\r\n]/;

export type CsvValue = string | number | boolean | null;

/** One cell's text: neutralised, then quoted when it holds a comma, a quote or a line break. */
export function toCsvCell(value: CsvValue): string {
  if (value === null) return '';
  // Numbers and booleans never start a formula, hold a comma or need quotes.
  if (typeof value !== 'string') return String(value);
  if (!NEEDS_CARE.test(value)) return value;
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/** One record, CRLF-terminated as RFC 4180 asks. */
export function toCsvLine(values: readonly CsvValue[]): string {
  // Concatenated in place: map() and join() made two more arrays per row of an export.
  let line = '';
  for (let index = 0; index < values.length; index += 1) {
    line += index === 0 ? toCsvCell(values[index] ?? null) : `,${toCsvCell(values[index] ?? null)}`;
  }
  return `${line}\r\n`;
}
