import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { Clock } from '../append-audit-event';
import { verifyAuditLog, type VerifyLogOptions } from '../chain/verify-log';
import { whilePruneExcluded } from './while-prune-excluded';
import { readVerificationStatus, recordVerificationStatus, statusOf, type VerificationStatus } from './verification-status';

export interface AuditCheckOptions extends VerifyLogOptions {
  readonly clock?: Clock;
  /** Where a newly broken (or changed) result is reported; default console.error. */
  readonly logError?: (line: string) => void;
  readonly logInfo?: (line: string) => void;
}

/**
 * One background check: verifyAuditLog, the result kept in `meta` for the audit page. A failure is
 * confirmed by a second pass first. A prune by another process cannot run during a walk (on
 * PostgreSQL the walk holds the prune lock shared; SQLite has one process). A broken result is logged once per change (not every interval), and the
 * return to a passing log once.
 */
export async function checkAuditLog(db: Kysely<Database>, options: AuditCheckOptions = {}): Promise<VerificationStatus> {
  const clock = options.clock ?? Date.now;
  let result = await whilePruneExcluded(db, (reader) => verifyAuditLog(reader, options));
  if (!result.ok) result = await whilePruneExcluded(db, (reader) => verifyAuditLog(reader, options));
  const status = statusOf(result, clock());
  const previous = await readVerificationStatus(db);
  await recordVerificationStatus(db, status);
  if (status.problem && (previous?.problem?.seq !== status.problem.seq || previous.problem.code !== status.problem.code)) {
    (options.logError ?? console.error)(
      `AUDIT LOG ALARM: the audit log failed verification at seq ${status.problem.seq} (${status.problem.code}): ${status.problem.detail} Run \`npm run --silent admin -- verify-audit\`.`,
    );
  } else if (status.ok && previous?.ok === false) {
    (options.logInfo ?? console.log)(`The audit log verifies again, up to seq ${status.verifiedUpToSeq ?? 0}.`);
  }
  return status;
}
