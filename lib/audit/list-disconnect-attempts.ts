import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import { dialectOf } from '../db/dialect-of';
import type { Database } from '../db/schema';
import type { AuditFilter, AuditPage } from './audit-filter';
import { AUDIT_EVENT_COLUMNS, toAuditEvent } from './audit-row';
import { filterConditions } from './filter-conditions';
import type { AuditListPage } from './list-audit-events';
import type { AuditEvent, AuditOutcome } from './types';

export type AttemptStatus = 'in-progress' | 'completed' | 'denied';

/** One disconnect attempt: its request (or refusal) joined with its completion. */
export interface DisconnectAttempt {
  readonly attemptId: string;
  /** seq of the request: the attempt's place in the log and its pagination key. */
  readonly seq: number;
  /** The `disconnect.requested` event, or `disconnect.denied` for a refused attempt. */
  readonly requested: AuditEvent;
  readonly completed: AuditEvent | null;
  readonly callLabel: string | null;
  readonly status: AttemptStatus;
  /** The completion's outcome, 'denied' for a refused attempt, null while in progress. */
  readonly outcome: AuditOutcome | null;
}

const STARTS = ['disconnect.requested', 'disconnect.denied'] as const;

/** The request's columns an AuditEvent is made of (not the chain's hashes, which only verification reads). */
const REQUEST_COLUMNS = AUDIT_EVENT_COLUMNS.map((column) => `r.${column}` as const);

/**
 * The request's action, as the conditions that pick the start events read it. SQLite has no
 * statistics (the console never runs ANALYZE), so it takes `action IN (...)` for a narrow index
 * range: it read every start event through the action index, joined each to its completion and
 * sorted them all for one page, so a page cost as much as the whole tab up to its cursor (an export
 * of the tab, 600 batches at a million events, took minutes). Under SQLite's unary plus the term
 * cannot use an index: it walks the seq index newest first from the cursor and stops when the page
 * is full, or reads the at index when the filter has a time range. PostgreSQL, with statistics,
 * already walks its primary key; an expression there would only blind its row estimates.
 */
function startActionColumn(db: Kysely<Database>): RawBuilder<string> {
  return dialectOf(db) === 'sqlite' ? sql<string>`+${sql.ref('r.action')}` : sql<string>`${sql.ref('r.action')}`;
}

/** Disconnect attempts, newest first, one row each, one keyset page at a time. */
export async function listDisconnectAttempts(
  db: Kysely<Database>,
  filter: AuditFilter,
  page: AuditPage,
): Promise<AuditListPage<DisconnectAttempt>> {
  const startAction = startActionColumn(db);
  const conditions = filterConditions(filter, page.cursor, {
    seq: 'r.seq',
    at: 'r.at',
    actorId: 'r.actor_id',
    actorEmail: 'r.actor_email',
    callId: 'r.target_call_id',
    batchId: 'r.batch_id',
    action: (action) => {
      if (action === 'disconnect.completed') return sql<SqlBool>`c.seq is not null`;
      return (STARTS as readonly string[]).includes(action) ? sql<SqlBool>`${startAction} = ${action}` : sql<SqlBool>`1 = 0`;
    },
    outcome: sql`coalesce(c.outcome, r.outcome)`,
    text: ['r.reason', 'k.label', 'r.actor_email', 'c.fault_text'],
  });
  const rows = await db
    .selectFrom('audit_events as r')
    .leftJoin('audit_events as c', (join) => {
      const completion = join.onRef('c.attempt_id', '=', 'r.attempt_id').on('c.action', '=', 'disconnect.completed');
      // A pinned export shows an attempt as it stood at its pin: a completion written later is not there yet.
      return filter.throughSeq === undefined ? completion : completion.on('c.seq', '<=', filter.throughSeq);
    })
    .leftJoin('calls as k', 'k.call_id', 'r.target_call_id')
    .select(REQUEST_COLUMNS)
    .select(['k.label as call_label', 'c.seq as completed_seq'])
    .where(sql<SqlBool>`${startAction} in (${sql.join(STARTS)})`)
    .where('r.attempt_id', 'is not', null)
    .where((eb) => eb.and(conditions))
    .orderBy('r.seq', 'desc')
    .limit(page.limit + 1)
    .execute();
  const more = rows.length > page.limit;
  const shown = rows.slice(0, page.limit);
  const completedSeqs = shown.flatMap((row) => (row.completed_seq === null ? [] : [Number(row.completed_seq)]));
  const completed = await loadEvents(db, completedSeqs);
  const items = shown.map((row) =>
    toAttempt(toAuditEvent(row), row.completed_seq === null ? null : (completed.get(Number(row.completed_seq)) ?? null), row.call_label),
  );
  return { items, nextCursor: more ? (items.at(-1)?.seq ?? null) : null };
}

/** Both events of one attempt with every stored field, or null when the attempt is unknown. */
export async function getAttempt(db: Kysely<Database>, attemptId: string): Promise<DisconnectAttempt | null> {
  const rows = await db
    .selectFrom('audit_events as e')
    .leftJoin('calls as k', 'k.call_id', 'e.target_call_id')
    .selectAll('e')
    .select('k.label as call_label')
    .where('e.attempt_id', '=', attemptId)
    .orderBy('e.seq', 'asc')
    .execute();
  const start = rows.find((row) => (STARTS as readonly string[]).includes(row.action));
  if (!start) return null;
  const end = rows.find((row) => row.action === 'disconnect.completed');
  const { call_label, ...requested } = start;
  return toAttempt(toAuditEvent(requested), end ? toAuditEvent({ ...end }) : null, call_label);
}

async function loadEvents(db: Kysely<Database>, seqs: readonly number[]): Promise<Map<number, AuditEvent>> {
  if (seqs.length === 0) return new Map();
  const rows = await db.selectFrom('audit_events').select(AUDIT_EVENT_COLUMNS).where('seq', 'in', seqs).execute();
  return new Map(rows.map((row) => [Number(row.seq), toAuditEvent(row)]));
}

function toAttempt(requested: AuditEvent, completed: AuditEvent | null, callLabel: string | null): DisconnectAttempt {
  const denied = requested.action === 'disconnect.denied';
  return {
    attemptId: requested.attemptId ?? '',
    seq: requested.seq,
    requested,
    completed,
    callLabel,
    status: denied ? 'denied' : completed ? 'completed' : 'in-progress',
    outcome: denied ? 'denied' : (completed?.outcome ?? null),
  };
}
