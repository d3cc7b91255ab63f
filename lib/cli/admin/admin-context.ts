import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

export interface AdminIo {
  /** One line to stdout (the newline is added). */
  out(line: string): void;
  /** One line to stderr. */
  err(line: string): void;
  /** Everything on stdin (for the password), or '' when nothing was piped. */
  readStdin(): Promise<string>;
}

export interface AdminContext {
  readonly db: Kysely<Database>;
  readonly io: AdminIo;
  /** Goes into every audit entry's details as osUser. */
  readonly osUser: string;
}

export type AdminFlags = Readonly<Partial<Record<'email' | 'role' | 'name' | 'id', string>>>;
