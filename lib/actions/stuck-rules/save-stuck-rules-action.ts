'use server';

import { authorize } from '@/lib/auth/require-role';
import { saveStuckRules } from '@/lib/calls';
import { getRuntime } from '@/lib/runtime';
import { echoFields, formFields, pickFieldErrors } from '../form-input';
import { STUCK_RULE_FIELDS, type SaveStuckRulesState } from './stuck-rules-state';

/**
 * Saves the stuck-call rules from the settings form. Checks the role itself (administrators);
 * saveStuckRules checks again, validates, and audits the change with old and new values.
 */
export async function saveStuckRulesAction(_previous: SaveStuckRulesState, form: FormData): Promise<SaveStuckRulesState> {
  const values = echoFields(form, STUCK_RULE_FIELDS);
  const auth = await authorize(['admin']);
  const { db } = await getRuntime();
  if (!auth.ok) {
    // A signed-in person below admin: the domain refuses and puts the attempt on record.
    if (auth.actor) await saveStuckRules({ db }, auth.actor, {});
    return { status: 'error', message: auth.error.message, fieldErrors: {}, values };
  }
  const result = await saveStuckRules({ db }, auth.data, formFields(form, STUCK_RULE_FIELDS));
  if (!result.ok) {
    return { status: 'error', message: result.error.message, fieldErrors: pickFieldErrors(result.error.fieldErrors, STUCK_RULE_FIELDS), values };
  }
  return { status: 'saved', changed: result.data.changed, rules: result.data.rules };
}
