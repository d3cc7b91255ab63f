import type { Kysely } from 'kysely';
import type { JWT } from 'next-auth/jwt';
import { appendAuditEvent } from '../audit/append-audit-event';
import type { Database } from '../db/schema';
import type { Clock } from './clock';
import type { RequestMeta } from './request-meta';
import { userActor } from './user-actor';
import { findUserById } from './users';

/** Appends auth.sign_out for the person whose session just ended. */
export async function recordSignOut(db: Kysely<Database>, token: JWT | null | undefined, request: RequestMeta, clock: Clock): Promise<void> {
  const user = token?.sub ? await findUserById(db, token.sub) : undefined;
  const actor = user
    ? userActor(user, 'session', request.sourceIp, request.userAgent)
    : { kind: 'anonymous' as const, claimedEmail: token?.email ?? null, authMethod: 'session', ...request };
  await appendAuditEvent(db, { action: 'auth.sign_out', actor, outcome: 'success' }, clock);
}
