import { GREETING_TYPES, checkCallId, checkDialString, checkEntryId, type GreetingType } from '../../um';
import type { Command, CommandName } from './command-spec';
import type { ParsedValues } from './parse-args';
import { UsageError } from './usage-error';
import { parseWholeNumber } from './whole-number';

/** Turns a command's positionals and flags into a Command, refusing any value that could never be sent. */
export function buildCommand(name: CommandName, args: readonly string[], values: ParsedValues): Command {
  switch (name) {
    case 'disconnect': {
      if (values['verify-timeout-ms'] !== undefined && !values.verify) {
        throw new UsageError('--verify-timeout-ms only applies together with --verify.', name);
      }
      const verifyTimeoutMs = values.verify
        ? parseWholeNumber('--verify-timeout-ms', values['verify-timeout-ms'] ?? '10000', 'milliseconds', 1, 600_000)
        : undefined;
      return { name, callId: checkedCallId(args[0], name), verifyTimeoutMs };
    }
    case 'call-info':
    case 'decode-call-id':
      return { name, callId: checkedCallId(args[0], name) };
    case 'play-on-phone':
      return {
        name,
        entryId: checked(required(values['entry-id'], '--entry-id E', name), checkEntryId, '--entry-id', name),
        dialString: checked(required(values['dial-string'], '--dial-string D', name), checkDialString, '--dial-string', name),
      };
    case 'play-on-phone-greeting':
      return {
        name,
        greetingType: checkedGreetingType(required(values['greeting-type'], '--greeting-type NormalCustom|OofCustom', name)),
        dialString: checked(required(values['dial-string'], '--dial-string D', name), checkDialString, '--dial-string', name),
      };
    case 'is-um-enabled':
    case 'um-properties':
      return { name };
    case 'help':
      return { name, topic: undefined };
  }
}

function required(value: string | undefined, flag: string, command: CommandName): string {
  if (value === undefined) throw new UsageError(`${command} needs ${flag}.`, command);
  return value;
}

function checked(value: string, check: (value: unknown) => string | undefined, flag: string, command: CommandName): string {
  const problem = check(value);
  if (problem !== undefined) throw new UsageError(`${flag}: ${problem}`, command, 'input');
  return value;
}

/** CallIds are refused here, before any client exists, so nothing can be built from them. */
function checkedCallId(value: string | undefined, command: CommandName): string {
  const problem = checkCallId(value ?? '');
  if (problem !== undefined) throw new UsageError(`Invalid call ID: ${problem}`, command, 'input');
  return value ?? '';
}

function checkedGreetingType(value: string): GreetingType {
  const match = GREETING_TYPES.find((type) => type === value);
  if (match === undefined) {
    throw new UsageError(`--greeting-type must be ${GREETING_TYPES.join(' or ')}, got "${value.slice(0, 60)}".`, 'play-on-phone-greeting', 'input');
  }
  return match;
}
