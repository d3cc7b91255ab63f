import { getConfig } from '../config';
import { openDatabase, type OpenDatabase } from './open-database';

const KEY = Symbol.for('um-console.database');
type Holder = { [KEY]?: Promise<OpenDatabase> };

/** The process's one database handle, opened and migrated on first use (kept on globalThis: Next may load this module twice). */
export function getDatabase(): Promise<OpenDatabase> {
  const holder = globalThis as Holder;
  const config = getConfig();
  holder[KEY] ??= openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize }).catch((error: unknown) => {
    delete holder[KEY];
    throw error;
  });
  return holder[KEY];
}
