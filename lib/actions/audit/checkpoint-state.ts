/** What the "Sign a checkpoint now" button shows after it was pressed. */
export type CheckpointActionState =
  | { readonly status: 'idle' }
  | { readonly status: 'signed'; readonly seq: number; readonly at: string }
  | { readonly status: 'error'; readonly message: string };

export const INITIAL_CHECKPOINT_STATE: CheckpointActionState = { status: 'idle' };
