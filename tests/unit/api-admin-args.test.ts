import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAdminArgs } from '../../lib/cli/admin/parse-admin-args';
import { UsageError } from '../../lib/cli/admin/usage';

test('a command with its flags is read as an invocation', () => {
  assert.deepEqual(parseAdminArgs(['create-token', '--email', 'a@b', '--name', 'ci']), {
    command: 'create-token',
    flags: { email: 'a@b', name: 'ci' },
    json: false,
    args: [],
  });
  assert.equal(parseAdminArgs(['list-users', '--json']).json, true);
});

test('a missing required flag, a flag the command does not take and an unknown command are usage errors', () => {
  assert.throws(() => parseAdminArgs(['create-user', '--email', 'a@b']), (e) => e instanceof UsageError && /needs --role/.test(e.message));
  assert.throws(() => parseAdminArgs(['verify-audit', '--email', 'a@b']), (e) => e instanceof UsageError && /does not take --email/.test(e.message));
  assert.throws(() => parseAdminArgs(['drop-tables']), (e) => e instanceof UsageError && /Unknown command/.test(e.message));
  assert.throws(() => parseAdminArgs(['list-users', '--bogus']), UsageError);
});

test('verify-export takes the export file and its manifest as arguments, and --public-key', () => {
  assert.deepEqual(parseAdminArgs(['verify-export', 'a.csv', 'a.csv.manifest.json', '--public-key', 'console.pem']), {
    command: 'verify-export',
    flags: { 'public-key': 'console.pem' },
    json: false,
    args: ['a.csv', 'a.csv.manifest.json'],
  });
  assert.throws(() => parseAdminArgs(['verify-export', 'a.csv']), (e) => e instanceof UsageError && /needs <file> <manifest>/.test(e.message));
  assert.throws(() => parseAdminArgs(['verify-export', 'a', 'b', 'c']), (e) => e instanceof UsageError && /unexpected "c"/.test(e.message));
  assert.throws(() => parseAdminArgs(['verify-export', 'a', 'b', '--email', 'x@y']), (e) => e instanceof UsageError && /does not take --email/.test(e.message));
  assert.throws(() => parseAdminArgs(['list-users', 'extra']), (e) => e instanceof UsageError && /takes no arguments/.test(e.message));
});
