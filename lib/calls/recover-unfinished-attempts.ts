import { SYSTEM_ACTOR } from '../auth/actor';
import { appendAuditEvent } from '../audit/append-audit-event';
import { lockAuditHead } from '../audit/chain/lock-audit-head';
import { describeCheck } from './carry-out-disconnect';
import { checkCall } from './check-call';
import { clockOf, type CallsDeps } from './deps';
import { attemptsInProcess } from './disconnect-lock';

export interface RecoveredAttempt {
  readonly attemptId: string;
  readonly callId: string | null;
  /** What the one GetCallInfo found, as stored in the completion's details. */
  readonly check: Readonly<Record<string, unknown>> | null;
}

/**
 * Run at start, before serving: every disconnect.requested without its disconnect.completed was
 * cut short (the process died between sending and recording). Each gets a completion with outcome
 * 'unknown' from the console itself, after one GetCallInfo whose answer goes into the record.
 * A Disconnect is never sent from here. Locks left on calls by dead attempts are cleared.
 */
export async function recoverUnfinishedAttempts(deps: CallsDeps): Promise<RecoveredAttempt[]> {
  const { db } = deps;
  const clock = clockOf(deps);
  const running = attemptsInProcess(db);
  const open = await db
    .selectFrom('audit_events as r')
    .select(['r.attempt_id', 'r.target_call_id', 'r.reason', 'r.batch_id', 'r.at', 'r.actor_email'])
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

  const recovered: RecoveredAttempt[] = [];
  for (const request of open) {
    const attemptId = request.attempt_id as string;
    if (running.includes(attemptId)) continue;
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

  // Every other lock belongs to an attempt that is not running any more (finished or cut short).
  let clear = db.updateTable('calls').set({ disconnect_attempt_id: null, disconnect_started_at: null }).where('disconnect_attempt_id', 'is not', null);
  if (running.length > 0) clear = clear.where('disconnect_attempt_id', 'not in', running);
  await clear.execute();
  return recovered;
}
