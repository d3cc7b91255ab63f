'use server';

import { saveAuditRetention } from '@/lib/audit/retention/retention-setting';
import { authorize } from '@/lib/auth/require-role';
import { getRuntime } from '@/lib/runtime';
import { echoFields, formFields } from '../form-input';
import type { SaveAuditRetentionState } from './retention-state';

const FIELDS = ['days'] as const;

/**
 * Saves how long audit events are kept. Checks the role itself (administrators); saveAuditRetention
 * checks again, validates, and audits the change with the old and the new value.
 */
export async function saveAuditRetentionAction(_previous: SaveAuditRetentionState, form: FormData): Promise<SaveAuditRetentionState> {
  const { days: value } = echoFields(form, FIELDS);
  const auth = await authorize(['admin']);
  const { db } = await getRuntime();
  if (!auth.ok) {
    if (auth.actor) await saveAuditRetention({ db }, auth.actor, {});
    return { status: 'error', message: auth.error.message, fieldError: undefined, value };
  }
  const result = await saveAuditRetention({ db }, auth.data, formFields(form, FIELDS));
  if (!result.ok) return { status: 'error', message: result.error.message, fieldError: result.error.fieldErrors?.days, value };
  return { status: 'saved', changed: result.data.changed, days: result.data.retention.days };
}
