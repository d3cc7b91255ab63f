// Rows read as arrays and made objects in JS (lib/db/row-objects.ts) must be the very objects
// better-sqlite3 builds itself: same keys, same order, same values.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { withRowObjects } from '../../lib/db/row-objects';

function bothWays(sqlite: BetterSqlite3.Database, sql: string, parameters: unknown[] = []): { ours: unknown[]; theirs: unknown[] } {
  const theirs = sqlite.prepare(sql).all(parameters);
  const ours = withRowObjects(sqlite.prepare(sql)).all(parameters);
  return { ours, theirs };
}

function assertSameRows(sqlite: BetterSqlite3.Database, sql: string, parameters: unknown[] = []): void {
  const { ours, theirs } = bothWays(sqlite, sql, parameters);
  assert.deepStrictEqual(ours, theirs);
  assert.deepEqual(ours.map((row) => Object.keys(row as object)), theirs.map((row) => Object.keys(row as object)));
}

function fixture(): BetterSqlite3.Database {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec("create table t (id integer primary key, name text, size real, data blob); insert into t values (1, 'é,\"x\"', 1.5, x'00ff'), (2, null, null, null)");
  return sqlite;
}

test('values of every type, nulls and column order are as better-sqlite3 gives them', () => {
  const sqlite = fixture();
  assertSameRows(sqlite, 'select * from t order by id');
  assertSameRows(sqlite, 'select name, id from t where id = ?', [1]);
  assertSameRows(sqlite, 'select * from t where id = ?', [99]);
  sqlite.close();
});

test('a repeated column name keeps its first place and the last value, as in better-sqlite3', () => {
  const sqlite = fixture();
  assertSameRows(sqlite, 'select 1 as a, 2 as b, 3 as a');
  assert.deepEqual(withRowObjects(sqlite.prepare('select 1 as a, 2 as b, 3 as a')).all([]), [{ a: 3, b: 2 }]);
  sqlite.close();
});

test('a column named __proto__ leaves the prototype alone', () => {
  const sqlite = fixture();
  assertSameRows(sqlite, 'select 1 as __proto__, 2 as b');
  const [row] = withRowObjects(sqlite.prepare('select 1 as __proto__, 2 as b')).all([]);
  assert.equal(Object.getPrototypeOf(row), Object.prototype);
  sqlite.close();
});

test('iterate() gives the same rows, and writes with RETURNING read their rows too', () => {
  const sqlite = fixture();
  assert.deepStrictEqual([...withRowObjects(sqlite.prepare('select * from t order by id')).iterate([])], sqlite.prepare('select * from t order by id').all());
  const returning = withRowObjects(sqlite.prepare("insert into t (id, name) values (?, 'n') returning id, name"));
  assert.deepStrictEqual(returning.all([3]), [{ id: 3, name: 'n' }]);
  const write = withRowObjects(sqlite.prepare('delete from t where id = ?'));
  assert.equal(write.reader, false);
  assert.equal(write.run([3]).changes, 1);
  sqlite.close();
});

test('select * picks up a column added after the statement was prepared', () => {
  const sqlite = fixture();
  const statement = withRowObjects(sqlite.prepare('select * from t where id = 1'));
  statement.all([]);
  sqlite.exec("alter table t add column note text default 'added'");
  assert.deepStrictEqual(statement.all([]), sqlite.prepare('select * from t where id = 1').all());
  sqlite.close();
});
