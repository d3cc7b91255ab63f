import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import { fail, ok, type Result } from '../result';
import type { Database, UsersTable } from '../db/schema';
import { systemClock, type Clock } from './clock';
import { hashPassword } from './password';
import { isRole, type Role } from './roles';
import { fieldErrorsOf, newUserSchema, normalizeEmail, type NewUserInput } from './user-input';

/** A console user as the rest of the app sees one: never with the password hash. */
export interface UserDto {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
  readonly disabledAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export type CreateUserError = 'invalid-input' | 'email-taken';
export type UpdateUserError = 'not-found' | 'invalid-input';

/** Maps a row to the DTO; the hash stays behind. */
export function toUserDto(row: Selectable<UsersTable>): UserDto {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: isRole(row.role) ? row.role : 'viewer',
    mustChangePassword: Number(row.must_change_password) === 1,
    disabledAt: row.disabled_at === null ? null : Number(row.disabled_at),
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

/** Validates, hashes the password and stores a new user. */
export async function createUser(
  db: Kysely<Database>,
  input: NewUserInput,
  clock: Clock = systemClock,
): Promise<Result<UserDto, CreateUserError>> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    return fail('invalid-input', 'The new user’s details need fixing.', fieldErrorsOf(parsed.error));
  }
  const { email, displayName, role, password, mustChangePassword } = parsed.data;
  if (await findUserByEmail(db, email)) return emailTaken(email);
  const now = clock();
  const row = {
    id: randomUUID(),
    email,
    display_name: displayName,
    role,
    password_hash: await hashPassword(password),
    must_change_password: mustChangePassword ? 1 : 0,
    disabled_at: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await db.insertInto('users').values(row).execute();
  } catch (error) {
    // Someone else took the email between the check and the insert.
    if (await findUserByEmail(db, email)) return emailTaken(email);
    throw error;
  }
  return ok(toUserDto(row));
}

function emailTaken(email: string) {
  return fail('email-taken', `There is already a user with the email ${email}.`, { email: 'This email is taken.' });
}

export async function findUserById(db: Kysely<Database>, id: string): Promise<UserDto | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUserDto(row) : undefined;
}

export async function findUserByEmail(db: Kysely<Database>, email: string): Promise<UserDto | undefined> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
  return row ? toUserDto(row) : undefined;
}

/** Every user, by email. */
export async function listUsers(db: Kysely<Database>): Promise<UserDto[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('email').execute();
  return rows.map(toUserDto);
}

export async function setUserRole(
  db: Kysely<Database>,
  id: string,
  role: Role,
  clock: Clock = systemClock,
): Promise<Result<UserDto, UpdateUserError>> {
  if (!isRole(role)) return fail('invalid-input', 'That is not a role the console knows.');
  return updateUser(db, id, { role, updated_at: clock() });
}

/** Stops the user signing in, and ends their sessions at their next request. */
export async function disableUser(db: Kysely<Database>, id: string, clock: Clock = systemClock): Promise<Result<UserDto, UpdateUserError>> {
  const now = clock();
  return updateUser(db, id, { disabled_at: now, updated_at: now });
}

export async function enableUser(db: Kysely<Database>, id: string, clock: Clock = systemClock): Promise<Result<UserDto, UpdateUserError>> {
  return updateUser(db, id, { disabled_at: null, updated_at: clock() });
}

async function updateUser(
  db: Kysely<Database>,
  id: string,
  changes: Partial<Pick<UsersTable, 'role' | 'disabled_at' | 'updated_at'>>,
): Promise<Result<UserDto, UpdateUserError>> {
  const result = await db.updateTable('users').set(changes).where('id', '=', id).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) return fail('not-found', 'There is no such user.');
  const user = await findUserById(db, id);
  return user ? ok(user) : fail('not-found', 'There is no such user.');
}
