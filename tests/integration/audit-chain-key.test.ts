import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { AUDIT_KEY_FILE_NAME, loadOrCreateAuditKeyFile } from '../../lib/audit/chain/audit-key';

describe('the audit key file in the data folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'um-console-audit-key-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is created once with mode 0600 holding 32 random bytes, then reused unchanged', () => {
    const file = path.join(dataDir, 'nested', AUDIT_KEY_FILE_NAME);
    const first = loadOrCreateAuditKeyFile(path.dirname(file));
    const created = statSync(file);
    assert.equal(created.mode & 0o777, 0o600);
    assert.equal(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url').length, 32);
    const second = loadOrCreateAuditKeyFile(path.dirname(file));
    assert.deepEqual(second, first);
    assert.equal(statSync(file).ino, created.ino);
    assert.equal(statSync(file).mtimeMs, created.mtimeMs);
  });

  it('two data folders get different keys', () => {
    const other = mkdtempSync(path.join(tmpdir(), 'um-console-audit-key-'));
    try {
      assert.notDeepEqual(loadOrCreateAuditKeyFile(dataDir), loadOrCreateAuditKeyFile(other));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('a key copied in with loose permissions is tightened to 0600 and used as it is', () => {
    const file = path.join(dataDir, AUDIT_KEY_FILE_NAME);
    writeFileSync(file, `${'k'.repeat(40)}\n`, { mode: 0o644 });
    assert.equal(loadOrCreateAuditKeyFile(dataDir).toString('utf8'), 'k'.repeat(40));
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('a file too short to be a key is refused with a message, never replaced', () => {
    const file = path.join(dataDir, AUDIT_KEY_FILE_NAME);
    writeFileSync(file, 'short\n', { mode: 0o600 });
    assert.throws(() => loadOrCreateAuditKeyFile(dataDir), /no usable key[\s\S]*Restore it from your backup/);
    assert.equal(readFileSync(file, 'utf8'), 'short\n');
  });
});
