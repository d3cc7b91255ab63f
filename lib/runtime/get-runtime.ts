import type { Kysely } from 'kysely';
import { getAuditHmacKeyForWriting, getAuditSigningKeyForWriting } from '../audit/chain/audit-keys-for-writing';
import { ensureBootstrapAdmin } from '../auth/bootstrap';
import { interruptAbandonedBatches } from '../calls/bulk/interrupt-batches';
import type { BatchDeps } from '../calls/bulk/batch-types';
import { recoverUnfinishedAttempts } from '../calls/recover-unfinished-attempts';
import { seedDemoCalls } from '../calls/seed-demo-calls';
import { startPoller, type Poller } from '../calls/poller';
import type { DisconnectDeps } from '../calls/deps';
import { getConfig, type AppConfig } from '../config';
import { getDatabase } from '../db/get-database';
import type { Database } from '../db/schema';
import { getUmService, type UmService } from '../um-service';
import { startAuditMaintenance, type AuditMaintenance } from '../audit/integrity/start-audit-maintenance';

/** Everything the server's pages, actions and routes share in one process. */
export interface Runtime {
  readonly db: Kysely<Database>;
  readonly um: UmService;
  readonly poller: Poller;
  readonly config: AppConfig;
  /** What lib/calls functions take: the database, the UM client and the verification deadline. */
  readonly deps: DisconnectDeps;
  /** What bulk runs take (startBatch, cancelBatch, resumeBatch): deps plus UM_MAX_CONCURRENCY. */
  readonly batchDeps: BatchDeps;
  /** Periodic audit checkpoints, background verification and retention pruning. */
  readonly auditMaintenance: AuditMaintenance;
}

// On globalThis: Next may evaluate this module more than once per process, and there must be one
// poller, one recovery pass and one bootstrap however many copies exist.
const KEY = Symbol.for('um-call-console.runtime');
const holder = globalThis as typeof globalThis & { [KEY]?: Promise<Runtime> };

const log = (line: string) => console.log(line);

/** The process's runtime, started on first use; concurrent first calls share one start. */
export function getRuntime(): Promise<Runtime> {
  let pending = holder[KEY];
  if (!pending) {
    pending = startRuntime();
    holder[KEY] = pending;
    // A failed start is not kept: the next request tries again (and reports the problem again).
    pending.catch(() => {
      if (holder[KEY] === pending) holder[KEY] = undefined;
    });
  }
  return pending;
}

/** Stops the poller and the audit timers and forgets the runtime; the next getRuntime() starts afresh. For shutdown and tests. */
export async function stopRuntime(): Promise<void> {
  const pending = holder[KEY];
  holder[KEY] = undefined;
  const runtime = await pending?.catch(() => undefined);
  await runtime?.poller.stop();
  await runtime?.auditMaintenance.stop();
}

async function startRuntime(): Promise<Runtime> {
  const config = getConfig();
  const { db } = await getDatabase();
  const um = await getUmService();
  const deps: DisconnectDeps = { db, um: um.client, verifyTimeoutMs: config.disconnectVerifyTimeoutMs };

  // The audit key exists from the first start on (created in DATA_DIR unless AUDIT_HMAC_KEY is set),
  // so a missing key later means it was lost, not that nothing was written yet. The same holds for
  // the key that signs checkpoints.
  await getAuditHmacKeyForWriting(db);
  await getAuditSigningKeyForWriting(db);
  const recovered = await recoverUnfinishedAttempts(deps);
  if (recovered.length > 0) {
    log(`Closed ${recovered.length} disconnect attempt(s) cut short by the last shutdown; the audit log shows them as unknown.`);
  }
  // After the attempts are closed, so a batch's cut-short calls take the outcome recovery recorded.
  const interrupted = await interruptAbandonedBatches(deps);
  for (const batch of interrupted) {
    log(
      batch.notSent > 0
        ? `Bulk disconnect ${batch.batchId} was interrupted by the last shutdown; ${batch.notSent} call(s) stay unsent until an operator resumes it.`
        : `Bulk disconnect ${batch.batchId} had sent every call before the last shutdown; it is marked finished.`,
    );
  }
  await ensureBootstrapAdmin(db, log);
  const poller = startPoller({ ...deps, maxConcurrency: um.maxConcurrency }, { intervalMs: config.pollIntervalMs });
  if (um.mode === 'embedded') {
    // One round first: calls tracked before a restart are gone from the new simulator.
    await poller.pollNow().catch(() => undefined);
    const seeded = await seedDemoCalls({ ...deps, embedded: true }).catch((error: unknown) => {
      console.error('The demo calls could not be placed on the embedded UM simulator:', error);
      return 0;
    });
    if (seeded > 0) log(`Demo: placed and tracked ${seeded} calls on the embedded UM simulator.`);
  }
  const auditMaintenance = startAuditMaintenance(db, {
    checkpointIntervalMs: config.auditCheckpointIntervalMs,
    verifyIntervalMs: config.auditVerifyIntervalMs,
  });
  return { db, um, poller, config, deps, batchDeps: { ...deps, maxConcurrency: um.maxConcurrency }, auditMaintenance };
}
