// The keys every console instance on one PostgreSQL database must share (lib/config.ts,
// multiInstanceProblems): fixed test values, for the consoles and CLIs a test starts in that mode.
import { isPostgresUrl } from '../../../lib/db/postgres-url';

export const SHARED_TEST_SECRETS = {
  AUTH_SECRET: 'test-session-secret-fEWqU7xKz6n4fl0WL8b1k6AU',
  AUDIT_HMAC_KEY: 'test-audit-hmac-key-QGGfXBqLXvO5hxarAdbtikXI-0123',
  AUDIT_SIGNING_KEY: 'ktnwu1H5gb5U9E4SHKjDMXuKErsb78RMq8ln-AO0IOI',
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: 'w20xekfLkVS0a/5IidxGDgFqSFBijoQdEANrXUSwkGc=',
} as const;

/** The shared secrets when `databaseUrl` is PostgreSQL (where a server requires them), else nothing. */
export function sharedSecretsFor(databaseUrl: string | undefined): Readonly<Record<string, string>> {
  return databaseUrl !== undefined && isPostgresUrl(databaseUrl) ? SHARED_TEST_SECRETS : {};
}
