import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { AuditFilter } from './audit-filter';

/** The columns a filter looks at, as qualified names ("e.actor_email"), in one query's aliases. */
export interface FilterColumns {
  readonly seq: string;
  readonly at: string;
  readonly actorId: string;
  readonly actorEmail: string;
  readonly callId: string;
  readonly batchId: string;
  /** Where the action filter looks; attempts map it differently from single events. */
  readonly action: (action: NonNullable<AuditFilter['action']>) => Expression<SqlBool>;
  readonly outcome: RawBuilder<unknown>;
  /** Columns the free text is looked for in. */
  readonly text: readonly string[];
}

/** Makes user text literal inside LIKE: %, _ and the escape character itself match only themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

function containsIgnoringCase(column: string, text: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`lower(${sql.ref(column)}) like ${`%${escapeLike(text.toLowerCase())}%`} escape '\\'`;
}

/** SQL conditions for a filter and a keyset cursor; portable to PostgreSQL (no ILIKE, no GLOB). */
export function filterConditions(filter: AuditFilter, cursor: number | undefined, columns: FilterColumns): Expression<SqlBool>[] {
  const conditions: Expression<SqlBool>[] = [];
  const ref = (name: string) => sql.ref(name);
  if (cursor !== undefined) conditions.push(sql<SqlBool>`${ref(columns.seq)} < ${cursor}`);
  if (filter.throughSeq !== undefined) conditions.push(sql<SqlBool>`${ref(columns.seq)} <= ${filter.throughSeq}`);
  if (filter.onlyActorId !== undefined) conditions.push(sql<SqlBool>`${ref(columns.actorId)} = ${filter.onlyActorId}`);
  if (filter.actor !== undefined) {
    conditions.push(
      sql<SqlBool>`(${containsIgnoringCase(columns.actorEmail, filter.actor)} or ${ref(columns.actorId)} = ${filter.actor})`,
    );
  }
  if (filter.action !== undefined) conditions.push(columns.action(filter.action));
  if (filter.outcome !== undefined) conditions.push(sql<SqlBool>`${columns.outcome} = ${filter.outcome}`);
  if (filter.callId !== undefined) {
    // CallIds are case-sensitive base64, and LIKE ignores case on SQLite: compare the prefix exactly.
    conditions.push(sql<SqlBool>`substr(${ref(columns.callId)}, 1, ${filter.callId.length}) = ${filter.callId}`);
  }
  if (filter.batchId !== undefined) conditions.push(sql<SqlBool>`${ref(columns.batchId)} = ${filter.batchId}`);
  if (filter.from !== undefined) conditions.push(sql<SqlBool>`${ref(columns.at)} >= ${filter.from}`);
  if (filter.to !== undefined) conditions.push(sql<SqlBool>`${ref(columns.at)} < ${filter.to}`);
  if (filter.text !== undefined) {
    const text = filter.text;
    const matches = columns.text.map((column) => containsIgnoringCase(column, text));
    conditions.push(sql<SqlBool>`(${sql.join(matches, sql` or `)})`);
  }
  return conditions;
}
