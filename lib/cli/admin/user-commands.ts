import { appendAuditEvent } from '../../audit/append-audit-event';
import { isRole, ROLES } from '../../auth/roles';
import { createUser, disableUser, findUserByEmail, listUsers, setUserRole, type UserDto } from '../../auth/users';
import type { AdminContext, AdminFlags } from './admin-context';
import { CLI_ACTOR } from './cli-actor';
import { InvalidInputError } from './usage';

function roleFrom(flags: AdminFlags) {
  const role = flags.role?.trim().toLowerCase();
  if (!isRole(role)) throw new InvalidInputError(`--role must be one of ${ROLES.join(', ')}.`);
  return role;
}

async function userFrom(ctx: AdminContext, flags: AdminFlags): Promise<UserDto> {
  const user = await findUserByEmail(ctx.db, flags.email ?? '');
  if (!user) throw new InvalidInputError(`There is no user with the email ${flags.email ?? ''}.`);
  return user;
}

/** create-user: the password is the first line of stdin, never an argument (it would show in `ps`). */
export async function createUserCommand(ctx: AdminContext, flags: AdminFlags): Promise<void> {
  const role = roleFrom(flags);
  const password = (await ctx.io.readStdin()).split(/\r?\n/)[0] ?? '';
  if (password === '') throw new InvalidInputError('Pipe the password on stdin, e.g. `printf "%s\\n" "$PASSWORD" | npm run --silent admin -- create-user …`.');
  const email = flags.email ?? '';
  const created = await createUser(ctx.db, { email, displayName: flags.name ?? email.split('@')[0] ?? email, role, password });
  if (!created.ok) {
    const problems = Object.values(created.error.fieldErrors ?? {});
    throw new InvalidInputError(problems.length > 0 ? problems.join(' ') : created.error.message);
  }
  const user = created.data;
  await appendAuditEvent(ctx.db, {
    action: 'user.create',
    actor: CLI_ACTOR,
    outcome: 'success',
    details: { userId: user.id, email: user.email, role: user.role, osUser: ctx.osUser },
  });
  ctx.io.out(`Created ${user.email} (${user.role}).`);
}

export async function listUsersCommand(ctx: AdminContext, json: boolean): Promise<void> {
  const users = await listUsers(ctx.db);
  if (json) {
    ctx.io.out(JSON.stringify({ users: users.map((u) => ({ ...u, createdAt: new Date(u.createdAt).toISOString(), updatedAt: new Date(u.updatedAt).toISOString(), disabledAt: u.disabledAt === null ? null : new Date(u.disabledAt).toISOString() })) }));
    return;
  }
  if (users.length === 0) {
    ctx.io.out('No users yet.');
    return;
  }
  for (const u of users) {
    const state = u.disabledAt !== null ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active';
    ctx.io.out(`${u.email}\t${u.role}\t${state}\t${u.displayName}`);
  }
}

export async function setRoleCommand(ctx: AdminContext, flags: AdminFlags): Promise<void> {
  const role = roleFrom(flags);
  const user = await userFrom(ctx, flags);
  const updated = await setUserRole(ctx.db, user.id, role);
  if (!updated.ok) throw new InvalidInputError(updated.error.message);
  await appendAuditEvent(ctx.db, {
    action: 'user.set_role',
    actor: CLI_ACTOR,
    outcome: 'success',
    details: { userId: user.id, email: user.email, oldRole: user.role, newRole: role, osUser: ctx.osUser },
  });
  ctx.io.out(user.role === role ? `${user.email} already had the role ${role}.` : `${user.email}: ${user.role} → ${role}.`);
}

export async function disableUserCommand(ctx: AdminContext, flags: AdminFlags): Promise<void> {
  const user = await userFrom(ctx, flags);
  if (user.disabledAt !== null) {
    ctx.io.out(`${user.email} was already disabled (since ${new Date(user.disabledAt).toISOString()}).`);
    return;
  }
  const disabled = await disableUser(ctx.db, user.id);
  if (!disabled.ok) throw new InvalidInputError(disabled.error.message);
  await appendAuditEvent(ctx.db, {
    action: 'user.disable',
    actor: CLI_ACTOR,
    outcome: 'success',
    details: { userId: user.id, email: user.email, osUser: ctx.osUser },
  });
  ctx.io.out(`Disabled ${user.email}: they can no longer sign in, and their API tokens stop working.`);
}
