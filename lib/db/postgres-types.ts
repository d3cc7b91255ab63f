import { types, type CustomTypesConfig } from 'pg';

// pg hands bigint (int8) and numeric values over as strings, because they can exceed what a JS
// number holds exactly. The console's bigints are epoch milliseconds, sequence numbers and counts,
// all far below 2^53, and domain code expects numbers as SQLite gives them: parse them, but refuse
// a value that would silently lose precision instead of rounding it.

const INT8_OID = 20;
const NUMERIC_OID = 1700;

/** An int8 as an exact number; throws beyond ±(2^53 − 1). */
export function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`PostgreSQL returned the bigint ${text.slice(0, 40)}, beyond what the console can read exactly.`);
  }
  return value;
}

/** A numeric (sum, avg) as a number; throws when it is not finite or a whole number beyond exact range. */
export function parseNumeric(text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || (Number.isInteger(value) && !Number.isSafeInteger(value))) {
    throw new RangeError(`PostgreSQL returned the number ${text.slice(0, 40)}, beyond what the console can read exactly.`);
  }
  return value;
}

/** Per pool rather than pg's global setTypeParser: nothing else in the process is affected. */
export const CONSOLE_TYPE_PARSERS: CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (format !== 'binary' && oid === INT8_OID) return parseInt8;
    if (format !== 'binary' && oid === NUMERIC_OID) return parseNumeric;
    return types.getTypeParser(oid, format);
  }) as CustomTypesConfig['getTypeParser'],
};
