import { getConfig } from '../../config';
import { getAuditHmacKeyForWriting } from '../../audit/chain/audit-keys-for-writing';
import { MIGRATION_NAMES } from '../../db/migrate';
import { openDatabase, type OpenDatabase } from '../../db/open-database';
import type { AdminContext, AdminIo } from './admin-context';
import { osUserName } from './cli-actor';
import { parseAdminArgs, type AdminInvocation } from './parse-admin-args';
import { revokeTokenCommand, createTokenCommand } from './token-commands';
import { ADMIN_USAGE, InvalidInputError, UsageError } from './usage';
import { createUserCommand, disableUserCommand, listUsersCommand, setRoleCommand } from './user-commands';
import { verifyAuditCommand } from './verify-audit-command';
import { verifyExportCommand } from './verify-export-command';
import { auditPublicKeyCommand, checkpointAuditCommand, pruneAuditCommand } from './audit-commands';

/** Runs one admin command; resolves to the exit code (0 done, 2 usage or invalid input, 1 other failure). */
export async function runAdmin(argv: readonly string[], io: AdminIo): Promise<number> {
  let invocation: AdminInvocation;
  try {
    invocation = parseAdminArgs(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`admin: ${error.message}`);
    io.err(ADMIN_USAGE);
    return 2;
  }
  if (invocation.command === 'help') {
    io.out(ADMIN_USAGE);
    return 0;
  }
  let database: OpenDatabase | undefined;
  try {
    // Offline: an auditor checks an export on their own machine, without the console's database.
    if (invocation.command === 'verify-export') return await verifyExportCommand(io, invocation.args, invocation.flags['public-key']);
    const config = getConfig();
    database = await openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
    // Opening the database migrated it; nothing else to do, and no audit key is needed for that.
    if (invocation.command === 'migrate') {
      io.out(`The ${database.dialect === 'postgres' ? 'PostgreSQL' : 'SQLite'} database is up to date (${MIGRATION_NAMES.length} migrations, the latest ${MIGRATION_NAMES.at(-1)}).`);
      return 0;
    }
    // Before anything is written: a command that would chain with the wrong key changes nothing.
    if (invocation.command !== 'verify-audit') await getAuditHmacKeyForWriting(database.db);
    return await dispatch({ db: database.db, io, osUser: osUserName() }, invocation);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`admin: ${error.message}`);
      io.err(ADMIN_USAGE);
      return 2;
    }
    if (error instanceof InvalidInputError) {
      io.err(`admin: ${error.message}`);
      return 2;
    }
    io.err(`admin: ${invocation.command} failed: ${describeFailure(error)}`);
    return 1;
  } finally {
    await database?.close().catch(() => undefined);
  }
}

async function dispatch(ctx: AdminContext, { command, flags, json, args }: AdminInvocation): Promise<number> {
  switch (command) {
    case 'create-user':
      await createUserCommand(ctx, flags);
      return 0;
    case 'list-users':
      await listUsersCommand(ctx, json);
      return 0;
    case 'set-role':
      await setRoleCommand(ctx, flags);
      return 0;
    case 'disable-user':
      await disableUserCommand(ctx, flags);
      return 0;
    case 'create-token':
      await createTokenCommand(ctx, flags);
      return 0;
    case 'revoke-token':
      await revokeTokenCommand(ctx, flags);
      return 0;
    case 'verify-audit':
      return verifyAuditCommand(ctx);
    case 'verify-export':
      return verifyExportCommand(ctx.io, args, flags['public-key']);
    case 'checkpoint-audit':
      return checkpointAuditCommand(ctx);
    case 'prune-audit':
      return pruneAuditCommand(ctx);
    case 'audit-public-key':
      return auditPublicKeyCommand(ctx);
    case 'migrate':
      // Opening the database migrated it; runAdmin reports that before any audit key is needed.
      return 0;
    case 'help':
      ctx.io.out(ADMIN_USAGE);
      return 0;
  }
}

/** A failure in words a person can act on; the config's own messages are written for people. */
function describeFailure(error: unknown): string {
  if (error instanceof Error && (error.name === 'ConfigError' || error.name === 'AuditKeyMissingError')) return error.message;
  if (error instanceof Error && /SQLITE_CANTOPEN|unable to open/i.test(error.message)) {
    return 'the database could not be opened; check DATA_DIR / DATABASE_URL and the folder permissions.';
  }
  return describePostgresFailure(error) ?? 'an unexpected error; nothing more is known here.';
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'EHOSTUNREACH', '28P01', '28000', '3D000']);

/** PostgreSQL's error codes (or the socket's), in words; null for anything else. */
function describePostgresFailure(error: unknown): string | null {
  const codeOf = (value: unknown) => (value instanceof Error && 'code' in value ? String(value.code) : '');
  const codes = [codeOf(error), codeOf(error instanceof Error ? error.cause : undefined)];
  if (codes.some((code) => UNREACHABLE.has(code))) {
    return 'the PostgreSQL server named in DATABASE_URL could not be reached or refused the sign-in; check the host, port, database, user and password.';
  }
  if (codes.includes('42501')) {
    return "the database role lacks a privilege this needs (a schema change needs the schema's owner: run migrate as the owner).";
  }
  return null;
}
