'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { saveStuckRulesAction } from '@/lib/actions/stuck-rules/save-stuck-rules-action';
import { INITIAL_SAVE_STUCK_RULES_STATE, STUCK_RULE_FIELDS, type StuckRuleField } from '@/lib/actions/stuck-rules/stuck-rules-state';
import { DEFAULT_STUCK_RULES, STUCK_RULE_LIMITS, type StuckRules } from '@/lib/calls/stuck/stuck-rules';

const LABELS: Record<StuckRuleField, string> = {
  connectingSeconds: 'Connecting longer than (seconds)',
  connectedMinutes: 'Connected longer than (minutes)',
  afterDisconnectSeconds: 'Still up after an accepted disconnect (seconds)',
  failedChecks: 'Failed status checks in a row',
};

const ABOUT: Record<StuckRuleField, string> = {
  connectingSeconds: 'Dialling or ringing for longer than this.',
  connectedMinutes: 'Up for longer than this.',
  afterDisconnectSeconds: 'The UM service took the hang-up, but the call is still up this long after.',
  failedChecks: 'This many status checks in a row failed (or more).',
};

/** The four thresholds; field errors under the fields; every change is audited. */
export function StuckRulesForm({ rules }: { readonly rules: StuckRules }) {
  const [state, formAction, pending] = useActionState(saveStuckRulesAction, INITIAL_SAVE_STUCK_RULES_STATE);
  const current = state.status === 'saved' ? state.rules : rules;
  const fieldErrors = state.status === 'error' ? state.fieldErrors : {};
  const valueOf = (field: StuckRuleField) => (state.status === 'error' ? state.values[field] : String(current[field]));
  return (
    <form action={formAction} noValidate className="panel settings-form" aria-labelledby="stuck-rules-heading">
      <h2 id="stuck-rules-heading">Thresholds</h2>
      {/* Keyed by the values, so a saved or refused submission shows what now holds or what was typed. */}
      <div className="settings-form__grid" key={STUCK_RULE_FIELDS.map(valueOf).join('|') + state.status}>
        {STUCK_RULE_FIELDS.map((field) => {
          const { min, max } = STUCK_RULE_LIMITS[field];
          return (
            <FormField key={field} id={`rule-${field}`} label={LABELS[field]} hint={`${ABOUT[field]} ${min}–${max}; default ${DEFAULT_STUCK_RULES[field]}.`} error={fieldErrors[field]}>
              {(control) => <input {...control} name={field} type="number" inputMode="numeric" min={min} max={max} step={1} required className="input input--short" defaultValue={valueOf(field)} />}
            </FormField>
          );
        })}
      </div>
      <p className="muted">Every change is recorded in the audit log with the old and the new values.</p>
      <div className="settings-form__actions">
        <button type="submit" className="button button--primary" disabled={pending}>
          {pending ? 'Saving…' : 'Save rules'}
        </button>
        <p className={state.status === 'error' ? 'form-problem' : 'form-status'} role="status" data-testid="stuck-rules-status">
          {state.status === 'saved' ? (state.changed ? 'Saved. The board uses the new rules from its next refresh.' : 'Nothing changed: the rules were already these.') : null}
          {state.status === 'error' ? state.message : null}
        </p>
      </div>
    </form>
  );
}
