import { SYSTEM_ACTOR } from '../auth/actor';
import { appendAuditEvent } from '../audit/append-audit-event';
import { lockAuditHead } from '../audit/chain/lock-audit-head';
import { describeCheck } from './carry-out-disconnect';
import { checkCall } from './check-call';
import { findLiveInstances } from '../coordination/live-instances';
import { clockOf, type CallsDeps } from './deps';
import { attemptsInProcess } from './disconnect-lock';

export interface RecoveredAttempt {
  readonly attemptId: string;
  readonly callId: string | null;
  /** What the one GetCallInfo found, as stored in the completion's details. */
  readonly check: Readonly<Record<string, unknown>> | null;
}

/**
 * Run at start, before serving, and by the leader when another instance died: every
 * disconnect.requested without its disconnect.completed whose owner is gone was cut short (the
 * process died between sending and recording). Each gets a completion with outcome 'unknown' from
 * the console itself, after one GetCallInfo whose answer goes into the record. A Disconnect is
 * never sent from here. Locks left on calls by dead attempts are cleared. Attempts running in this
 * process, or owned by an instance that is alive (PostgreSQL: it holds its instance lock), are left
 * alone: they are in flight, not cut short.
 */
export async function recoverUnfinishedAttempts(deps: CallsDeps): Promise<RecoveredAttempt[]> {
  const { db } = deps;
  const clock = clockOf(deps);
  const running = attemptsInProcess(db);
  const open = await db
    .selectFrom('audit_events as r')
    .select(['r.attempt_id', 'r.target_call_id', 'r.reason', 'r.batch_id', 'r.at', 'r.actor_email', 'r.details'])
    .where('r.action', '=', 'disconnect.requested')
    .where('r.attempt_id', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('audit_events as c')
            .select('c.seq')
            .where('c.action', '=', 'disconnect.completed')
            .whereRef('c.attempt_id', '=', 'r.attempt_id'),
        ),
      ),
    )
    .orderBy('r.seq', 'asc')
    .execute();

  // Liveness is read after the attempts: an owner that was alive when its attempt was written and
  // holds no lock now has died since, whatever starts meanwhile.
  const live = await findLiveInstances(db, open.map((request) => ownerOf(request.details)).filter((id) => id !== null));
  const recovered: RecoveredAttempt[] = [];
  for (const request of open) {
    const attemptId = request.attempt_id as string;
    const owner = ownerOf(request.details);
    if (running.includes(attemptId) || (owner !== null && live.has(owner))) continue;
    const callId = request.target_call_id;
    const check = callId ? describeCheck(await checkCall(deps, callId, 'recovery')) : null;
    const closed = await db.transaction().execute(async (trx) => {
      // Under the append lock: a process starting at the same moment may have closed it meanwhile,
      // and an attempt gets one completion, never two.
      await lockAuditHead(trx);
      const done = await trx.selectFrom('audit_events').select('seq').where('action', '=', 'disconnect.completed').where('attempt_id', '=', attemptId).executeTakeFirst();
      if (done) return false;
      await appendAuditEvent(
        trx,
        {
          action: 'disconnect.completed',
          actor: SYSTEM_ACTOR,
          targetCallId: callId,
          reason: request.reason,
          outcome: 'unknown',
          attemptId,
          batchId: request.batch_id,
          faultText: 'The console stopped before this disconnect finished; whether the call was hung up is not known.',
          details: { recovered: true, requestedAt: Number(request.at), requestedBy: request.actor_email, check },
        },
        clock,
      );
      return true;
    });
    if (!closed) continue;
    recovered.push({ attemptId, callId, check });
  }

  await clearDeadLocks(deps, running);
  return recovered;
}

/** Locks whose attempt is neither running here nor owned by a live instance: finished or cut short. */
async function clearDeadLocks(deps: CallsDeps, running: readonly string[]): Promise<void> {
  const { db } = deps;
  const locks = await db
    .selectFrom('calls')
    .select(['disconnect_attempt_id', 'disconnect_instance_id'])
    .where('disconnect_attempt_id', 'is not', null)
    .execute();
  const live = await findLiveInstances(db, locks.flatMap((lock) => (lock.disconnect_instance_id ? [lock.disconnect_instance_id] : [])));
  const dead = locks
    .filter((lock) => !running.includes(lock.disconnect_attempt_id as string))
    .filter((lock) => lock.disconnect_instance_id === null || !live.has(lock.disconnect_instance_id))
    .map((lock) => lock.disconnect_attempt_id as string);
  // By attempt id, never "all but": a lock a live instance takes meanwhile is not touched.
  for (let start = 0; start < dead.length; start += 500) {
    await db
      .updateTable('calls')
      .set({ disconnect_attempt_id: null, disconnect_started_at: null, disconnect_instance_id: null })
      .where('disconnect_attempt_id', 'in', dead.slice(start, start + 500))
      .execute();
  }
}

/** The instance that wrote a disconnect.requested (its details' `instance`); null before instances, or outside a server. */
function ownerOf(details: string | null): string | null {
  if (details === null) return null;
  try {
    const parsed: unknown = JSON.parse(details);
    const instance = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>).instance : undefined;
    return typeof instance === 'string' ? instance : null;
  } catch {
    return null;
  }
}
