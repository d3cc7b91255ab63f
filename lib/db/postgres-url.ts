// A PostgreSQL DATABASE_URL: the standard postgres:// form that psql and libpq read, plus one
// parameter of the console's own, `schema`, naming the schema its tables live in.

/** Connections per PostgreSQL pool when DB_POOL_SIZE is not set. */
export const DEFAULT_POOL_SIZE = 10;

/** Unquoted PostgreSQL identifiers only: nothing in the name needs escaping anywhere it is used. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export interface PostgresTarget {
  /** What pg connects with: the URL without `schema`, whose search_path (in `options`) names it instead. */
  readonly connectionString: string;
  /** The schema of `?schema=`; null when the URL names none (the role's search_path decides). */
  readonly schema: string | null;
}

export type PostgresUrlCheck = { readonly ok: true; readonly target: PostgresTarget } | { readonly ok: false; readonly problem: string };

export function isPostgresUrl(url: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(url);
}

/** Reads a postgres:// URL; the problem, when there is one, never repeats the URL (it may hold a password). */
export function parsePostgresUrl(url: string): PostgresUrlCheck {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, problem: 'DATABASE_URL is not a valid postgres:// URL' };
  }
  if (!isPostgresUrl(url)) {
    return { ok: false, problem: 'DATABASE_URL must look like postgres://user:password@host:5432/database' };
  }
  const schemas = parsed.searchParams.getAll('schema');
  if (schemas.length > 1) return { ok: false, problem: 'DATABASE_URL names more than one schema' };
  const schema = schemas[0] ?? null;
  if (schema !== null && !SCHEMA_NAME.test(schema)) {
    return {
      ok: false,
      problem: `DATABASE_URL's schema must be a lower-case PostgreSQL name (letters, digits, _; not starting with a digit), got "${schema.slice(0, 70)}"`,
    };
  }
  if (schema !== null) {
    parsed.searchParams.delete('schema');
    // libpq's own way of setting search_path for the session, so every pooled connection has it.
    const options = [parsed.searchParams.get('options'), `-c search_path=${schema}`].filter(Boolean).join(' ');
    parsed.searchParams.set('options', options);
  }
  return { ok: true, target: { connectionString: parsed.toString(), schema } };
}
