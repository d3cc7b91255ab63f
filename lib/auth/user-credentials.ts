import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import type { Clock } from './clock';
import { toUserDto, type UserDto } from './users';

// The only reads and writes of password_hash. Internal to lib/auth: nothing outside imports this.

export interface UserWithCredentials {
  readonly user: UserDto;
  readonly passwordHash: string;
}

export async function findCredentialsByEmail(db: Kysely<Database>, email: string): Promise<UserWithCredentials | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? { user: toUserDto(row), passwordHash: row.password_hash } : undefined;
}

export async function findCredentialsById(db: Kysely<Database>, id: string): Promise<UserWithCredentials | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? { user: toUserDto(row), passwordHash: row.password_hash } : undefined;
}

/** Replaces a password hash; `mustChange` decides whether the next sign-in asks for a new one. */
export async function storePasswordHash(
  db: Kysely<Database>,
  id: string,
  passwordHash: string,
  mustChange: boolean,
  clock: Clock,
): Promise<boolean> {
  const result = await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, updated_at: clock() })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
