import type { Kysely } from 'kysely';
import type { Actor } from '../../auth/actor';
import { appendAuditEvent } from '../../audit/append-audit-event';
import type { Database } from '../../db/schema';
import { lockAuditHead } from '../../audit/chain/lock-audit-head';
import { fail, ok, type Result } from '../../result';
import { clockOf, type Clock } from '../deps';
import { DEFAULT_STUCK_RULES, type StuckRules } from './stuck-rules';
import { stuckRulesSchema } from './stuck-rules-schema';

export const STUCK_RULES_KEY = 'stuck_rules';

export type SaveStuckRulesErrorCode = 'forbidden' | 'invalid-input';

export interface SavedStuckRules {
  readonly rules: StuckRules;
  /** False when the rules were already these; nothing was written or audited then. */
  readonly changed: boolean;
}

/** The rules in force: the stored ones, or the defaults before an administrator changed them. */
export async function getStuckRules(db: Kysely<Database>): Promise<StuckRules> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', STUCK_RULES_KEY).executeTakeFirst();
  if (!row) return DEFAULT_STUCK_RULES;
  try {
    const parsed = stuckRulesSchema.safeParse({ ...DEFAULT_STUCK_RULES, ...(JSON.parse(row.value) as object) });
    if (parsed.success) return parsed.data;
  } catch {
    // Fall through: an unreadable row must not take the board down.
  }
  console.error('The stored stuck-call rules could not be read; the defaults apply until an administrator saves them again.');
  return DEFAULT_STUCK_RULES;
}

/**
 * Saves new thresholds (administrators only). Input is validated with zod (form text or numbers);
 * a change is one audit event, 'settings.stuck_rules', with the old and the new values.
 */
export async function saveStuckRules(
  deps: { readonly db: Kysely<Database>; readonly clock?: Clock },
  actor: Actor,
  input: unknown,
): Promise<Result<SavedStuckRules, SaveStuckRulesErrorCode>> {
  const clock = clockOf(deps);
  if (actor.role !== 'admin') {
    await appendAuditEvent(deps.db, { action: 'settings.stuck_rules', actor, outcome: 'denied' }, clock).catch((error: unknown) =>
      console.error('A refused change of the stuck-call rules could not be audited:', error),
    );
    return fail('forbidden', 'Only an administrator can change the stuck-call rules.');
  }
  const parsed = stuckRulesSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string> = {};
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0] ?? 'rules')] ??= issue.message;
    return fail('invalid-input', 'The rules were not saved; check the fields marked.', fieldErrors);
  }
  const rules: StuckRules = parsed.data;
  const changed = await deps.db.transaction().execute(async (trx) => {
    // The append lock first: a change made meanwhile (another request, another process) cannot slip
    // between reading the old rules and recording them as the old value.
    await lockAuditHead(trx);
    const before = await getStuckRules(trx);
    if (sameRules(before, rules)) return false;
    const at = clock();
    await trx
      .insertInto('settings')
      .values({ key: STUCK_RULES_KEY, value: JSON.stringify(rules), updated_at: at, updated_by: actor.id })
      .onConflict((conflict) => conflict.column('key').doUpdateSet({ value: JSON.stringify(rules), updated_at: at, updated_by: actor.id }))
      .execute();
    // In the same transaction: the change and its record are committed together or not at all.
    await appendAuditEvent(trx, { action: 'settings.stuck_rules', actor, outcome: 'success', details: { old: before, new: rules } }, clock);
    return true;
  });
  return ok({ rules, changed });
}

function sameRules(a: StuckRules, b: StuckRules): boolean {
  return (
    a.connectingSeconds === b.connectingSeconds &&
    a.connectedMinutes === b.connectedMinutes &&
    a.afterDisconnectSeconds === b.afterDisconnectSeconds &&
    a.failedChecks === b.failedChecks
  );
}
