import type { Tone } from '@/components/ui/status-tag';
import type { BatchItemStatus, BatchStatus } from '@/lib/calls/bulk/batch-types';

export const BATCH_STATUS_WORDS: Record<BatchStatus, string> = {
  running: 'Running',
  paused: 'Paused',
  cancelled: 'Cancelled',
  finished: 'Finished',
  interrupted: 'Interrupted',
};

export const BATCH_STATUS_TONES: Record<BatchStatus, Tone> = {
  running: 'pending',
  paused: 'warning',
  cancelled: 'neutral',
  finished: 'ok',
  interrupted: 'warning',
};

export const ITEM_STATUS_WORDS: Record<BatchItemStatus, string> = {
  pending: 'Not sent yet',
  running: 'Disconnecting…',
  done: 'Done',
  skipped: 'Skipped, nothing sent',
  cancelled: 'Cancelled, not sent',
};
