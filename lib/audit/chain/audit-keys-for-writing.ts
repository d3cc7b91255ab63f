import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { findAuditHmacKey, getAuditHmacKey, type AuditKey } from './audit-key';
import { findAuditSigningKey, getAuditSigningKey, type AuditSigningKey } from './signing-key';

/**
 * Thrown instead of minting a fresh key for a log that already depends on one: a process started
 * without the console's AUDIT_HMAC_KEY (an admin command run from another shell, say) would
 * otherwise create a key file and chain new rows with it, and every later verification would
 * report them as edited.
 */
export class AuditKeyMissingError extends Error {
  constructor(what: string, variable: string, file: string) {
    super(
      `The ${what} was not found (${variable} is not set and the data folder has no ${file}), but the audit log already ` +
        `depends on one. Run with the same ${variable} or data folder as the console, or restore ${file} from your backup.`,
    );
    this.name = 'AuditKeyMissingError';
  }
}

/** The HMAC key for appending; created only while the log holds no chained row. */
export async function getAuditHmacKeyForWriting(db: Kysely<Database>): Promise<AuditKey> {
  const found = findAuditHmacKey();
  if (found) return found;
  const chained = await db.selectFrom('audit_events').select('seq').where('hash', 'is not', null).limit(1).executeTakeFirst();
  if (chained) throw new AuditKeyMissingError('audit key', 'AUDIT_HMAC_KEY', 'audit-hmac-key');
  return getAuditHmacKey();
}

/** The signing key for checkpoints and manifests; created only while no checkpoint exists. */
export async function getAuditSigningKeyForWriting(db: Kysely<Database>): Promise<AuditSigningKey> {
  const found = findAuditSigningKey();
  if (found) return found;
  const signed = await db.selectFrom('audit_checkpoints').select('id').limit(1).executeTakeFirst();
  if (signed) throw new AuditKeyMissingError('audit signing key', 'AUDIT_SIGNING_KEY', 'audit-signing-key');
  return getAuditSigningKey();
}
