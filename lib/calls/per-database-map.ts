import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/**
 * A map kept per process and per database handle. On globalThis because Next may load a module
 * twice in one process and both copies must share it; per handle because tests open several.
 */
export function perDatabaseMap<V>(name: string, db: Kysely<Database>): Map<string, V> {
  const key = Symbol.for(`um-call-console.${name}`);
  const holder = globalThis as typeof globalThis & Record<symbol, WeakMap<object, Map<string, V>> | undefined>;
  const maps = (holder[key] ??= new WeakMap());
  let map = maps.get(db);
  if (!map) {
    map = new Map();
    maps.set(db, map);
  }
  return map;
}
