import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteStatement } from 'kysely';

type Row = Record<string, unknown>;

/**
 * better-sqlite3 builds each row object in C++, setting every column by name, and for rows of
 * twenty columns that costs as much again as reading them: as arrays (raw mode) the rows of the
 * audit export read twice as fast. So a reading statement hands out arrays, and each is made an
 * object here by copying one that already has every column (all rows then share one shape) and
 * setting the values in column order. The result is the object better-sqlite3 would have built:
 * same keys in the same order, a later column of a repeated name overwriting the earlier one.
 * Kysely calls only all(), iterate() and run(); a statement that writes is handed back as it is.
 */
export function withRowObjects(statement: BetterSqlite3.Statement): SqliteStatement {
  if (!statement.reader) return statement;
  let names = columnNames(statement);
  // A column named __proto__ would set the prototype when assigned; better-sqlite3's own objects handle it.
  if (names.includes('__proto__')) return statement;
  let template = emptyRow(names);
  statement.raw(true);
  const toObject = (values: unknown[]): Row => {
    // The columns of `select *` change when a migration adds one; otherwise a statement's never do.
    if (values.length !== names.length) {
      names = columnNames(statement);
      template = emptyRow(names);
    }
    const row = { ...template };
    for (let index = 0; index < names.length; index += 1) row[names[index] as string] = values[index];
    return row;
  };
  return {
    reader: true,
    all: (parameters) => (statement.all(parameters) as unknown[][]).map(toObject),
    run: (parameters) => statement.run(parameters),
    iterate: function* (parameters) {
      for (const values of statement.iterate(parameters) as IterableIterator<unknown[]>) yield toObject(values);
    },
  };
}

function columnNames(statement: BetterSqlite3.Statement): string[] {
  return statement.columns().map((column) => column.name);
}

function emptyRow(names: readonly string[]): Row {
  const row: Row = {};
  for (const name of names) row[name] = null;
  return row;
}
