import { SYSTEM_ACTOR, type Actor } from '../../auth/actor';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { BulkItem } from '../attempt-records';
import { clockOf } from '../deps';
import { disconnectCall } from '../disconnect-call';
import { BATCH_MESSAGES } from './batch-messages';
import { runnersFor, trackUntilSettled, type BatchRunner } from './batch-registry';
import { claimItem, finishItem, listPendingItems, setBatchStatus, type PendingItem } from './batch-store';
import type { BatchDeps } from './batch-types';

/** Consecutive failures (outcome failed or unknown) after which a batch pauses itself. */
export const PAUSE_AFTER_FAILURES = 5;

type ItemResult = Parameters<typeof finishItem>[3];

/**
 * Runs a batch's pending calls in the background (not tied to any HTTP request), at most
 * maxConcurrency at once, each through disconnectCall with the batch id. Returns at once; when the
 * batch is already running here, the existing runner is returned.
 */
export function launchBatch(deps: BatchDeps, batchId: string, actor: Actor, reason: string): BatchRunner {
  const runners = runnersFor(deps.db);
  const existing = runners.get(batchId);
  if (existing) return existing;
  const runner: BatchRunner = { batchId, reason, actor, wanted: 'run', failuresInRow: 0, done: Promise.resolve() };
  runners.set(batchId, runner);
  runner.done = drive(deps, runner).catch(async (error: unknown) => {
    console.error(`Bulk disconnect ${batchId} stopped unexpectedly:`, error);
    if (runners.get(batchId) === runner) runners.delete(batchId);
    await setBatchStatus(deps.db, batchId, { status: 'interrupted', message: BATCH_MESSAGES.stoppedUnexpectedly, at: clockOf(deps)() }, ['running']).catch(
      () => undefined,
    );
  });
  trackUntilSettled(deps.db, runner);
  return runner;
}

async function drive(deps: BatchDeps, runner: BatchRunner): Promise<void> {
  const runners = runnersFor(deps.db);
  for (;;) {
    const pending = await listPendingItems(deps.db, runner.batchId);
    if (runner.wanted === 'run' && pending.length > 0) {
      await runWorkers(deps, runner, pending);
      continue;
    }
    // Leave the registry in the same tick as the last look at `wanted`: a resume that comes later
    // finds no runner and starts a new one, so none is lost in between.
    runners.delete(runner.batchId);
    break;
  }
  if (runner.wanted !== 'run') return;
  const clock = clockOf(deps);
  if (await setBatchStatus(deps.db, runner.batchId, { status: 'finished', message: null, at: clock(), finished: true }, ['running'])) {
    await appendAuditEvent(deps.db, { action: 'batch.finish', actor: SYSTEM_ACTOR, batchId: runner.batchId, outcome: 'success' }, clock).catch(
      (error: unknown) => console.error(`The end of bulk disconnect ${runner.batchId} could not be audited:`, error),
    );
  }
}

async function runWorkers(deps: BatchDeps, runner: BatchRunner, pending: readonly PendingItem[]): Promise<void> {
  const clock = clockOf(deps);
  let next = 0;
  const worker = async () => {
    while (runner.wanted === 'run' && next < pending.length) {
      const item = pending[next] as PendingItem;
      next += 1;
      const bulk: BulkItem = {
        precheckMaxAgeMs: deps.precheckMaxAgeMs ?? 0,
        // With the request's commit: a cancel or pause that came while this call waited for its turn
        // (or for the commit) leaves it unsent and pending (a cancel then marks it cancelled).
        claim: async (trx) => runner.wanted === 'run' && (await claimItem(trx, runner.batchId, item.position, clock())),
        finish: (db, result) => finishItem(db, runner.batchId, item.position, { ok: true, data: result }, clock()),
      };
      let result: ItemResult;
      try {
        result = await disconnectCall(deps, runner.actor, { callId: item.callId, reason: runner.reason, batchId: runner.batchId }, bulk);
      } catch (error) {
        console.error(`Bulk disconnect ${runner.batchId}: a call failed unexpectedly:`, error);
        result = { ok: 'threw' };
      }
      if (result.ok !== true && result.ok !== 'threw' && result.error.code === 'not-wanted') continue;
      // An outcome went onto the item with the outcome's own commit; a refusal or a throw goes here.
      if (result.ok !== true) await finishItem(deps.db, runner.batchId, item.position, result, clock());
      await noteResult(deps, runner, result, next < pending.length);
    }
  };
  const limit = Math.max(1, Math.min(deps.maxConcurrency, pending.length));
  await Promise.all(Array.from({ length: limit }, worker));
}

/** Counts failures in a row (in the order results arrive) and pauses the batch when they pile up. */
async function noteResult(deps: BatchDeps, runner: BatchRunner, result: ItemResult, moreToSend: boolean): Promise<void> {
  const failure = failureMessage(result);
  if (failure === null) {
    runner.failuresInRow = 0;
    return;
  }
  runner.failuresInRow += 1;
  if (runner.failuresInRow < PAUSE_AFTER_FAILURES || runner.wanted !== 'run' || !moreToSend) return;
  runner.wanted = 'pause';
  const message = BATCH_MESSAGES.paused(runner.failuresInRow, failure);
  const clock = clockOf(deps);
  if (await setBatchStatus(deps.db, runner.batchId, { status: 'paused', message, at: clock() }, ['running'])) {
    await appendAuditEvent(
      deps.db,
      { action: 'batch.pause', actor: SYSTEM_ACTOR, batchId: runner.batchId, outcome: 'failure', faultText: message, details: { failuresInRow: runner.failuresInRow } },
      clock,
    ).catch((error: unknown) => console.error(`The pause of bulk disconnect ${runner.batchId} could not be audited:`, error));
  }
}

/** The words of a result that counts as a failure; null for one that does not. */
function failureMessage(result: ItemResult): string | null {
  if (result.ok === 'threw') return BATCH_MESSAGES.unexpected;
  if (result.ok) return result.data.outcome === 'failed' || result.data.outcome === 'unknown' ? result.data.message : null;
  // Refusals about one call (in progress, not tracked) say nothing about the service; an audit log
  // that cannot be written affects every call.
  return result.error.code === 'audit-unavailable' ? result.error.message : null;
}
