import { findApiToken, findLiveTokensByName } from '../../auth/tokens/api-tokens';
import { issueApiToken, withdrawApiToken } from '../../auth/tokens/manage-tokens';
import { findUserByEmail } from '../../auth/users';
import type { AdminContext, AdminFlags } from './admin-context';
import { CLI_ACTOR } from './cli-actor';
import { InvalidInputError, UsageError } from './usage';

/** create-token: the token is printed once, as the last line, so scripts can take `tail -n 1`. */
export async function createTokenCommand(ctx: AdminContext, flags: AdminFlags): Promise<void> {
  const user = await findUserByEmail(ctx.db, flags.email ?? '');
  if (!user) throw new InvalidInputError(`There is no user with the email ${flags.email ?? ''}.`);
  const created = await issueApiToken(ctx.db, CLI_ACTOR, { userId: user.id, name: flags.name ?? '' }, { osUser: ctx.osUser });
  if (!created.ok) throw new InvalidInputError(created.error.message);
  ctx.io.err(`Created the API token "${created.data.record.name}" for ${user.email} (${user.role}). It is shown only this once:`);
  ctx.io.out(created.data.token);
}

export async function revokeTokenCommand(ctx: AdminContext, flags: AdminFlags): Promise<void> {
  if (flags.id === undefined && flags.name === undefined) throw new UsageError('revoke-token needs --name (optionally with --email) or --id.');
  if (flags.id !== undefined && flags.name !== undefined) throw new UsageError('revoke-token takes --name or --id, not both.');
  let tokenId = flags.id;
  if (tokenId === undefined) {
    const matches = await findLiveTokensByName(ctx.db, flags.name ?? '', flags.email);
    if (matches.length === 0) {
      throw new InvalidInputError(`No live token is named "${flags.name ?? ''}"${flags.email ? ` for ${flags.email}` : ''}.`);
    }
    if (matches.length > 1) {
      const owners = matches.map((t) => t.ownerEmail).join(', ');
      throw new InvalidInputError(`Several users have a token named "${flags.name ?? ''}" (${owners}); add --email.`);
    }
    tokenId = matches[0]?.id;
  } else if (!(await findApiToken(ctx.db, tokenId))) {
    throw new InvalidInputError(`There is no token with the id ${tokenId}.`);
  }
  const revoked = await withdrawApiToken(ctx.db, CLI_ACTOR, tokenId ?? '', { osUser: ctx.osUser });
  if (!revoked.ok) throw new InvalidInputError(revoked.error.message);
  ctx.io.out(`Revoked the token "${revoked.data.name}" of ${revoked.data.ownerEmail}; it stops working at once.`);
}
