import Link from 'next/link';
import { FormField } from '@/components/ui/form-field';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '@/lib/audit';
import { ACTION_WORDS, AUDIT_OUTCOME_WORDS } from './audit-words';
import { auditClearHref, type AuditTab } from './audit-urls';

export type FilterValues = Readonly<Record<'actor' | 'action' | 'outcome' | 'callId' | 'batchId' | 'from' | 'to' | 'q', string>>;

interface AuditFilterFormProps {
  readonly tab: AuditTab;
  /** As typed (from the URL), so a refused value can be corrected. */
  readonly values: FilterValues;
  readonly fieldErrors: Readonly<Record<string, string>>;
}

const TIME_HINT = 'A date, or a time such as 2025-03-01T14:05Z (UTC without a zone).';

/** The filters as a GET form: they end up in the URL, so a filtered view can be shared. */
export function AuditFilterForm({ tab, values, fieldErrors }: AuditFilterFormProps) {
  return (
    <form method="get" action="/audit" className="panel filter-form" aria-labelledby="audit-filter-heading">
      <h2 id="audit-filter-heading" className="filter-form__heading">
        Filter
      </h2>
      {tab === 'events' ? <input type="hidden" name="tab" value="events" /> : null}
      <div className="filter-form__grid">
        <FormField id="filter-actor" label="Actor" hint="Part of an email." error={fieldErrors.actor}>
          {(control) => <input {...control} name="actor" className="input" defaultValue={values.actor} />}
        </FormField>
        <FormField id="filter-action" label="Action" error={fieldErrors.action}>
          {(control) => (
            <select {...control} name="action" className="input" defaultValue={values.action}>
              <option value="">Any action</option>
              {AUDIT_ACTIONS.map((action) => (
                <option key={action} value={action}>
                  {ACTION_WORDS[action]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="filter-outcome" label="Outcome" error={fieldErrors.outcome}>
          {(control) => (
            <select {...control} name="outcome" className="input" defaultValue={values.outcome}>
              <option value="">Any outcome</option>
              {AUDIT_OUTCOMES.map((outcome) => (
                <option key={outcome} value={outcome}>
                  {AUDIT_OUTCOME_WORDS[outcome]}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id="filter-call-id" label="Call ID" hint="The whole CallId or its start." error={fieldErrors.callId}>
          {(control) => <input {...control} name="callId" className="input mono" defaultValue={values.callId} spellCheck={false} />}
        </FormField>
        <FormField id="filter-batch" label="Batch" hint="A bulk disconnect’s batch id: all its attempts." error={fieldErrors.batchId}>
          {(control) => <input {...control} name="batchId" className="input mono" defaultValue={values.batchId} spellCheck={false} />}
        </FormField>
        <FormField id="filter-from" label="From" hint={TIME_HINT} error={fieldErrors.from}>
          {(control) => <input {...control} name="from" className="input" defaultValue={values.from} placeholder="2025-03-01" />}
        </FormField>
        <FormField id="filter-to" label="To" hint="Includes the whole day or minute given." error={fieldErrors.to}>
          {(control) => <input {...control} name="to" className="input" defaultValue={values.to} placeholder="2025-03-31" />}
        </FormField>
        <FormField
          id="filter-text"
          label="Search"
          hint="Words in the reason, the call’s label, the actor’s email or the fault."
          error={fieldErrors.q}
          className="filter-form__search"
        >
          {(control) => <input {...control} type="search" name="q" className="input" defaultValue={values.q} />}
        </FormField>
      </div>
      <div className="filter-form__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        <Link href={auditClearHref(tab)}>Clear filters</Link>
      </div>
    </form>
  );
}
