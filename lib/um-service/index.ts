// The console's connection to the UM web service. Server-only: it holds the service credentials.
export { getUmService } from './get-um-service';
export type { UmService, UmServiceMode } from './get-um-service';
export { checkUmService } from './check-um-service';
export type { UmHealth, UmProblemKind } from './check-um-service';
export { describeUmService, usesEmbeddedSimulator } from './describe-um-service';
export type { UmServiceDescription } from './describe-um-service';
