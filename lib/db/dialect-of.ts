import { PostgresAdapter, type Dialect as KyselyDialect, type QueryExecutorProvider } from 'kysely';
import type { Dialect } from './open-database';

// A mark on the adapter rather than `instanceof PostgresAdapter`: Next may bundle Kysely more than
// once, and an adapter made by one copy is no instance of another copy's class. A registry symbol
// is the same in every copy, and a transaction shares its database's adapter.
const DIALECT_MARK = Symbol.for('um-call-console.dialect');

/** The Kysely dialect, with its adapter marked as `name` for dialectOf. */
export function markDialect(inner: KyselyDialect, name: Dialect): KyselyDialect {
  return {
    createDriver: () => inner.createDriver(),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
    createAdapter: () => Object.assign(inner.createAdapter(), { [DIALECT_MARK]: name }),
  };
}

/** Which database a handle (or a transaction on it) talks to, for the few statements that differ. */
export function dialectOf(db: QueryExecutorProvider): Dialect {
  const adapter = db.getExecutor().adapter;
  const mark = (adapter as unknown as Record<symbol, unknown>)[DIALECT_MARK];
  if (mark === 'postgres' || mark === 'sqlite') return mark;
  return adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
