// Bulk disconnect runs: chosen calls, one reason, each through the single-call workflow with a
// shared batch id, server-side with bounded concurrency. Progress is read from the database.
export { batchResultsCsv, batchResultsFilename, BATCH_CSV_HEADER } from './batch-csv';
export { BATCH_MESSAGES } from './batch-messages';
export { findRunner, waitForBatches } from './batch-registry';
export type { BatchRunner } from './batch-registry';
export { PAUSE_AFTER_FAILURES, launchBatch } from './batch-runner';
export { BATCH_ITEM_STATUSES, BATCH_STATUSES } from './batch-types';
export type {
  Batch,
  BatchCounts,
  BatchDeps,
  BatchErrorCode,
  BatchFilter,
  BatchItem,
  BatchItemStatus,
  BatchSelection,
  BatchStatus,
  BatchSummary,
  StartBatchInput,
} from './batch-types';
export { cancelBatch, resumeBatch } from './control-batch';
export { getBatch, listBatches } from './get-batch';
export { interruptAbandonedBatches } from './interrupt-batches';
export type { InterruptedBatch } from './interrupt-batches';
export { CONFIRM_ABOVE, MAX_BATCH_CALLS, previewBatch } from './resolve-selection';
export type { BatchPreview } from './resolve-selection';
export { startBatch } from './start-batch';
export type { StartedBatch } from './start-batch';
