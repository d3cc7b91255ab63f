import type { BatchErrorCode } from '@/lib/calls/bulk/batch-types';

/** What the bulk dialog sends: the calls ticked on the board, or "every active call matching the filter". */
export type BulkSelectionInput = { readonly callIds: readonly string[] } | { readonly filter: { readonly stuckOnly: boolean } };

/** One call of a preview: only what the dialog lists. */
export interface PreviewedCall {
  readonly callId: string;
  readonly label: string | null;
  readonly stateLabel: string;
  readonly stuckText: string | null;
}

export interface BatchPreviewData {
  readonly calls: readonly PreviewedCall[];
  readonly needsConfirmation: boolean;
}

export type BatchActionErrorCode = BatchErrorCode | 'unauthenticated';
