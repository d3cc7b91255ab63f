import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseInt8, parseNumeric } from '../../lib/db/postgres-types';
import { isPostgresUrl, parsePostgresUrl } from '../../lib/db/postgres-url';

describe('a PostgreSQL DATABASE_URL', () => {
  test('?schema= becomes the session search_path (libpq options), kept beside options already given', () => {
    const plain = parsePostgresUrl('postgres://umcc_app:p%40ss@db.contoso.com:5432/umcc?schema=umcc&sslmode=require');
    assert.ok(plain.ok);
    assert.equal(plain.target.schema, 'umcc');
    const url = new URL(plain.target.connectionString);
    assert.deepEqual([url.username, url.password, url.hostname, url.pathname], ['umcc_app', 'p%40ss', 'db.contoso.com', '/umcc']);
    assert.deepEqual([url.searchParams.get('schema'), url.searchParams.get('options'), url.searchParams.get('sslmode')], [null, '-c search_path=umcc', 'require']);
    const both = parsePostgresUrl('postgresql://db/umcc?options=-c%20statement_timeout%3D5000&schema=umcc');
    assert.ok(both.ok);
    assert.equal(new URL(both.target.connectionString).searchParams.get('options'), '-c statement_timeout=5000 -c search_path=umcc');
  });

  test('without ?schema= the URL is left as it is and the role’s own search_path decides', () => {
    const parsed = parsePostgresUrl('postgres://db/umcc');
    assert.deepEqual(parsed.ok && parsed.target, { connectionString: 'postgres://db/umcc', schema: null });
  });

  test('a schema that would need quoting, or two of them, is refused', () => {
    for (const url of ['postgres://db/x?schema=Umcc', 'postgres://db/x?schema=1st', 'postgres://db/x?schema=a-b', 'postgres://db/x?schema=a&schema=b']) {
      assert.equal(parsePostgresUrl(url).ok, false, url);
    }
    assert.deepEqual([isPostgresUrl('postgres://h/d'), isPostgresUrl('postgresql://h/d'), isPostgresUrl('file:/x.db'), isPostgresUrl('pg://h/d')], [true, true, false, false]);
  });
});

describe('numbers read from PostgreSQL', () => {
  test('bigints up to 2^53 − 1 read exactly; beyond that they are refused, never rounded', () => {
    assert.equal(parseInt8('1764237600000'), 1_764_237_600_000);
    assert.equal(parseInt8('-9007199254740991'), -9_007_199_254_740_991);
    assert.throws(() => parseInt8('9007199254740993'), /beyond what the console can read exactly/);
  });

  test('numerics (sums, averages) read as numbers, with the same limit for whole ones', () => {
    assert.equal(parseNumeric('42'), 42);
    assert.equal(parseNumeric('2.5'), 2.5);
    assert.throws(() => parseNumeric('18446744073709551616'), /beyond what the console can read exactly/);
    assert.throws(() => parseNumeric('NaN'), /beyond what the console can read exactly/);
  });
});
