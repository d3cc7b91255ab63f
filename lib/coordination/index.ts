// Several console processes on one database: instance identity and liveness, and the leader.
export { startCoordinator } from './coordinator';
export type { Coordinator, CoordinatorOptions } from './coordinator';
export { findDeadInstances, findLiveInstances, forgetInstances } from './live-instances';
