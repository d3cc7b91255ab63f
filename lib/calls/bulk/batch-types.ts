import type { DisconnectOutcome } from '../../audit/types';
import type { DisconnectDeps } from '../deps';

/** What a bulk run works with: the disconnect workflow's deps and the bound on calls in flight. */
export interface BatchDeps extends DisconnectDeps {
  /** Calls disconnected at once: the UM client's maxConcurrency (UM_MAX_CONCURRENCY). */
  readonly maxConcurrency: number;
  /**
   * BULK_PRECHECK_MAX_AGE_MS: a call the console saw up (or ended) within this many ms is not
   * checked again before its Disconnect. Absent or 0: a fresh pre-check GetCallInfo for every call.
   */
  readonly precheckMaxAgeMs?: number;
}

/**
 * running: calls are being sent · paused: stopped itself after failures piled up (resumeBatch) ·
 * cancelled: an operator stopped it; unsent calls were not sent · finished: every call has a result ·
 * interrupted: the console stopped while it ran; unsent calls stay unsent until an operator resumes it.
 */
export const BATCH_STATUSES = ['running', 'paused', 'cancelled', 'finished', 'interrupted'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

/**
 * pending: not sent yet · running: going through the disconnect workflow now · done: has an
 * outcome · skipped: the workflow refused it (e.g. another disconnect of it was running) and
 * nothing was sent · cancelled: the batch was cancelled before it was sent.
 */
export const BATCH_ITEM_STATUSES = ['pending', 'running', 'done', 'skipped', 'cancelled'] as const;
export type BatchItemStatus = (typeof BATCH_ITEM_STATUSES)[number];

/** How the calls of a batch are chosen: listed CallIds, or every active call matching a board filter. */
export type BatchSelection =
  | { readonly callIds: readonly string[]; readonly filter?: undefined }
  | { readonly filter: BatchFilter; readonly callIds?: undefined };

/** The board's filter, applied to active (not ended) calls. */
export interface BatchFilter {
  readonly stuckOnly?: boolean;
}

export type StartBatchInput = BatchSelection & {
  /** One reason for every call of the batch (required, at most 500 characters). */
  readonly reason: string;
  /** The number of calls the operator typed to confirm; required above CONFIRM_ABOVE calls. */
  readonly expectedCount?: number | null;
};

export type BatchErrorCode =
  | 'invalid-input'
  | 'unauthenticated'
  | 'forbidden'
  | 'confirmation-mismatch'
  | 'in-progress'
  | 'not-found'
  | 'not-allowed-now';

/** One call of a batch, as the progress page and the results table show it. */
export interface BatchItem {
  readonly position: number;
  readonly callId: string;
  readonly label: string | null;
  readonly status: BatchItemStatus;
  readonly outcome: DisconnectOutcome | null;
  /** What happened, in words (the workflow's message); null while pending or running. */
  readonly message: string | null;
  readonly faultCode: string | null;
  /** Set when the workflow refused the call (status skipped): 'in-progress', 'not-found', … */
  readonly errorCode: string | null;
  readonly attemptId: string | null;
  /** seq of the attempt's disconnect.requested audit event. */
  readonly auditSeq: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
}

export interface BatchCounts {
  readonly total: number;
  /** Items that are over: done, skipped or cancelled. "done / total" on the progress page. */
  readonly settled: number;
  readonly byStatus: Readonly<Record<BatchItemStatus, number>>;
  readonly byOutcome: Readonly<Record<DisconnectOutcome, number>>;
}

/** A batch as getBatch returns it: plain data (times as epoch ms), safe to pass to client components. */
export interface Batch {
  readonly batchId: string;
  readonly status: BatchStatus;
  /** Why it paused, was cancelled or interrupted, in words; null while running normally or finished. */
  readonly statusMessage: string | null;
  readonly reason: string;
  readonly createdAt: number;
  readonly createdByEmail: string;
  readonly updatedAt: number;
  readonly finishedAt: number | null;
  readonly counts: BatchCounts;
  readonly items: readonly BatchItem[];
}

/** A batch without its items, for lists. */
export type BatchSummary = Omit<Batch, 'items'>;
