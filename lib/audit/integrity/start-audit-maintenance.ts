import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { createAuditCheckpoint, type IntegrityOptions } from '../chain/create-checkpoint';
import { pruneAuditLog } from '../retention/prune-audit-log';
import { checkAuditLog, type AuditCheckOptions } from './check-audit-log';
import { repeatTask, serialQueue } from './repeat-task';

export const PRUNE_INTERVAL_MS = 86_400_000;
/** The first prune waits a little: start-up already runs a checkpoint and a full verification. */
const FIRST_PRUNE_DELAY_MS = 5 * 60_000;

export interface AuditMaintenanceOptions extends IntegrityOptions, Pick<AuditCheckOptions, 'logError' | 'logInfo'> {
  readonly checkpointIntervalMs: number;
  readonly verifyIntervalMs: number;
  readonly pruneIntervalMs?: number;
  readonly firstPruneDelayMs?: number;
  /**
   * Several instances on one database: only the leader signs periodic checkpoints and prunes (one
   * of each per interval, not one per instance). Default: always (one process).
   */
  readonly isLeader?: () => boolean;
}

export interface AuditMaintenance {
  stop(): Promise<void>;
}

/**
 * The audit log's background work in a server process: a periodic checkpoint (when the head moved),
 * a periodic full verification whose result the audit page shows, and a daily retention prune.
 * Checkpoint and verification run once at start. The three never overlap within the process;
 * across instances the prune and every verification exclude each other (lockAgainstPrune), and
 * only the leader checkpoints and prunes. Every instance verifies: a wrong key shows up on it.
 */
export function startAuditMaintenance(db: Kysely<Database>, options: AuditMaintenanceOptions): AuditMaintenance {
  const serialize = serialQueue();
  const { checkpointIntervalMs, verifyIntervalMs, pruneIntervalMs, firstPruneDelayMs, logError, logInfo, isLeader, ...integrity } = options;
  const leading = isLeader ?? (() => true);
  const tasks = [
    repeatTask(async () => (leading() ? createAuditCheckpoint(db, { ...integrity, reason: 'periodic' }) : undefined), {
      firstDelayMs: 0,
      intervalMs: checkpointIntervalMs,
      serialize,
      describe: 'periodic audit checkpoint',
    }),
    repeatTask(() => checkAuditLog(db, { ...integrity, logError, logInfo }), {
      firstDelayMs: 0,
      intervalMs: verifyIntervalMs,
      serialize,
      describe: 'background audit log verification',
    }),
    repeatTask(
      async () => {
        if (!leading()) return;
        const result = await pruneAuditLog(db, integrity);
        if (!result.ok) (logError ?? console.error)(result.error.message);
        else if (result.data.pruned) {
          (logInfo ?? console.log)(`Audit retention: removed ${result.data.removed} audit event(s) up to seq ${result.data.throughSeq}.`);
        }
      },
      { firstDelayMs: firstPruneDelayMs ?? FIRST_PRUNE_DELAY_MS, intervalMs: pruneIntervalMs ?? PRUNE_INTERVAL_MS, serialize, describe: 'audit retention prune' },
    ),
  ];
  return {
    stop: async () => {
      await Promise.all(tasks.map((task) => task.stop()));
    },
  };
}
