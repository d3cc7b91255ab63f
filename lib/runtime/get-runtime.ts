import type { Kysely } from 'kysely';
import { getAuditHmacKeyForWriting, getAuditSigningKeyForWriting } from '../audit/chain/audit-keys-for-writing';
import { ensureBootstrapAdmin } from '../auth/bootstrap';
import type { BatchDeps } from '../calls/bulk/batch-types';
import { seedDemoCalls } from '../calls/seed-demo-calls';
import { startPoller, type Poller } from '../calls/poller';
import type { DisconnectDeps } from '../calls/deps';
import { ConfigError, getConfig, multiInstanceProblems, type AppConfig } from '../config';
import { startCoordinator, type Coordinator } from '../coordination';
import { getDatabase } from '../db/get-database';
import type { Database } from '../db/schema';
import { getUmService, type UmService } from '../um-service';
import { startAuditMaintenance, type AuditMaintenance } from '../audit/integrity/start-audit-maintenance';
import { closeDeadInstances } from './close-dead-instances';

/** Everything the server's pages, actions and routes share in one process. */
export interface Runtime {
  readonly db: Kysely<Database>;
  readonly um: UmService;
  readonly poller: Poller;
  readonly config: AppConfig;
  /** What lib/calls functions take: the database, the UM client and the verification deadline. */
  readonly deps: DisconnectDeps;
  /** What bulk runs take (startBatch, cancelBatch, resumeBatch): deps plus UM_MAX_CONCURRENCY and BULK_PRECHECK_MAX_AGE_MS. */
  readonly batchDeps: BatchDeps;
  /** Periodic audit checkpoints, background verification and retention pruning. */
  readonly auditMaintenance: AuditMaintenance;
  /** This instance among those on the database: its id, and whether it leads the poller. */
  readonly coordinator: Coordinator;
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
  await runtime?.coordinator.stop();
}

async function startRuntime(): Promise<Runtime> {
  const config = getConfig();
  const problems = multiInstanceProblems(config);
  if (problems.length > 0) throw new ConfigError(problems);
  const { db, dialect } = await getDatabase();
  const um = await getUmService();

  // The audit key exists from the first start on (created in DATA_DIR unless AUDIT_HMAC_KEY is set),
  // so a missing key later means it was lost, not that nothing was written yet. The same holds for
  // the key that signs checkpoints.
  await getAuditHmacKeyForWriting(db);
  await getAuditSigningKeyForWriting(db);
  // Before recovery: this instance is on record as alive, so another's recovery leaves its work alone.
  // Set below; the coordinator's callbacks may run before (and find nothing to do yet).
  const late: { poller?: Poller; deps?: DisconnectDeps & { readonly instanceId: string } } = {};
  let closing: Promise<void> | undefined;
  const coordinator = await startCoordinator(db, {
    intervalMs: config.pollIntervalMs,
    // A new leader polls at once: the calls were unwatched since the old one stopped.
    onLeadership: () => void late.poller?.pollNow().catch(() => undefined),
    onTick: async (leading) => {
      if (!leading || !late.deps || closing) return;
      closing = closeDeadInstances(late.deps, log, 'a console instance that stopped').finally(() => (closing = undefined));
      await closing;
    },
  });
  const deps = { db, um: um.client, verifyTimeoutMs: config.disconnectVerifyTimeoutMs, instanceId: coordinator.instanceId };
  late.deps = deps;
  await closeDeadInstances(deps, log, 'the last shutdown');
  await ensureBootstrapAdmin(db, log);
  const leadership = dialect === 'postgres' ? { isLeader: coordinator.isLeader } : {};
  const poller = startPoller({ ...deps, maxConcurrency: um.maxConcurrency }, { intervalMs: config.pollIntervalMs, ...leadership });
  late.poller = poller;
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
    ...leadership,
  });
  return { db, um, poller, config, deps, batchDeps: { ...deps, maxConcurrency: um.maxConcurrency, precheckMaxAgeMs: config.bulkPrecheckMaxAgeMs }, auditMaintenance, coordinator };
}
