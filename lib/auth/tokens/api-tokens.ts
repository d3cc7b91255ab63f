import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { fail, ok, type Result } from '../../result';
import { systemClock, type Clock } from '../clock';
import type { Role } from '../roles';
import { findUserById } from '../users';
import { generateTokenSecret } from './token-secret';
import { tokenNameSchema } from './token-input';

/** A token as lists show it: never the token or its hash. */
export interface ApiTokenDto {
  readonly id: string;
  readonly name: string;
  readonly prefix: string;
  readonly ownerId: string;
  readonly ownerEmail: string;
  readonly ownerRole: Role;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
  readonly revokedAt: number | null;
}

export interface CreatedApiToken {
  readonly record: ApiTokenDto;
  /** The token itself, to be shown once. */
  readonly token: string;
}

export type CreateTokenError = 'invalid-input' | 'not-found' | 'name-taken';

/** Creates a token for a user; `createdBy` is a user id or 'cli'. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { readonly userId: string; readonly name: string; readonly createdBy: string },
  clock: Clock = systemClock,
): Promise<Result<CreatedApiToken, CreateTokenError>> {
  const name = tokenNameSchema.safeParse(input.name);
  if (!name.success) {
    const message = name.error.issues[0]?.message ?? 'Choose another name.';
    return fail('invalid-input', message, { name: message });
  }
  const owner = await findUserById(db, input.userId);
  if (!owner) return fail('not-found', 'There is no such user.', { owner: 'There is no such user.' });
  if (owner.disabledAt !== null) {
    return fail('invalid-input', `${owner.email} is disabled; a token of theirs would not work.`, { owner: 'This user is disabled.' });
  }
  const secret = generateTokenSecret();
  const row = {
    id: randomUUID(),
    user_id: owner.id,
    name: name.data,
    token_hash: secret.hash,
    prefix: secret.prefix,
    created_at: clock(),
    created_by: input.createdBy,
    last_used_at: null,
    revoked_at: null,
    revoked_by: null,
  };
  try {
    await db.insertInto('api_tokens').values(row).execute();
  } catch (error) {
    if (await findLiveToken(db, owner.id, name.data)) {
      const message = `${owner.email} already has a token named "${name.data}"; revoke it or choose another name.`;
      return fail('name-taken', message, { name: message });
    }
    throw error;
  }
  const record: ApiTokenDto = {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    ownerId: owner.id,
    ownerEmail: owner.email,
    ownerRole: owner.role,
    createdAt: row.created_at,
    lastUsedAt: null,
    revokedAt: null,
  };
  return ok({ record, token: secret.token });
}

async function findLiveToken(db: Kysely<Database>, userId: string, name: string) {
  return db
    .selectFrom('api_tokens')
    .select('id')
    .where('user_id', '=', userId)
    .where('name', '=', name)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

const listQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.name',
      't.prefix',
      't.user_id',
      'u.email',
      'u.role',
      't.created_at',
      't.last_used_at',
      't.revoked_at',
    ]);

type ListRow = Awaited<ReturnType<ReturnType<typeof listQuery>['execute']>>[number];

function toDto(row: ListRow): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    ownerId: row.user_id,
    ownerEmail: row.email,
    ownerRole: row.role,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
  };
}

/** Every token, live ones first, newest first. */
export async function listApiTokens(db: Kysely<Database>): Promise<ApiTokenDto[]> {
  const rows = await listQuery(db).orderBy('t.created_at', 'desc').orderBy('t.id').execute();
  const dtos = rows.map(toDto);
  return [...dtos.filter((t) => t.revokedAt === null), ...dtos.filter((t) => t.revokedAt !== null)];
}

export async function findApiToken(db: Kysely<Database>, id: string): Promise<ApiTokenDto | undefined> {
  const row = await listQuery(db).where('t.id', '=', id).executeTakeFirst();
  return row ? toDto(row) : undefined;
}

/** Live tokens with this name, optionally of one owner (by email). */
export async function findLiveTokensByName(db: Kysely<Database>, name: string, ownerEmail?: string): Promise<ApiTokenDto[]> {
  let query = listQuery(db).where('t.name', '=', name).where('t.revoked_at', 'is', null);
  if (ownerEmail !== undefined) query = query.where('u.email', '=', ownerEmail.trim().toLowerCase());
  return (await query.execute()).map(toDto);
}

export type RevokeTokenError = 'not-found' | 'already-revoked';

/** Revokes a token; it stops working at its next request. */
export async function revokeApiToken(
  db: Kysely<Database>,
  id: string,
  revokedBy: string,
  clock: Clock = systemClock,
): Promise<Result<ApiTokenDto, RevokeTokenError>> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: clock(), revoked_by: revokedBy })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  const token = await findApiToken(db, id);
  if (!token) return fail('not-found', 'There is no such token.');
  if (Number(result.numUpdatedRows) === 0) return fail('already-revoked', `The token "${token.name}" was already revoked.`);
  return ok(token);
}
