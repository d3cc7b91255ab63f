// Reads RFC 4180 CSV as the export writes it (CRLF records, quoted fields that may hold commas,
// quotes and line breaks) a piece at a time, so a file of any size is checked in flat memory.

export interface CsvRecordReader {
  /** The records completed by this piece of text. */
  push(text: string): string[][];
  /** True when the text so far ends exactly at the end of a record. */
  atRecordEnd(): boolean;
}

export function createCsvRecordReader(): CsvRecordReader {
  let field = '';
  let record: string[] = [];
  let quoted = false;
  // A quote seen inside a quoted field: either the first of "" or the closing quote.
  let quoteSeen = false;
  // A carriage return seen outside quotes: a record ends if a line feed follows.
  let crSeen = false;
  let started = false;

  const push = (text: string): string[][] => {
    const done: string[][] = [];
    for (const c of text) {
      started = true;
      if (crSeen) {
        crSeen = false;
        if (c === '\n') {
          record.push(field);
          done.push(record);
          record = [];
          field = '';
          started = false;
          continue;
        }
        field += '\r';
      }
      if (quoted) {
        if (quoteSeen) {
          quoteSeen = false;
          if (c === '"') {
            field += '"';
            continue;
          }
          quoted = false;
        } else if (c === '"') {
          quoteSeen = true;
          continue;
        } else {
          field += c;
          continue;
        }
      }
      if (c === '"') quoted = true;
      else if (c === ',') {
        record.push(field);
        field = '';
      } else if (c === '\r') crSeen = true;
      else field += c;
    }
    return done;
  };

  return { push, atRecordEnd: () => !started };
}
