import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  checkCheckpointSignature,
  checkpointFromJson,
  checkpointText,
  checkpointToJson,
  signCheckpoint,
  type UnsignedCheckpoint,
} from '../../lib/audit/chain/checkpoint-format';
import { signingKeyFromSeed } from '../../lib/audit/chain/signing-key';

const key = signingKeyFromSeed(randomBytes(32).toString('base64url'));
const other = signingKeyFromSeed(randomBytes(32).toString('base64url'));
const unsigned: UnsignedCheckpoint = {
  id: 'c1',
  seq: 57,
  hash: 'ab'.repeat(32),
  at: Date.parse('2026-11-27T10:00:00.000Z'),
  reason: 'periodic',
  requestedBy: null,
};

test('the signed text is the documented canonical array: tag, seq, hash, ISO time, key id', () => {
  const checkpoint = signCheckpoint(key, unsigned);
  assert.equal(checkpointText(checkpoint), `["audit-checkpoint-v1",57,"${'ab'.repeat(32)}","2026-11-27T10:00:00.000Z","${key.keyId}"]`);
  assert.equal(checkCheckpointSignature(checkpoint, key), 'valid');
});

test('the JSON line round-trips, and a changed seq, hash or time breaks the signature', () => {
  const checkpoint = signCheckpoint(key, unsigned);
  assert.deepEqual(checkpointFromJson(checkpointToJson(checkpoint)), checkpoint);
  for (const change of [{ seq: 58 }, { hash: 'cd'.repeat(32) }, { at: unsigned.at + 1 }]) {
    assert.equal(checkCheckpointSignature({ ...checkpoint, ...change }, key), 'forged', JSON.stringify(change));
  }
  // Bookkeeping outside the signature may differ without making it invalid.
  assert.equal(checkCheckpointSignature({ ...checkpoint, reason: 'on-demand' }, key), 'valid');
});

test('a checkpoint signed by another key is told apart from a forgery', () => {
  const foreign = signCheckpoint(other, unsigned);
  assert.equal(checkCheckpointSignature(foreign, key), 'other-key');
  // Claiming the console's key id with another key's signature is a forgery, not a foreign checkpoint.
  assert.equal(checkCheckpointSignature({ ...foreign, keyId: key.keyId, publicKey: key.publicKeyPem }, key), 'forged');
});

test('text that is not a checkpoint reads as none', () => {
  for (const line of ['', 'not json', '{"v":2}', checkpointToJson(signCheckpoint(key, unsigned)).slice(0, 40)]) {
    assert.equal(checkpointFromJson(line), null, line);
  }
});
