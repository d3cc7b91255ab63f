import type { DisconnectErrorCode, DisconnectResult } from '@/lib/calls/types';

export const DISCONNECT_FIELDS = ['callId', 'reason'] as const;
export type DisconnectField = (typeof DISCONNECT_FIELDS)[number];

/** What the disconnect dialog shows after the person confirms. */
export type DisconnectCallState =
  | { readonly status: 'idle' }
  | { readonly status: 'done'; readonly result: DisconnectResult }
  | {
      readonly status: 'error';
      readonly code: DisconnectErrorCode;
      readonly message: string;
      readonly fieldErrors: Partial<Record<DisconnectField, string>>;
    };

export const INITIAL_DISCONNECT_CALL_STATE: DisconnectCallState = { status: 'idle' };
