import { interruptAbandonedBatches } from '../calls/bulk/interrupt-batches';
import type { DisconnectDeps } from '../calls/deps';
import { recoverUnfinishedAttempts } from '../calls/recover-unfinished-attempts';
import { findDeadInstances, forgetInstances } from '../coordination';

/**
 * Closes what dead processes left behind: disconnect attempts cut short (completed as unknown, after
 * one GetCallInfo; nothing is sent), their call locks, and their running bulk disconnects
 * (interrupted). At start for everything no live instance owns; later by the leader, each interval,
 * when another instance is found dead. The dead rows are read first and forgotten last, so an
 * instance that dies meanwhile is still found next time.
 */
export async function closeDeadInstances(
  deps: DisconnectDeps & { readonly instanceId: string },
  log: (line: string) => void,
  cause: 'the last shutdown' | 'a console instance that stopped',
): Promise<void> {
  const dead = await findDeadInstances(deps.db, deps.instanceId);
  const recovered = await recoverUnfinishedAttempts(deps);
  if (recovered.length > 0) {
    log(`Closed ${recovered.length} disconnect attempt(s) cut short by ${cause}; the audit log shows them as unknown.`);
  }
  // After the attempts are closed, so a batch's cut-short calls take the outcome recovery recorded.
  const interrupted = await interruptAbandonedBatches(deps);
  for (const batch of interrupted) {
    log(
      batch.notSent > 0
        ? `Bulk disconnect ${batch.batchId} was interrupted by ${cause}; ${batch.notSent} call(s) stay unsent until an operator resumes it.`
        : `Bulk disconnect ${batch.batchId} had sent every call before ${cause}; it is marked finished.`,
    );
  }
  await forgetInstances(deps.db, dead);
}
