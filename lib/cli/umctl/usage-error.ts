import type { CommandName } from './command-spec';

/**
 * A mistake in how umctl was called (exit 2): `usage` for the shape of the command line,
 * `input` for a value that can never be sent, such as a malformed call ID.
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command: CommandName | undefined = undefined,
    readonly kind: 'usage' | 'input' = 'usage',
  ) {
    super(message);
    this.name = 'UsageError';
  }
}
