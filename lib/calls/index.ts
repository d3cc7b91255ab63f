// The call registry, the status poller and the disconnect workflow. No Next, no HTTP: callers pass
// the database, the UM client and (in tests) the clock.
export { getBoardSnapshot } from './board-snapshot';
export { applyCheckResult, checkCall } from './check-call';
export type { CheckResult, ObservationSource } from './check-call';
export { DEFAULT_VERIFY_BACKOFF_MS } from './deps';
export type { CallsDeps, Clock, DisconnectDeps, Sleep } from './deps';
export { disconnectCall, recordDeniedDisconnect } from './disconnect-call';
export type { DisconnectInput } from './disconnect-call';
export { DISCONNECT_MESSAGES, OUTCOME_WORDS, formatSeconds } from './disconnect-messages';
export { MAX_LABEL_LENGTH, MAX_REASON_LENGTH, checkLabel, checkReason } from './input-checks';
export { MAX_ENDED_SHOWN, getCallRow, listCalls } from './list-calls';
export { mayOperate } from './may-operate';
export { placeTestCall } from './place-test-call';
export type { PlaceTestCallErrorCode, PlaceTestCallInput } from './place-test-call';
export { MAX_POLL_CONCURRENCY, startPoller } from './poller';
export type { PollRound, Poller, PollerDeps, PollerStatus } from './poller';
export { INITIAL_REACHABILITY, nextReachability } from './reachability';
export type { ServiceSignal } from './reachability';
export { recoverUnfinishedAttempts } from './recover-unfinished-attempts';
export type { RecoveredAttempt } from './recover-unfinished-attempts';
export { DEMO_CALLS, seedDemoCalls } from './seed-demo-calls';
export { trackCall } from './track-call';
export type { TrackCallErrorCode, TrackCallInput, TrackedCall } from './track-call';
export * from './types';
export * from './stuck';
export * from './bulk';
export * from './timeline';
