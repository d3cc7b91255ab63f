import type { CallRow } from '@/lib/calls/types';

export const PLACE_TEST_CALL_FIELDS = ['entryId', 'dialString', 'label'] as const;
export type PlaceTestCallField = (typeof PLACE_TEST_CALL_FIELDS)[number];

/** What the "Place test call" form shows after each submission. */
export type PlaceTestCallState =
  | { readonly status: 'idle' }
  /** The form keeps its values after a success too: placing the next test call is usually a small change. */
  | { readonly status: 'placed'; readonly call: CallRow; readonly values: Record<PlaceTestCallField, string> }
  | {
      readonly status: 'error';
      readonly message: string;
      readonly fieldErrors: Partial<Record<PlaceTestCallField, string>>;
      readonly values: Record<PlaceTestCallField, string>;
    };

export const INITIAL_PLACE_TEST_CALL_STATE: PlaceTestCallState = { status: 'idle' };
