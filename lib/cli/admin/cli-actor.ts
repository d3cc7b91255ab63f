import { userInfo } from 'node:os';
import type { AnonymousActor } from '../../auth/actor';

/** The admin CLI as the audit log records it: auth method 'cli'; the OS user goes into the details. */
export const CLI_ACTOR: AnonymousActor = { kind: 'anonymous', claimedEmail: null, authMethod: 'cli', sourceIp: null, userAgent: 'admin-cli' };

export function osUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
