import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, parseConfig } from '../../lib/config';

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
