import { verifyAuditLog, type VerifyLogOptions } from '../../audit/chain/verify-log';
import { whilePruneExcluded } from '../../audit/integrity/while-prune-excluded';
import type { AdminContext } from './admin-context';
import { checkAuditRows, readAuditRows } from './verify-audit-log';

/**
 * `verify-audit`: the hash chain and the signed checkpoints first (edited, missing, reordered,
 * truncated rows; forged checkpoints), then the disconnect pairs. Exit 0 with the count, the head
 * and the last checkpoint; 1 naming the first bad seq and what is wrong.
 */
export async function verifyAuditCommand(ctx: AdminContext, options: VerifyLogOptions = {}): Promise<number> {
  // Both passes see one log: no prune of a running console can happen between or during them.
  const checked = await whilePruneExcluded(ctx.db, async (db) => {
    const log = await verifyAuditLog(db, options);
    return log.ok ? { log, report: await checkAuditRows(readAuditRows(db), { prunedThrough: log.prunedThrough }) } : { log, report: null };
  });
  const { log, report } = checked;
  if (!log.ok || report === null) {
    if (!log.ok) ctx.io.err(`Audit log problem: seq ${log.firstBadSeq} ${log.problem}: ${log.detail}`);
    return 1;
  }
  const range = report.firstSeq === null ? 'no events yet' : `seq ${report.firstSeq}–${report.lastSeq}`;
  const summary = `${report.events} events (${range}); ${report.attempts} disconnect attempts: ${report.completed} completed, ${report.open} without a completion.`;
  if (report.problem !== null) {
    ctx.io.err(`Audit log problem: ${report.problem}`);
    ctx.io.err(`Checked up to there: ${summary}`);
    return 1;
  }
  ctx.io.out(`Audit log OK: ${summary}`);
  if (log.prunedThrough !== null) {
    ctx.io.out(`Rows up to seq ${log.prunedThrough} were removed by a recorded retention prune; the chain is verified from seq ${log.prunedThrough + 1}.`);
  }
  if (report.completedAfterPrune > 0) ctx.io.out(`${report.completedAfterPrune} completion(s) belong to requests removed by that prune.`);
  if (log.predatesChain) {
    const { firstSeq, lastSeq } = log.predatesChain;
    ctx.io.out(`Rows ${firstSeq}–${lastSeq} predate the hash chain; the chain starts after them.`);
  }
  if (log.headSeq != null) ctx.io.out(`Chain head: seq ${log.headSeq}, hash ${log.headHash ?? '(none)'}`);
  const last = log.lastCheckpoint;
  ctx.io.out(
    last === null
      ? 'No signed checkpoint yet: rows removed from the end of the log cannot be detected until one exists (run checkpoint-audit).'
      : `Last checkpoint: seq ${last.seq} at ${new Date(last.at).toISOString()} (key ${last.keyId}, ${log.checkpoints} checkpoint(s) checked).`,
  );
  if (log.unreadableCheckpointLines > 0) {
    ctx.io.out(`${log.unreadableCheckpointLines} line(s) of the checkpoint file are not checkpoints and were skipped.`);
  }
  return 0;
}
