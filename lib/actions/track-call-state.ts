import type { CallRow } from '@/lib/calls/types';

export const TRACK_CALL_FIELDS = ['callId', 'label'] as const;
export type TrackCallField = (typeof TRACK_CALL_FIELDS)[number];

/** What the "Track call" form shows after each submission. */
export type TrackCallState =
  | { readonly status: 'idle' }
  /** `note` says when nothing changed (the call was tracked already). */
  | { readonly status: 'tracked'; readonly call: CallRow; readonly note: string | null }
  | {
      readonly status: 'error';
      readonly message: string;
      readonly fieldErrors: Partial<Record<TrackCallField, string>>;
      readonly values: Record<TrackCallField, string>;
    };

export const INITIAL_TRACK_CALL_STATE: TrackCallState = { status: 'idle' };
