import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../auth/actor';
import type { Database } from '../../db/schema';
import { lockAuditHead } from '../chain/lock-audit-head';
import { fail, ok, type Result } from '../../result';
import { appendAuditEvent, type Clock } from '../append-audit-event';

export const AUDIT_RETENTION_KEY = 'audit_retention';
export const MAX_RETENTION_DAYS = 36_500;

/** What the form and `saveAuditRetention` accept: days, 0 or blank meaning "keep forever". */
const DAYS_MESSAGE = `Keep audit events for: a whole number of days from 1 to ${MAX_RETENTION_DAYS}, or 0 (or empty) to keep them forever.`;
export const auditRetentionSchema = z.object({
  days: z.preprocess(
    (value) => (value === undefined || value === null ? 0 : typeof value === 'string' ? (value.trim() === '' ? 0 : Number(value.trim())) : value),
    z.number({ error: DAYS_MESSAGE }).int(DAYS_MESSAGE).min(0, DAYS_MESSAGE).max(MAX_RETENTION_DAYS, DAYS_MESSAGE),
  ),
});

export interface AuditRetention {
  /** 0: audit events are kept forever (the default). */
  readonly days: number;
}

export const KEEP_FOREVER: AuditRetention = { days: 0 };

export interface SavedAuditRetention {
  readonly retention: AuditRetention;
  /** False when it was already this; nothing was written or audited then. */
  readonly changed: boolean;
}

/** The retention in force: the stored one, or "forever" before an administrator set one. */
export async function getAuditRetention(db: Kysely<Database>): Promise<AuditRetention> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', AUDIT_RETENTION_KEY).executeTakeFirst();
  if (!row) return KEEP_FOREVER;
  try {
    const parsed = auditRetentionSchema.safeParse(JSON.parse(row.value));
    if (parsed.success) return parsed.data;
  } catch {
    // Fall through: an unreadable value must never be read as a short retention.
  }
  console.error('The stored audit retention could not be read; audit events are kept forever until an administrator saves it again.');
  return KEEP_FOREVER;
}

/**
 * Sets how long audit events are kept (administrators only). A change is one audit event,
 * 'settings.audit_retention', with the old and the new value, in the same transaction as the change.
 */
export async function saveAuditRetention(
  deps: { readonly db: Kysely<Database>; readonly clock?: Clock },
  actor: Actor,
  input: unknown,
): Promise<Result<SavedAuditRetention, 'forbidden' | 'invalid-input'>> {
  const clock = deps.clock ?? Date.now;
  if (actor.role !== 'admin') {
    await appendAuditEvent(deps.db, { action: 'settings.audit_retention', actor, outcome: 'denied' }, clock).catch((error: unknown) =>
      console.error('A refused change of the audit retention could not be audited:', error),
    );
    return fail('forbidden', 'Only an administrator can change how long audit events are kept.');
  }
  const parsed = auditRetentionSchema.safeParse(input);
  if (!parsed.success) {
    return fail('invalid-input', 'The retention was not saved; check the field marked.', { days: parsed.error.issues[0]?.message ?? DAYS_MESSAGE });
  }
  const retention: AuditRetention = parsed.data;
  const changed = await deps.db.transaction().execute(async (trx) => {
    // The append lock first, so the old value recorded is the one this change replaced.
    await lockAuditHead(trx);
    const before = await getAuditRetention(trx);
    if (before.days === retention.days) return false;
    const at = clock();
    const value = JSON.stringify(retention);
    await trx
      .insertInto('settings')
      .values({ key: AUDIT_RETENTION_KEY, value, updated_at: at, updated_by: actor.id })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value, updated_at: at, updated_by: actor.id }))
      .execute();
    await appendAuditEvent(trx, { action: 'settings.audit_retention', actor, outcome: 'success', details: { old: before, new: retention } }, clock);
    return true;
  });
  return ok({ retention, changed });
}
