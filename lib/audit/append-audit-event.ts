import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { computeAuditHash, GENESIS_HASH, type HashedAuditColumns } from './chain/audit-hash';
import type { AuditKey } from './chain/audit-key';
import { getAuditHmacKeyForWriting } from './chain/audit-keys-for-writing';
import { inAuditTransaction } from './audit-transaction';
import { lockAuditHead } from './chain/lock-audit-head';
import { actorColumns, toAuditEvent } from './audit-row';
import type { AuditEvent, AuditEventInput } from './types';

/** Epoch milliseconds; injectable so tests can pin time. */
export type Clock = () => number;

export interface AppendAuditOptions {
  /** The hash chain's key; by default the process's (AUDIT_HMAC_KEY or the data folder's key file). */
  readonly key?: AuditKey;
}

/**
 * The one way anything is written to the audit log. In one transaction it takes the append lock,
 * reads the head, and inserts seq = head + 1 with prev_hash = the head's hash and hash = the HMAC
 * over both (see chain/audit-hash.ts), so sequence numbers have no gaps or duplicates and the
 * chain never forks. Resolves only once the row is committed, and THROWS when it is not: the
 * disconnect workflow sends nothing unless its request is on record. Given a caller's
 * transaction, the row joins it and is durable when that transaction commits.
 */
export async function appendAuditEvent(
  db: Kysely<Database>,
  input: AuditEventInput,
  clock: Clock = Date.now,
  options: AppendAuditOptions = {},
): Promise<AuditEvent> {
  const key = options.key ?? (await getAuditHmacKeyForWriting(db));
  const at = clock();
  const insert = async (trx: Kysely<Database>) => {
    await lockAuditHead(trx);
    const head = await trx
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    const columns: HashedAuditColumns = {
      seq: head ? Number(head.seq) + 1 : 1,
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
    };
    // Rows from before the chain existed carry no hash: the chain starts afresh after them.
    const prevHash = head?.hash ?? GENESIS_HASH;
    return trx
      .insertInto('audit_events')
      .values({ ...columns, prev_hash: prevHash, hash: computeAuditHash(key, prevHash, columns) })
      .returningAll()
      .executeTakeFirstOrThrow();
  };
  // A caller's transaction already holds the connection; queueing it behind an append waiting for
  // that connection would deadlock.
  const row = db.isTransaction ? await insert(db) : await inAuditTransaction(db, insert);
  return toAuditEvent(row);
}

function roundOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined ? null : Math.round(value);
}
