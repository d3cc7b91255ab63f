import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface AuditRowForCheck {
  readonly seq: number;
  readonly action: string;
  readonly attemptId: string | null;
}

export interface AuditCheckReport {
  readonly events: number;
  readonly firstSeq: number | null;
  readonly lastSeq: number | null;
  readonly attempts: number;
  readonly completed: number;
  /** Requested but not (yet) completed: in progress, or cut short before recovery ran. */
  readonly open: number;
  /** Completions whose request a retention prune removed (also counted in attempts and completed). */
  readonly completedAfterPrune: number;
  /** The first problem found, in words; null when the log checks out. */
  readonly problem: string | null;
}

/**
 * The checks beside the hash chain (chain/verify-chain.ts): seq rises by exactly one from the first
 * row; every disconnect.requested has at most one disconnect.completed with its attempt_id, and
 * every completed follows its requested. Stops at the first problem. In a log that a retention prune
 * shortened (`prunedThrough`, which verifyAuditLog has vouched for), a completion whose request is
 * not in the log had it pruned: the prune never removes an open request, but does remove a request
 * whose completion came after the prune boundary.
 */
export async function checkAuditRows(
  rows: AsyncIterable<AuditRowForCheck>,
  options: { readonly prunedThrough?: number | null } = {},
): Promise<AuditCheckReport> {
  const pruned = options.prunedThrough != null;
  let events = 0;
  let firstSeq: number | null = null;
  let lastSeq: number | null = null;
  const attempts = new Map<string, 'requested' | 'completed'>();
  let completed = 0;
  let completedAfterPrune = 0;
  const report = (problem: string | null): AuditCheckReport => ({
    events,
    firstSeq,
    lastSeq,
    attempts: attempts.size,
    completed,
    open: attempts.size - completed,
    completedAfterPrune,
    problem,
  });
  for await (const row of rows) {
    if (lastSeq !== null && row.seq !== lastSeq + 1) {
      return report(
        row.seq <= lastSeq
          ? `seq ${row.seq} follows seq ${lastSeq}: sequence numbers must rise.`
          : `seq ${row.seq} follows seq ${lastSeq}: ${row.seq - lastSeq - 1} event(s) missing.`,
      );
    }
    firstSeq ??= row.seq;
    lastSeq = row.seq;
    events += 1;
    if (row.action === 'disconnect.requested') {
      if (!row.attemptId) return report(`seq ${row.seq}: disconnect.requested without an attempt id.`);
      if (attempts.has(row.attemptId)) return report(`seq ${row.seq}: a second disconnect.requested for attempt ${row.attemptId}.`);
      attempts.set(row.attemptId, 'requested');
    } else if (row.action === 'disconnect.completed') {
      const state = row.attemptId ? attempts.get(row.attemptId) : undefined;
      if (row.attemptId && state === undefined && pruned) {
        attempts.set(row.attemptId, 'completed');
        completed += 1;
        completedAfterPrune += 1;
        continue;
      }
      if (!row.attemptId || state === undefined) {
        return report(`seq ${row.seq}: disconnect.completed for attempt ${row.attemptId ?? '(none)'} has no disconnect.requested before it.`);
      }
      if (state === 'completed') return report(`seq ${row.seq}: a second disconnect.completed for attempt ${row.attemptId}.`);
      attempts.set(row.attemptId, 'completed');
      completed += 1;
    }
  }
  return report(null);
}

/** The audit log in seq order, a batch at a time. */
export async function* readAuditRows(db: Kysely<Database>, batchSize = 1000): AsyncGenerator<AuditRowForCheck> {
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = await db
      .selectFrom('audit_events')
      .select(['seq', 'action', 'attempt_id'])
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(batchSize)
      .execute();
    for (const row of rows) yield { seq: Number(row.seq), action: row.action, attemptId: row.attempt_id };
    const last = rows.at(-1);
    if (!last || rows.length < batchSize) return;
    after = Number(last.seq);
  }
}
