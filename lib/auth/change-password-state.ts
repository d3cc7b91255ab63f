/** What the change-password form shows after a submission that did not go through. */
export type ChangePasswordState =
  | { readonly status: 'idle' }
  | { readonly status: 'error'; readonly message: string; readonly fieldErrors: Readonly<Record<string, string>> };

export const INITIAL_CHANGE_PASSWORD_STATE: ChangePasswordState = { status: 'idle' };
