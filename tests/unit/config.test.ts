import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, multiInstanceProblems, parseConfig } from '../../lib/config';

function problems(env: Record<string, string>): readonly string[] {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  test('an empty environment gives the documented defaults and the embedded simulator', () => {
    const config = parseConfig({});
    assert.equal(config.um.url, undefined);
    assert.equal(config.um.timeoutMs, 10_000);
    assert.equal(config.um.maxConcurrency, 16);
    assert.equal(config.um.maxResponseBytes, 65_536);
    assert.equal(config.port, 3000);
    assert.equal(config.dataDir, path.resolve('data'));
    assert.equal(config.databaseUrl, `file:${path.resolve('data', 'console.db')}`);
  });

  test('a UM service URL that is not http(s) is refused with the value in the message', () => {
    assert.deepEqual(problems({ UM_SERVICE_URL: 'ftp://cas.contoso.com/x' }), [
      'UM_SERVICE_URL must be an http(s) URL, got "ftp://cas.contoso.com/x"',
    ]);
    assert.deepEqual(problems({ UM_SERVICE_URL: 'cas.contoso.com' }), [
      'UM_SERVICE_URL must be an http(s) URL, got "cas.contoso.com"',
    ]);
  });

  test('credentials inside the URL are refused without echoing them', () => {
    const [message] = problems({ UM_SERVICE_URL: 'https://svc:S3cret@cas.contoso.com/EWS/UM2007Legacy.asmx' });
    assert.match(message ?? '', /must not contain a user name or password/);
    assert.doesNotMatch(message ?? '', /S3cret/);
  });

  test('every bad number is reported at once, naming the variable and the range', () => {
    assert.deepEqual(problems({ UM_TIMEOUT_MS: 'ten', UM_MAX_CONCURRENCY: '0', PORT: '70000' }), [
      'UM_TIMEOUT_MS must be a whole number from 100 to 300000, got "ten"',
      'UM_MAX_CONCURRENCY must be a whole number from 1 to 256, got "0"',
      'PORT must be a whole number from 1 to 65535, got "70000"',
    ]);
  });

  test('a password without a user name is refused', () => {
    assert.deepEqual(problems({ UM_PASSWORD: 'x' }), ['UM_PASSWORD is set but UM_USERNAME is not']);
  });

  test('empty values count as unset', () => {
    const config = parseConfig({ UM_SERVICE_URL: '', UM_TIMEOUT_MS: ' ' });
    assert.equal(config.um.url, undefined);
    assert.equal(config.um.timeoutMs, 10_000);
  });

  test('a valid remote configuration is taken as given', () => {
    const config = parseConfig({
      UM_SERVICE_URL: 'https://cas.contoso.com/EWS/UM2007Legacy.asmx',
      UM_USERNAME: 'CONTOSO\\svc-um',
      UM_PASSWORD: 'pw',
      UM_TIMEOUT_MS: '2500',
      UM_MAX_CONCURRENCY: '4',
      DATA_DIR: '/var/lib/um-console',
    });
    assert.equal(config.um.url, 'https://cas.contoso.com/EWS/UM2007Legacy.asmx');
    assert.equal(config.um.username, 'CONTOSO\\svc-um');
    assert.equal(config.um.timeoutMs, 2500);
    assert.equal(config.um.maxConcurrency, 4);
    assert.equal(config.databaseUrl, 'file:/var/lib/um-console/console.db');
  });

  test('the audit checkpoint and verification intervals default to an hour and ten minutes, and a bad one is named', () => {
    const defaults = parseConfig({});
    assert.equal(defaults.auditCheckpointIntervalMs, 3_600_000);
    assert.equal(defaults.auditVerifyIntervalMs, 600_000);
    const set = parseConfig({ AUDIT_CHECKPOINT_INTERVAL_MS: '60000', AUDIT_VERIFY_INTERVAL_MS: '5000' });
    assert.deepEqual([set.auditCheckpointIntervalMs, set.auditVerifyIntervalMs], [60_000, 5000]);
    assert.deepEqual(problems({ AUDIT_CHECKPOINT_INTERVAL_MS: '0', AUDIT_VERIFY_INTERVAL_MS: 'hourly' }), [
      'AUDIT_CHECKPOINT_INTERVAL_MS must be a whole number from 1000 to 86400000, got "0"',
      'AUDIT_VERIFY_INTERVAL_MS must be a whole number from 1000 to 86400000, got "hourly"',
    ]);
  });

  test('DATABASE_URL takes file: or postgres:// (with an optional schema), DB_POOL_SIZE a pool size; a bad one is named without echoing a password', () => {
    const pg = parseConfig({ DATABASE_URL: 'postgres://umcc_app:S3cret@db.contoso.com:5432/umcc?schema=umcc', DB_POOL_SIZE: '25' });
    assert.equal(pg.databaseUrl, 'postgres://umcc_app:S3cret@db.contoso.com:5432/umcc?schema=umcc');
    assert.equal(pg.databasePoolSize, 25);
    assert.equal(parseConfig({}).databasePoolSize, 10);
    assert.equal(parseConfig({ DATABASE_URL: 'postgresql://db/umcc' }).databaseUrl, 'postgresql://db/umcc');
    const [scheme, poolSize, schema] = problems({
      DATABASE_URL: 'mysql://root:S3cret@db/umcc',
      DB_POOL_SIZE: '0',
    }).concat(problems({ DATABASE_URL: 'postgres://u:S3cret@db/umcc?schema=Robert%27);drop' }));
    assert.equal(scheme, 'DATABASE_URL must be file:<path> (SQLite) or postgres://… (PostgreSQL), got mysql:');
    assert.equal(poolSize, 'DB_POOL_SIZE must be a whole number from 1 to 1000, got "0"');
    assert.match(schema ?? '', /^DATABASE_URL's schema must be a lower-case PostgreSQL name/);
    assert.doesNotMatch([scheme, poolSize, schema].join(' '), /S3cret/);
  });
  test('PostgreSQL mode needs the keys every instance shares, and a second pooled connection; SQLite needs none of them', () => {
    const pg = 'postgres://umcc_app@db.contoso.com/umcc?schema=umcc';
    assert.deepEqual(multiInstanceProblems(parseConfig({})), []);
    const missing = multiInstanceProblems(parseConfig({ DATABASE_URL: pg, DB_POOL_SIZE: '1' }));
    assert.deepEqual(
      missing.map((problem) => problem.split(' ')[0]),
      ['AUTH_SECRET', 'AUDIT_HMAC_KEY', 'AUDIT_SIGNING_KEY', 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', 'DB_POOL_SIZE'],
    );
    assert.match(missing[3] ?? '', /must be set in PostgreSQL mode.*openssl rand -base64 32/);
    const complete = {
      DATABASE_URL: pg,
      NEXTAUTH_SECRET: 'a session secret shared by every instance',
      AUDIT_HMAC_KEY: 'an audit key of at least thirty-two characters',
      AUDIT_SIGNING_KEY: 'ktnwu1H5gb5U9E4SHKjDMXuKErsb78RMq8ln-AO0IOI',
      NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'w20xekfLkVS0a/5IidxGDgFqSFBijoQdEANrXUSwkGc=',
    };
    assert.deepEqual(multiInstanceProblems(parseConfig(complete)), []);
  });

  test('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be an AES key in base64', () => {
    assert.equal(parseConfig({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'w20xekfLkVS0a/5IidxGDgFqSFBijoQdEANrXUSwkGc=' }).serverActionsKeySet, true);
    assert.equal(parseConfig({}).serverActionsKeySet, false);
    for (const bad of ['not base64!', 'c2hvcnQ=']) {
      assert.deepEqual(problems({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: bad }), [
        'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be an AES key in base64 (16, 24 or 32 bytes); generate one with `openssl rand -base64 32`',
      ]);
    }
  });

  test('a bulk disconnect uses sightings up to one poll interval old by default, at most 60 s; 0 means a fresh pre-check always', () => {
    assert.equal(parseConfig({}).bulkPrecheckMaxAgeMs, 5000);
    assert.equal(parseConfig({ POLL_INTERVAL_MS: '2000' }).bulkPrecheckMaxAgeMs, 2000);
    assert.equal(parseConfig({ POLL_INTERVAL_MS: '3600000' }).bulkPrecheckMaxAgeMs, 60_000);
    assert.equal(parseConfig({ BULK_PRECHECK_MAX_AGE_MS: '0' }).bulkPrecheckMaxAgeMs, 0);
    assert.equal(parseConfig({ BULK_PRECHECK_MAX_AGE_MS: '15000', POLL_INTERVAL_MS: '1000' }).bulkPrecheckMaxAgeMs, 15_000);
    assert.equal(parseConfig({ BULK_PRECHECK_MAX_AGE_MS: ' ' }).bulkPrecheckMaxAgeMs, 5000, 'empty counts as unset');
    for (const value of ['-1', '60001', 'soon', '1.5']) {
      assert.deepEqual(problems({ BULK_PRECHECK_MAX_AGE_MS: value }), [`BULK_PRECHECK_MAX_AGE_MS must be a whole number from 0 to 60000, got "${value}"`]);
    }
  });

  test('disconnect verification lasts 15 s by default, 0 turns it off, and anything between 0 and a second is refused', () => {
    assert.equal(parseConfig({}).disconnectVerifyTimeoutMs, 15_000);
    assert.equal(parseConfig({ DISCONNECT_VERIFY_TIMEOUT_MS: '0' }).disconnectVerifyTimeoutMs, 0);
    assert.equal(parseConfig({ DISCONNECT_VERIFY_TIMEOUT_MS: '3000' }).disconnectVerifyTimeoutMs, 3000);
    for (const value of ['500', '300001', '-1', 'off']) {
      assert.deepEqual(problems({ DISCONNECT_VERIFY_TIMEOUT_MS: value }), [
        `DISCONNECT_VERIFY_TIMEOUT_MS must be 0 (no verification) or a whole number from 1000 to 300000, got "${value}"`,
      ]);
    }
  });
});
