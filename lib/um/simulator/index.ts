// The embedded UM web service: a real HTTP(S) server speaking the same SOAP as Exchange UM,
// for running and testing the console without an Exchange server.
export { startUmSimulator } from './server';
export type {
  SimulatedCallSnapshot,
  SimulatedFailure,
  SimulatedFailureKind,
  SimulatorRequestRecord,
  UmSimulator,
  UmSimulatorOptions,
} from './types';
export { FAILURE_KINDS, isFailureKind } from './failure-plan';
export { describeDialStringConventions, scenarioForDialString } from './scenarios';
export type { ScenarioName } from './scenarios';
export { DEFAULT_SERVER_FQDN } from './options';
export { LEGACY_PATH, MODERN_PATH } from './request-handler';
