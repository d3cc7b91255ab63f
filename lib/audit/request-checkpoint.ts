import type { Kysely } from 'kysely';
import type { Actor } from '../auth/actor';
import type { Database } from '../db/schema';
import { fail, ok, type Result } from '../result';
import { appendAuditEvent } from './append-audit-event';
import type { AuditCheckpoint } from './chain/checkpoint-format';
import { createAuditCheckpoint, type IntegrityOptions } from './chain/create-checkpoint';

/**
 * An administrator's "sign a checkpoint now" from the audit page. Someone else is refused, and the
 * refusal is on record as a denied `audit.checkpoint`; the admin's request is recorded as
 * `audit.checkpoint` and covered by the checkpoint it produced.
 */
export async function requestAuditCheckpoint(
  db: Kysely<Database>,
  actor: Actor,
  options: IntegrityOptions = {},
): Promise<Result<AuditCheckpoint, 'forbidden' | 'failed'>> {
  if (actor.role !== 'admin') {
    await appendAuditEvent(db, { action: 'audit.checkpoint', actor, outcome: 'denied' }, options.clock).catch((error: unknown) =>
      console.error('A refused audit checkpoint could not be audited:', error),
    );
    return fail('forbidden', 'Only an administrator can sign an audit checkpoint.');
  }
  try {
    const outcome = await createAuditCheckpoint(db, { ...options, reason: 'on-demand', actor, requestedBy: actor.email });
    if (outcome.checkpoint) return ok(outcome.checkpoint);
  } catch (error) {
    console.error('An on-demand audit checkpoint failed:', error);
  }
  return fail('failed', 'The checkpoint could not be signed. The server log has the details; try again in a moment.');
}
