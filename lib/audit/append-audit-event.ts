import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { actorColumns, toAuditEvent } from './audit-row';
import type { AuditEvent, AuditEventInput } from './types';

/** Epoch milliseconds; injectable so tests can pin time. */
export type Clock = () => number;

/**
 * The one way anything is written to the audit log. `seq` is the previous maximum + 1, taken in
 * the same statement as the insert, so sequence numbers have no gaps and no duplicates (a later
 * issue chains hashes along them). Resolves only once the row is committed, and THROWS when it
 * is not: the disconnect workflow sends nothing unless its request is on record. Given a caller's
 * transaction, the row joins it and is durable when that transaction commits.
 */
export async function appendAuditEvent(
  db: Kysely<Database>,
  input: AuditEventInput,
  clock: Clock = Date.now,
): Promise<AuditEvent> {
  const at = clock();
  const insert = (trx: Kysely<Database>) =>
    trx
      .insertInto('audit_events')
      .values({
        // A scalar subquery in VALUES (not INSERT … SELECT) keeps parameter types portable to
        // PostgreSQL, and on SQLite makes the whole append one write from its first step.
        seq: sql<number>`(select coalesce(max(seq), 0) + 1 from audit_events)`,
        at,
        ...actorColumns(input.actor),
        action: input.action,
        target_call_id: input.targetCallId ?? null,
        reason: input.reason ?? null,
        outcome: input.outcome ?? null,
        fault_code: input.faultCode ?? null,
        fault_text: input.faultText ?? null,
        um_latency_ms: roundOrNull(input.umLatencyMs),
        end_latency_ms: roundOrNull(input.endLatencyMs),
        attempt_id: input.attemptId ?? null,
        batch_id: input.batchId ?? null,
        details: input.details ? JSON.stringify(input.details) : null,
        prev_hash: null,
        hash: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  const row = db.isTransaction ? await insert(db) : await db.transaction().execute(insert);
  return toAuditEvent(row);
}

function roundOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value);
}
