import type { Kysely } from 'kysely';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { Database } from '../../db/schema';
import type { Result } from '../../result';
import type { Actor, AnonymousActor } from '../actor';
import { systemClock, type Clock } from '../clock';
import {
  createApiToken,
  revokeApiToken,
  type ApiTokenDto,
  type CreatedApiToken,
  type CreateTokenError,
  type RevokeTokenError,
} from './api-tokens';

/** An administrator in the browser, or the admin CLI (an anonymous actor with authMethod 'cli'). */
export type TokenManager = Actor | AnonymousActor;

const managerId = (manager: TokenManager) => (manager.kind === 'user' ? manager.id : manager.authMethod);

function tokenDetails(token: ApiTokenDto) {
  return { tokenId: token.id, name: token.name, prefix: token.prefix, ownerId: token.ownerId, ownerEmail: token.ownerEmail };
}

/** Creates a token and puts it on record as token.create (never with the token itself). */
export async function issueApiToken(
  db: Kysely<Database>,
  manager: TokenManager,
  input: { readonly userId: string; readonly name: string },
  extraDetails: Readonly<Record<string, unknown>> = {},
  clock: Clock = systemClock,
): Promise<Result<CreatedApiToken, CreateTokenError>> {
  const created = await createApiToken(db, { ...input, createdBy: managerId(manager) }, clock);
  if (created.ok) {
    await appendAuditEvent(
      db,
      { action: 'token.create', actor: manager, outcome: 'success', details: { ...tokenDetails(created.data.record), ...extraDetails } },
      clock,
    );
  }
  return created;
}

/** Revokes a token (it stops working at its next request) and puts it on record as token.revoke. */
export async function withdrawApiToken(
  db: Kysely<Database>,
  manager: TokenManager,
  tokenId: string,
  extraDetails: Readonly<Record<string, unknown>> = {},
  clock: Clock = systemClock,
): Promise<Result<ApiTokenDto, RevokeTokenError>> {
  const revoked = await revokeApiToken(db, tokenId, managerId(manager), clock);
  if (revoked.ok) {
    await appendAuditEvent(
      db,
      { action: 'token.revoke', actor: manager, outcome: 'success', details: { ...tokenDetails(revoked.data), ...extraDetails } },
      clock,
    );
  }
  return revoked;
}

/**
 * A signed-in person without the administrator role tried to create or revoke a token: on record
 * as token.create / token.revoke with outcome denied. Nothing was changed.
 */
export async function recordDeniedTokenChange(
  db: Kysely<Database>,
  actor: Actor,
  action: 'token.create' | 'token.revoke',
  clock: Clock = systemClock,
): Promise<void> {
  await appendAuditEvent(db, { action, actor, outcome: 'denied' }, clock).catch((error: unknown) =>
    // The refusal stands either way; only its record is missing, which the server log reports.
    console.error(`A refused ${action} could not be audited:`, error),
  );
}
