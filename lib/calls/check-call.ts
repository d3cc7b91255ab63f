import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { dialectOf } from '../db/dialect-of';
import { withRelaxedCommits } from '../db/relaxed-commit';
import type { Database } from '../db/schema';
import { isUmError, UmFault, type CallInfo, type UmErrorKind } from '../um';
import { clockOf, type CallsDeps } from './deps';
import type { ObservationSource } from './observation-source';

export type { ObservationSource };

export type CheckResult =
  | { readonly kind: 'info'; readonly at: number; readonly info: CallInfo }
  /** InvalidCallIdException: the call ended long enough ago to be forgotten, or never existed. */
  | { readonly kind: 'gone'; readonly at: number }
  | { readonly kind: 'error'; readonly at: number; readonly errorKind: UmErrorKind | 'unexpected'; readonly message: string };

const UNEXPECTED = 'The status check failed unexpectedly; the server log has the details.';

export function isInvalidCallId(error: unknown): boolean {
  return error instanceof UmFault && (error.code === 'InvalidCallIdException' || error.faultCode === 'InvalidCallIdException');
}

/** One GetCallInfo for a tracked call, stored on its row. Never throws for UM problems. */
export async function checkCall(deps: CallsDeps, callId: string, source: ObservationSource): Promise<CheckResult> {
  const clock = clockOf(deps);
  let result: CheckResult;
  try {
    const info = await deps.um.getCallInfo(callId);
    result = { kind: 'info', at: clock(), info };
  } catch (error) {
    if (isInvalidCallId(error)) result = { kind: 'gone', at: clock() };
    else if (isUmError(error)) result = { kind: 'error', at: clock(), errorKind: error.kind, message: error.message };
    else {
      console.error(`GetCallInfo for a tracked call failed unexpectedly (${source}):`, error);
      result = { kind: 'error', at: clock(), errorKind: 'unexpected', message: UNEXPECTED };
    }
  }
  await applyCheckResult(deps.db, callId, result, source);
  return result;
}

/**
 * Stores what a check found. A changed state or cause becomes an observation, once: the row is
 * read and written in one transaction, so the poller and a verification seeing the same change
 * do not both record it. SQLite runs one writing transaction at a time; PostgreSQL's would overlap
 * and both read the old state, so there the row is read FOR UPDATE and the second waits. The commit
 * does not wait for the disk (withRelaxedCommits): a status lost to a power cut is read again at
 * the next check, and it is synced with the next durable commit (a disconnect's completion).
 */
export async function applyCheckResult(
  db: Kysely<Database>,
  callId: string,
  result: CheckResult,
  source: ObservationSource,
): Promise<void> {
  await withRelaxedCommits(db, (handle) => handle.transaction().execute((trx) => storeCheckResult(trx, callId, result, source)));
}

async function storeCheckResult(trx: Transaction<Database>, callId: string, result: CheckResult, source: ObservationSource): Promise<void> {
  const row = await trx
    .selectFrom('calls')
    .select(['raw_state', 'raw_event_cause', 'state_since', 'ended_at'])
    .where('call_id', '=', callId)
    .$if(dialectOf(trx) === 'postgres', (query) => query.forUpdate())
    .executeTakeFirst();
  if (!row) return;
  const update = trx.updateTable('calls').where('call_id', '=', callId);
  if (result.kind === 'error') {
    await update
      .set((eb) => ({
        last_checked_at: result.at,
        last_checked_source: source,
        last_error: result.message,
        last_error_kind: result.errorKind,
        consecutive_failures: eb('consecutive_failures', '+', 1),
      }))
      .execute();
    return;
  }
  const healthy = { last_checked_at: result.at, last_checked_source: source, last_error: null, last_error_kind: null, consecutive_failures: 0 };
  if (result.kind === 'gone') {
    const ending = row.ended_at === null ? { ended_at: result.at, end_reason: 'gone' } : {};
    await update.set({ ...healthy, ...ending }).execute();
    return;
  }
  const { info } = result;
  const changed = row.raw_state !== info.rawState || row.raw_event_cause !== info.rawCause;
  const ending =
    info.state === 'Disconnected' && row.ended_at === null ? { ended_at: result.at, end_reason: 'disconnected' } : {};
  await update
    .set({
      ...healthy,
      ...ending,
      state: info.state,
      raw_state: info.rawState,
      event_cause: info.cause,
      raw_event_cause: info.rawCause,
      state_since: changed ? result.at : row.state_since,
    })
    .execute();
  if (changed) {
    await trx
      .insertInto('call_observations')
      .values({
        id: randomUUID(),
        call_id: callId,
        at: result.at,
        state: info.state,
        raw_state: info.rawState,
        event_cause: info.cause,
        raw_event_cause: info.rawCause,
        source,
      })
      .execute();
  }
}
