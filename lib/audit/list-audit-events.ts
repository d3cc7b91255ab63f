import { sql, type Kysely, type SqlBool } from 'kysely';
import type { Database } from '../db/schema';
import type { AuditFilter, AuditPage } from './audit-filter';
import { AUDIT_EVENT_COLUMNS, toAuditEvent, type AuditEventRow } from './audit-row';
import { filterConditions } from './filter-conditions';
import type { AuditEvent } from './types';

/** An audit event with the label its call has in the registry, if any. */
export interface AuditEventWithLabel extends AuditEvent {
  readonly callLabel: string | null;
}

export interface AuditListPage<T> {
  readonly items: readonly T[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: number | null;
}

const EVENT_COLUMNS = AUDIT_EVENT_COLUMNS.map((column) => `e.${column}` as const);

/**
 * Adds the label to the event as it is: copying an event of twenty fields with spread syntax cost
 * more than building it (the export makes a million of them).
 */
function withCallLabel(row: AuditEventRow & { readonly call_label: string | null }): AuditEventWithLabel {
  return Object.assign(toAuditEvent(row), { callLabel: row.call_label });
}

/** Every kind of audit event, newest first, one keyset page at a time. */
export async function listAuditEvents(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: AuditPage,
): Promise<AuditListPage<AuditEventWithLabel>> {
  const conditions = filterConditions(filter, page.cursor, {
    seq: 'e.seq',
    at: 'e.at',
    actorId: 'e.actor_id',
    actorEmail: 'e.actor_email',
    callId: 'e.target_call_id',
    batchId: 'e.batch_id',
    action: (action) => sql<SqlBool>`e.action = ${action}`,
    outcome: sql`e.outcome`,
    text: ['e.reason', 'k.label', 'e.actor_email', 'e.fault_text'],
  });
  const rows = await db
    .selectFrom('audit_events as e')
    .leftJoin('calls as k', 'k.call_id', 'e.target_call_id')
    .select(EVENT_COLUMNS)
    .select('k.label as call_label')
    .where((eb) => eb.and(conditions))
    .orderBy('e.seq', 'desc')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const items = rows.slice(0, page.limit).map(withCallLabel);
  return { items, nextCursor: more ? (items.at(-1)?.seq ?? null) : null };
}

/** One event with every stored field, or null when there is no such seq. */
export async function getAuditEvent(db: Kysely<Database>, seq: number): Promise<AuditEventWithLabel | null> {
  if (!Number.isSafeInteger(seq) || seq < 1) return null;
  const row = await db
    .selectFrom('audit_events as e')
    .leftJoin('calls as k', 'k.call_id', 'e.target_call_id')
    .select(EVENT_COLUMNS)
    .select('k.label as call_label')
    .where('e.seq', '=', seq)
    .executeTakeFirst();
  return row ? withCallLabel(row) : null;
}
