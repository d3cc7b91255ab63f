import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsvCell, toCsvLine } from '../../lib/audit/export/csv-cells';

test('cells a spreadsheet would run (= + - @ tab CR) get a leading single quote', () => {
  assert.equal(toCsvCell('=1+1'), `"'=1+1"`);
  assert.equal(toCsvCell('+44 20 7946 0000'), `"'+44 20 7946 0000"`);
  assert.equal(toCsvCell('-2'), `"'-2"`);
  assert.equal(toCsvCell('@SUM(A1)'), `"'@SUM(A1)"`);
  assert.equal(toCsvCell('\tcmd'), `"'\tcmd"`);
  assert.equal(toCsvCell('\rcmd'), `"'\rcmd"`);
});

test('ordinary text and numbers pass unchanged; commas, quotes and line breaks are quoted per RFC 4180', () => {
  assert.equal(toCsvCell('Stuck call'), 'Stuck call');
  assert.equal(toCsvCell(42), '42');
  assert.equal(toCsvCell(-5), '-5');
  assert.equal(toCsvCell(null), '');
  assert.equal(toCsvCell('a,b'), '"a,b"');
  assert.equal(toCsvCell('say "hi"'), '"say ""hi"""');
  assert.equal(toCsvCell('two\nlines'), '"two\nlines"');
  assert.equal(toCsvCell('=A1,"x"'), `"'=A1,""x"""`);
});

test('a line ends with CRLF', () => {
  assert.equal(toCsvLine(['a', 1, null, '=x']), `a,1,,"'=x"\r\n`);
});

test('a cell that already starts with a single quote is quoted; booleans, control characters and non-ASCII pass as they are', () => {
  assert.equal(toCsvCell("'quoted"), `"'quoted"`);
  assert.equal(toCsvCell("'say \"x\""), `"'say ""x"""`);
  assert.equal(toCsvCell(true), 'true');
  assert.equal(toCsvCell(false), 'false');
  assert.equal(toCsvCell('a\u0001b\u0000'), 'a\u0001b\u0000');
  assert.equal(toCsvCell('Ünïcode ✓ 😀'), 'Ünïcode ✓ 😀');
  assert.equal(toCsvCell('x=1+1'), 'x=1+1');
  assert.equal(toCsvCell('=é,1'), `"'=é,1"`);
  assert.equal(toCsvCell('ends\r'), '"ends\r"');
});
