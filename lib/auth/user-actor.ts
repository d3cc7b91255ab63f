import type { Actor } from './actor';
import type { UserDto } from './users';

/** A user as the audit log records them: identity and role as they are right now. */
export function userActor(user: UserDto, authMethod: string, sourceIp: string | null, userAgent: string | null): Actor {
  return {
    kind: 'user',
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    authMethod,
    sourceIp,
    userAgent,
  };
}
