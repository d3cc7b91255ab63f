// Counts rows from outside the test's own connections, synchronously: for checks made inside a
// synchronous hook (the UM simulator's request log), where nothing else may run in between.
import BetterSqlite3 from 'better-sqlite3';
import { runPgScriptSync } from './postgres-server';
import type { TestDatabase } from './test-database';

/** Column = value conditions, ANDed. */
export type Conditions = Readonly<Record<string, string>>;

const COUNT_SCRIPT = `
const { Client } = require('pg');
const { schema, table, conditions } = JSON.parse(process.argv[2]);
const names = Object.keys(conditions);
const where = names.map((name, i) => '"' + name + '" = $' + (i + 1)).join(' and ') || 'true';
const client = new Client({ connectionString: process.argv[1] });
(async () => {
  await client.connect();
  const result = await client.query('select count(*)::int as n from "' + schema + '"."' + table + '" where ' + where, names.map((n) => conditions[n]));
  process.stdout.write(String(result.rows[0].n));
  await client.end();
})().then(() => process.exit(0), (error) => { process.stderr.write(error.message); process.exit(1); });`;

/** A reader that counts rows of `table` matching `conditions`, as committed at the moment it is asked. */
export function rowCounterFor(database: Pick<TestDatabase, 'url' | 'schema'>): { count(table: string, conditions: Conditions): number; close(): void } {
  if (database.schema !== null) {
    const schema = database.schema;
    return {
      count: (table, conditions) => {
        const { ok, output } = runPgScriptSync(COUNT_SCRIPT, { schema, table, conditions });
        if (!ok) throw new Error(`Counting ${table} rows failed: ${output}`);
        return Number(output);
      },
      close: () => undefined,
    };
  }
  const reader = new BetterSqlite3(database.url.slice('file:'.length), { readonly: true });
  return {
    count: (table, conditions) => {
      const names = Object.keys(conditions);
      const where = names.map((name) => `"${name}" = ?`).join(' and ') || '1';
      const row = reader.prepare(`select count(*) as n from "${table}" where ${where}`).get(...names.map((name) => conditions[name])) as { n: number };
      return row.n;
    },
    close: () => reader.close(),
  };
}
