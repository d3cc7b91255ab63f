// Runs a test file's database tests against both SQLite and PostgreSQL. Without a reachable
// PostgreSQL the PostgreSQL variants are skipped, saying why in their name; with REQUIRE_POSTGRES=1
// (CI) they fail instead, with the same reason.
import { describe, it } from 'node:test';
import { postgresRequired, probePostgres } from './postgres-server';
import { DATABASE_KINDS, type DatabaseKind } from './test-database';

/** describe(`${title} [sqlite]`) and describe(`${title} [postgres]`), each with its kind. */
export function describeEachDatabase(title: string, body: (kind: DatabaseKind) => void): void {
  for (const kind of DATABASE_KINDS) describeForDatabase(kind, title, body);
}

/** One kind only (e.g. a test about PostgreSQL itself), with the same skip-or-fail rule. */
export function describeForDatabase(kind: DatabaseKind, title: string, body: (kind: DatabaseKind) => void): void {
  const server = kind === 'postgres' ? probePostgres() : { reachable: true, reason: '' };
  if (server.reachable) {
    describe(`${title} [${kind}]`, () => body(kind));
    return;
  }
  if (!postgresRequired()) {
    const reason = `${server.reason}; set REQUIRE_POSTGRES=1 to fail instead`;
    describe(`${title} [${kind}: skipped, ${reason}]`, () => {
      it('needs PostgreSQL', { skip: reason }, () => undefined);
    });
    return;
  }
  // A failing test of its own (a failed hook would leave the count of failures at 0).
  describe(`${title} [${kind}]`, () => {
    it('PostgreSQL is required here (REQUIRE_POSTGRES=1)', () => {
      throw new Error(`REQUIRE_POSTGRES=1, but ${server.reason}. Start it (see README, Tests) or point TEST_DATABASE_URL at one.`);
    });
  });
}
