import { createHmac } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AuditEventsTable } from '../../db/schema';
import type { AuditKey } from './audit-key';

/** prev_hash of the first hashed row. */
export const GENESIS_HASH = '0'.repeat(64);

/** A stored row without its chain columns: exactly what the hash covers. */
export type HashedAuditColumns = Omit<Selectable<AuditEventsTable>, 'prev_hash' | 'hash'>;

/**
 * The canonical encoding of a row, version 1: JSON.stringify of an array holding the tag
 * "audit-v1" then every stored column except prev_hash and hash, in this fixed order —
 * seq, at, actor_id, actor_email, actor_role, auth_method, source_ip, user_agent, action,
 * target_call_id, reason, outcome, fault_code, fault_text, um_latency_ms, end_latency_ms,
 * attempt_id, batch_id, details. Null stays null; seq, at and the latencies are JSON numbers
 * (PostgreSQL hands bigint back as strings, so they are normalised with Number); details is the
 * JSON text as stored, not re-serialised, so its key order cannot matter.
 */
export function canonicalAuditRow(row: HashedAuditColumns): string {
  return JSON.stringify([
    'audit-v1',
    Number(row.seq),
    Number(row.at),
    row.actor_id,
    row.actor_email,
    row.actor_role,
    row.auth_method,
    row.source_ip,
    row.user_agent,
    row.action,
    row.target_call_id,
    row.reason,
    row.outcome,
    row.fault_code,
    row.fault_text,
    numberOrNull(row.um_latency_ms),
    numberOrNull(row.end_latency_ms),
    row.attempt_id,
    row.batch_id,
    row.details,
  ]);
}

/** hex HMAC-SHA-256(key, prevHash + "\n" + canonical(row)). */
export function computeAuditHash(key: AuditKey, prevHash: string, row: HashedAuditColumns): string {
  return createHmac('sha256', key).update(`${prevHash}\n${canonicalAuditRow(row)}`, 'utf8').digest('hex');
}

function numberOrNull(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}
