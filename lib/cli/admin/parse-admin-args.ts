import { parseArgs } from 'node:util';
import { UsageError } from './usage';

export const ADMIN_COMMANDS = {
  'create-user': { required: ['email', 'role'], optional: ['name'] },
  'list-users': { required: [], optional: ['json'] },
  'set-role': { required: ['email', 'role'], optional: [] },
  'disable-user': { required: ['email'], optional: [] },
  'create-token': { required: ['email', 'name'], optional: [] },
  'revoke-token': { required: [], optional: ['name', 'email', 'id'] },
  'verify-audit': { required: [], optional: [] },
  'verify-export': { required: [], optional: ['public-key'] },
  'checkpoint-audit': { required: [], optional: [] },
  'prune-audit': { required: [], optional: [] },
  'audit-public-key': { required: [], optional: [] },
  migrate: { required: [], optional: [] },
} as const;

/** The commands that take arguments besides options, by name (for the messages). */
const COMMAND_ARGS: Partial<Record<AdminCommand, readonly string[]>> = { 'verify-export': ['<file>', '<manifest>'] };

export type AdminCommand = keyof typeof ADMIN_COMMANDS;
type Flag = 'email' | 'role' | 'name' | 'id' | 'public-key' | 'json';

export interface AdminInvocation {
  readonly command: AdminCommand | 'help';
  readonly flags: Readonly<Partial<Record<Exclude<Flag, 'json'>, string>>>;
  readonly json: boolean;
  /** The arguments besides options, for the commands that take some (see COMMAND_ARGS). */
  readonly args: readonly string[];
}

const OPTIONS = {
  email: { type: 'string' },
  role: { type: 'string' },
  name: { type: 'string' },
  id: { type: 'string' },
  'public-key': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function isCommand(value: string): value is AdminCommand {
  return Object.hasOwn(ADMIN_COMMANDS, value);
}

/** argv (after the script) as a checked invocation, or a UsageError saying what is wrong. */
export function parseAdminArgs(argv: readonly string[]): AdminInvocation {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] ?? 'Invalid options.' : 'Invalid options.');
  }
  const { values, positionals } = parsed;
  const [command, ...extra] = positionals;
  if (command === undefined || command === 'help' || values.help) return { command: 'help', flags: {}, json: false, args: [] };
  if (!isCommand(command)) throw new UsageError(`Unknown command "${command.slice(0, 60)}".`);
  const argNames = COMMAND_ARGS[command] ?? [];
  if (extra.length > argNames.length) {
    throw new UsageError(
      argNames.length === 0
        ? `${command} takes no arguments besides options; unexpected "${String(extra[argNames.length]).slice(0, 60)}".`
        : `${command} takes ${argNames.join(' ')}; unexpected "${String(extra[argNames.length]).slice(0, 60)}".`,
    );
  }
  if (extra.length < argNames.length || extra.some((arg) => arg.trim() === '')) throw new UsageError(`${command} needs ${argNames.join(' ')}.`);
  const spec = ADMIN_COMMANDS[command];
  const allowed: readonly string[] = [...spec.required, ...spec.optional];
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name === 'help') continue;
    if (!allowed.includes(name)) throw new UsageError(`${command} does not take --${name}.`);
    if (typeof value === 'string' && value.trim() === '') throw new UsageError(`--${name} needs a value.`);
  }
  for (const name of spec.required) {
    if (values[name] === undefined) throw new UsageError(`${command} needs --${name}.`);
  }
  const { json, help: _help, ...flags } = values;
  return { command, flags, json: json === true, args: extra };
}
