/** What the audit retention form shows after a submission. */
export type SaveAuditRetentionState =
  | { readonly status: 'idle' }
  | { readonly status: 'saved'; readonly changed: boolean; readonly days: number }
  | {
      readonly status: 'error';
      readonly message: string;
      readonly fieldError: string | undefined;
      /** What was typed, to put back into the form. */
      readonly value: string;
    };

export const INITIAL_SAVE_AUDIT_RETENTION_STATE: SaveAuditRetentionState = { status: 'idle' };
