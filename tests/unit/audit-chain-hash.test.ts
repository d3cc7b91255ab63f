import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalAuditRow, computeAuditHash, GENESIS_HASH, type HashedAuditColumns } from '../../lib/audit/chain/audit-hash';
import { ConfigError, parseConfig } from '../../lib/config';

const ROW: HashedAuditColumns = {
  seq: 7,
  at: 1_740_830_400_000,
  actor_id: 'user-ada',
  actor_email: 'ada@contoso.test',
  actor_role: 'admin',
  auth_method: 'session',
  source_ip: '127.0.0.1',
  user_agent: 'node:test',
  action: 'disconnect.completed',
  target_call_id: 'Q2FsbA==',
  reason: 'stuck',
  outcome: 'confirmed',
  fault_code: null,
  fault_text: null,
  um_latency_ms: 13,
  end_latency_ms: 350,
  attempt_id: 'attempt-1',
  batch_id: null,
  details: '{"b":1,"a":2}',
};
const KEY = Buffer.from('k'.repeat(43), 'utf8');

describe('the canonical encoding and hash of an audit row', () => {
  it('is a JSON array in fixed column order, numbers as numbers, nulls as null, details as stored', () => {
    assert.equal(
      canonicalAuditRow(ROW),
      '["audit-v1",7,1740830400000,"user-ada","ada@contoso.test","admin","session","127.0.0.1","node:test",' +
        '"disconnect.completed","Q2FsbA==","stuck","confirmed",null,null,13,350,"attempt-1",null,"{\\"b\\":1,\\"a\\":2}"]',
    );
  });

  it('hashes the same whether bigints come back as numbers (SQLite) or strings (PostgreSQL)', () => {
    const fromPostgres = { ...ROW, seq: '7', at: '1740830400000', um_latency_ms: '13', end_latency_ms: '350' } as unknown as HashedAuditColumns;
    assert.equal(computeAuditHash(KEY, GENESIS_HASH, fromPostgres), computeAuditHash(KEY, GENESIS_HASH, ROW));
  });

  it('is hex HMAC-SHA-256 over the previous hash, a newline and the encoding', async () => {
    const { createHmac } = await import('node:crypto');
    const expected = createHmac('sha256', KEY).update(`${GENESIS_HASH}\n${canonicalAuditRow(ROW)}`).digest('hex');
    assert.equal(computeAuditHash(KEY, GENESIS_HASH, ROW), expected);
    assert.match(expected, /^[0-9a-f]{64}$/);
    assert.equal(GENESIS_HASH, '0'.repeat(64));
  });

  it('changes when any column, the previous hash or the key changes', () => {
    const base = computeAuditHash(KEY, GENESIS_HASH, ROW);
    const variants: Array<Partial<Record<keyof HashedAuditColumns, unknown>>> = [
      { seq: 8 }, { at: ROW.at + 1 }, { actor_id: null }, { actor_email: 'eve@contoso.test' }, { actor_role: 'viewer' },
      { auth_method: 'token' }, { source_ip: '10.0.0.1' }, { user_agent: 'curl' }, { action: 'disconnect.requested' },
      { target_call_id: 'other' }, { reason: 'Stuck' }, { outcome: 'failed' }, { fault_code: 'X' }, { fault_text: 'x' },
      { um_latency_ms: 14 }, { end_latency_ms: null }, { attempt_id: 'attempt-2' }, { batch_id: 'b' }, { details: '{"a":2,"b":1}' },
    ];
    assert.equal(variants.length, Object.keys(ROW).length);
    for (const change of variants) {
      assert.notEqual(computeAuditHash(KEY, GENESIS_HASH, { ...ROW, ...change } as HashedAuditColumns), base, JSON.stringify(change));
    }
    assert.notEqual(computeAuditHash(KEY, 'f'.repeat(64), ROW), base);
    assert.notEqual(computeAuditHash(Buffer.from('j'.repeat(43)), GENESIS_HASH, ROW), base);
  });

  it('tells a null apart from the text "null" and an empty string', () => {
    const hashes = new Set([null, 'null', ''].map((reason) => computeAuditHash(KEY, GENESIS_HASH, { ...ROW, reason })));
    assert.equal(hashes.size, 3);
  });
});

describe('AUDIT_HMAC_KEY', () => {
  it('is read when at least 32 characters long, and absent when unset or empty', () => {
    assert.equal(parseConfig({ AUDIT_HMAC_KEY: 'a'.repeat(32) }).auditHmacKey, 'a'.repeat(32));
    assert.equal(parseConfig({}).auditHmacKey, undefined);
    assert.equal(parseConfig({ AUDIT_HMAC_KEY: '' }).auditHmacKey, undefined);
  });

  it('is refused when shorter than 32 characters, naming the variable', () => {
    assert.throws(() => parseConfig({ AUDIT_HMAC_KEY: 'too-short' }), (e) => e instanceof ConfigError && /AUDIT_HMAC_KEY must be at least 32 characters/.test(e.message));
  });
});
