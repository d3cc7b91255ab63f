import type { GreetingType } from '../../um';

export const COMMAND_NAMES = [
  'disconnect',
  'call-info',
  'play-on-phone',
  'play-on-phone-greeting',
  'is-um-enabled',
  'um-properties',
  'decode-call-id',
  'help',
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** What umctl was asked to do, with every argument already checked. */
export type Command =
  | { readonly name: 'disconnect'; readonly callId: string; readonly verifyTimeoutMs: number | undefined }
  | { readonly name: 'call-info'; readonly callId: string }
  | { readonly name: 'play-on-phone'; readonly entryId: string; readonly dialString: string }
  | { readonly name: 'play-on-phone-greeting'; readonly greetingType: GreetingType; readonly dialString: string }
  | { readonly name: 'is-um-enabled' }
  | { readonly name: 'um-properties' }
  | { readonly name: 'decode-call-id'; readonly callId: string }
  | { readonly name: 'help'; readonly topic: CommandName | undefined };

/** Options every command that talks to the UM service accepts. */
export const CONNECTION_OPTIONS = [
  'url',
  'username',
  'password-env',
  'timeout-ms',
  'ca-file',
  'max-response-bytes',
] as const;
export type ConnectionOption = (typeof CONNECTION_OPTIONS)[number];

export const COMMAND_OPTIONS = ['entry-id', 'dial-string', 'greeting-type', 'verify', 'verify-timeout-ms'] as const;
export type CommandOption = (typeof COMMAND_OPTIONS)[number];

interface CommandSpec {
  /** Positional arguments, by name; all required. */
  readonly positionals: readonly string[];
  /** Command-specific options this command accepts. */
  readonly options: readonly CommandOption[];
  /** False for commands that never contact the UM service. */
  readonly online: boolean;
}

export const COMMAND_SPECS: Record<CommandName, CommandSpec> = {
  disconnect: { positionals: ['callId'], options: ['verify', 'verify-timeout-ms'], online: true },
  'call-info': { positionals: ['callId'], options: [], online: true },
  'play-on-phone': { positionals: [], options: ['entry-id', 'dial-string'], online: true },
  'play-on-phone-greeting': { positionals: [], options: ['greeting-type', 'dial-string'], online: true },
  'is-um-enabled': { positionals: [], options: [], online: true },
  'um-properties': { positionals: [], options: [], online: true },
  'decode-call-id': { positionals: ['callId'], options: [], online: false },
  help: { positionals: [], options: [], online: false },
};

export function isCommandName(value: string): value is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(value);
}
