// The public face of lib/um: a UM web service client usable without Next or a database.
export { createUmClient, DEFAULT_MAX_CONCURRENCY, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT_MS } from './client';
export { checkDialString, checkEntryId } from './inputs';
export type { UmClient, UmClientOptions } from './client';
export { checkCallId, decodeCallId, validateCallId, MAX_CALL_ID_LENGTH } from './call-id';
export type { DecodedCallId } from './call-id';
export {
  CALL_STATES,
  EVENT_CAUSES,
  EVENT_CAUSE_LABELS,
  describeCallState,
  describeEventCause,
} from './call-state';
export type { CallInfo, CallState, EventCause } from './call-state';
export {
  UmBadResponse,
  UmError,
  UmFault,
  UmHttpError,
  UmInputError,
  UmNetworkError,
  UmTimeoutError,
  isUmError,
} from './errors';
export type { RequestSent, UmErrorKind, UmOperation } from './errors';
export { GREETING_TYPES } from './operations';
export type { GreetingType, UmProperties } from './operations';
