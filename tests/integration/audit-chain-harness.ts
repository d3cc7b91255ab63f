// Shared set-up for the hash-chain tests: test keys, and the attacker's moves (someone with write
// access to the database, but not to the key).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../lib/audit';
import { getAuditHmacKey, type AuditKey } from '../../lib/audit/chain/audit-key';
import type { IntegrityOptions } from '../../lib/audit/chain/create-checkpoint';
import { signingKeyFromSeed, type AuditSigningKey } from '../../lib/audit/chain/signing-key';
import type { Database } from '../../lib/db/schema';
import { person } from './calls-harness';

export function testKey(): AuditKey {
  return Buffer.from(randomBytes(32).toString('base64url'), 'utf8');
}

export function testSigningKey(): AuditSigningKey {
  return signingKeyFromSeed(randomBytes(32).toString('base64url'));
}

/**
 * Both keys and a checkpoint file of the test's own, in the temp database's folder. The HMAC key is
 * by default the test process's own, so rows that code appends with the default key (refusals,
 * settings changes) chain with the rows the test appends.
 */
export function integrityFor(dir: string, hmacKey: AuditKey = getAuditHmacKey(), signingKey: AuditSigningKey = testSigningKey()) {
  return { hmacKey, signingKey, checkpointFile: path.join(dir, 'audit-checkpoints.jsonl') } satisfies IntegrityOptions;
}

/** Appends `count` varied events: disconnect pairs, plain tracks, a denial with details. */
export async function seedEvents(db: Kysely<Database>, key: AuditKey, count: number): Promise<void> {
  for (let i = 1; i <= count; i += 1) {
    const actor = person(i % 2 === 0 ? 'operator' : 'admin', `user${i % 3}`);
    if (i % 3 === 1) {
      await appendAuditEvent(db, { action: 'call.track', actor, targetCallId: `call-${i}`, details: { via: 'ui', i } }, Date.now, { key });
    } else if (i % 3 === 2) {
      await appendAuditEvent(db, { action: 'disconnect.requested', actor, targetCallId: `call-${i}`, reason: `stuck ${i}`, attemptId: `attempt-${i}` }, Date.now, { key });
    } else {
      await appendAuditEvent(
        db,
        { action: 'disconnect.completed', actor, targetCallId: `call-${i - 1}`, outcome: 'confirmed', umLatencyMs: 12.4, endLatencyMs: 300, attemptId: `attempt-${i - 1}` },
        Date.now,
        { key },
      );
    }
  }
}

export { dropAppendOnlyTriggers } from '../helpers/databases/append-only-triggers';
