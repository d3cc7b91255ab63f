'use client';

import { useActionState } from 'react';
import { FormField } from '@/components/ui/form-field';
import { createTokenAction } from '@/lib/actions/tokens/create-token-action';
import { INITIAL_CREATE_TOKEN_STATE } from '@/lib/actions/tokens/token-action-state';

interface Owner {
  readonly id: string;
  readonly label: string;
}

/** Creates a token for a user and shows it this once. */
export function CreateTokenForm({ owners }: { readonly owners: readonly Owner[] }) {
  const [state, action, pending] = useActionState(createTokenAction, INITIAL_CREATE_TOKEN_STATE);
  const values = state.status === 'error' ? state.values : { owner: '', name: '' };
  const errors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={action} className="form" aria-labelledby="create-token-heading">
      <h2 id="create-token-heading">Create a token</h2>
      <FormField id="token-owner" label="Owner" hint="The token acts with this user's role, as it is at each request." error={errors.owner}>
        {(control) => (
          <select {...control} name="owner" defaultValue={values.owner} required>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id="token-name" label="Name" hint='Shown in the audit log as "token:<name>", e.g. monitoring.' error={errors.name}>
        {(control) => <input {...control} name="name" defaultValue={values.name} required maxLength={64} autoComplete="off" />}
      </FormField>
      <button type="submit" className="button button--primary" aria-busy={pending || undefined} disabled={pending}>
        Create token
      </button>
      {state.status === 'error' ? (
        <p className="field__error" role="status">
          {state.message}
        </p>
      ) : null}
      {state.status === 'created' ? (
        <div className="token-created" role="status" aria-labelledby="token-created-heading">
          <h3 id="token-created-heading">
            Token “{state.name}” for {state.ownerEmail}
          </h3>
          <p>Copy it now: it is shown only this once and cannot be seen again.</p>
          <label htmlFor="new-token">New token</label>
          <input id="new-token" readOnly value={state.token} className="mono" size={60} onFocus={(event) => event.currentTarget.select()} />
        </div>
      ) : null}
    </form>
  );
}
