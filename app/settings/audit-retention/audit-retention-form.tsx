'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { saveAuditRetentionAction } from '@/lib/actions/audit-retention/save-audit-retention-action';
import { INITIAL_SAVE_AUDIT_RETENTION_STATE } from '@/lib/actions/audit-retention/retention-state';

function describeSaved(days: number, changed: boolean): string {
  if (!changed) return 'Nothing changed: the retention was already this.';
  return days === 0 ? 'Saved. Audit events are now kept forever.' : `Saved. Audit events older than ${days} day(s) are removed at the next daily run.`;
}

/** One field, days (0 or empty: forever); the error under it; every change is audited. */
export function AuditRetentionForm({ days, maxDays }: { readonly days: number; readonly maxDays: number }) {
  const [state, formAction, pending] = useActionState(saveAuditRetentionAction, INITIAL_SAVE_AUDIT_RETENTION_STATE);
  const current = state.status === 'saved' ? state.days : days;
  const value = state.status === 'error' ? state.value : current === 0 ? '' : String(current);
  return (
    <form action={formAction} noValidate className="panel settings-form" aria-labelledby="audit-retention-heading">
      <h2 id="audit-retention-heading">Retention</h2>
      {/* Keyed by the value, so a saved or refused submission shows what now holds or what was typed. */}
      <div key={value + state.status}>
        <FormField
          id="audit-retention-days"
          label="Keep audit events for (days)"
          hint={`1–${maxDays} days, or 0 or empty to keep them forever (the default).`}
          error={state.status === 'error' ? state.fieldError : undefined}
        >
          {(control) => <input {...control} name="days" type="number" inputMode="numeric" min={0} max={maxDays} step={1} className="input input--short" defaultValue={value} />}
        </FormField>
      </div>
      <p className="muted">Every change is recorded in the audit log with the old and the new value, and so is every removal.</p>
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save retention'}
        </button>
        <p className={state.status === 'error' ? 'form-problem' : 'form-status'} role="status" data-testid="audit-retention-status">
          {state.status === 'saved' ? describeSaved(state.days, state.changed) : null}
          {state.status === 'error' ? state.message : null}
        </p>
      </div>
    </form>
  );
}
