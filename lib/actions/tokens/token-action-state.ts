/** What the "Create token" form shows after a submission: the token once, or what to fix. */
export type CreateTokenState =
  | { readonly status: 'idle' }
  | { readonly status: 'created'; readonly token: string; readonly name: string; readonly ownerEmail: string }
  | {
      readonly status: 'error';
      readonly message: string;
      readonly fieldErrors: Partial<Record<'owner' | 'name', string>>;
      readonly values: { readonly owner: string; readonly name: string };
    };

export const INITIAL_CREATE_TOKEN_STATE: CreateTokenState = { status: 'idle' };
