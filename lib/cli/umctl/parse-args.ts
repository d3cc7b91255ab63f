import { parseArgs } from 'node:util';
import {
  COMMAND_NAMES,
  COMMAND_SPECS,
  CONNECTION_OPTIONS,
  isCommandName,
  type Command,
  type CommandName,
  type CommandOption,
  type ConnectionOption,
} from './command-spec';
import { buildCommand } from './build-command';
import { UsageError } from './usage-error';

export type ConnectionFlags = Partial<Record<ConnectionOption, string>>;

export interface Invocation {
  readonly command: Command;
  readonly json: boolean;
  readonly connection: ConnectionFlags;
}

const OPTIONS = {
  url: { type: 'string' },
  username: { type: 'string' },
  'password-env': { type: 'string' },
  'timeout-ms': { type: 'string' },
  'ca-file': { type: 'string' },
  'max-response-bytes': { type: 'string' },
  'entry-id': { type: 'string' },
  'dial-string': { type: 'string' },
  'greeting-type': { type: 'string' },
  verify: { type: 'boolean' },
  'verify-timeout-ms': { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type ParsedValues = ReturnType<typeof parseStrictly>['values'];

/** Reads argv (without node and the script) into a checked Invocation, or throws UsageError. */
export function parseInvocation(argv: readonly string[]): Invocation {
  const parsed = parseStrictly(argv);
  const { values, positionals } = parsed;
  const json = values.json === true;
  const [first, ...rest] = positionals;

  if (first === undefined) {
    if (values.help) return { command: { name: 'help', topic: undefined }, json, connection: {} };
    throw new UsageError(`Name a command: ${COMMAND_NAMES.filter((name) => name !== 'help').join(', ')}.`);
  }
  if (!isCommandName(first)) throw new UsageError(`Unknown command "${first.slice(0, 60)}".`);
  if (values.help) return { command: { name: 'help', topic: first }, json, connection: {} };
  if (first === 'help') return { command: { name: 'help', topic: helpTopic(rest) }, json, connection: {} };

  checkOptionsBelong(first, values);
  const spec = COMMAND_SPECS[first];
  if (rest.length > spec.positionals.length) {
    throw new UsageError(`${first} takes ${describeArity(spec.positionals)}; unexpected "${String(rest[spec.positionals.length]).slice(0, 60)}".`, first);
  }
  const missing = spec.positionals[rest.length];
  if (missing !== undefined) throw new UsageError(`${first} needs a ${describePositional(missing)}.`, first);

  const connection: ConnectionFlags = {};
  for (const name of CONNECTION_OPTIONS) {
    const value = values[name];
    if (value !== undefined) connection[name] = value;
  }
  return { command: buildCommand(first, rest, values), json, connection };
}

function parseStrictly(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

/** Node's parseArgs messages suggest `--` tricks that do not apply here; say it plainly instead. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  const option = /'(-{1,2}[^' <]+)/.exec(message)?.[1] ?? 'an option';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    if (option === '--password') {
      return 'umctl takes no password on the command line: put it in a variable and pass --password-env VAR (default UM_PASSWORD).';
    }
    return `Unknown option "${option.slice(0, 60)}".`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return message.includes('does not take an argument') ? `${option} takes no value.` : `${option} needs a value.`;
  }
  return 'The command line could not be read.';
}

function helpTopic(rest: readonly string[]): CommandName | undefined {
  const [topic] = rest;
  if (topic === undefined) return undefined;
  if (!isCommandName(topic)) throw new UsageError(`There is no command "${topic.slice(0, 60)}" to explain.`);
  return topic;
}

function checkOptionsBelong(command: CommandName, values: ParsedValues): void {
  const allowed: readonly CommandOption[] = COMMAND_SPECS[command].options;
  for (const name of Object.keys(values)) {
    const isConnection = (CONNECTION_OPTIONS as readonly string[]).includes(name);
    if (name === 'json' || name === 'help') continue;
    if (isConnection && COMMAND_SPECS[command].online) continue;
    if (!isConnection && (allowed as readonly string[]).includes(name)) continue;
    throw new UsageError(`--${name} is not an option of ${command}.`, command);
  }
}

function describePositional(name: string): string {
  return name === 'callId' ? 'call ID (as PlayOnPhone returned it)' : name;
}

function describeArity(positionals: readonly string[]): string {
  if (positionals.length === 0) return 'no arguments';
  return positionals.length === 1 ? 'one argument' : `${positionals.length} arguments`;
}
