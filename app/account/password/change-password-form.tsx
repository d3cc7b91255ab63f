'use client';

import { useActionState } from 'react';
import styles from '@/components/sign-in-form.module.css';
import { changePasswordAction } from '@/lib/auth/actions/change-password-action';
import { INITIAL_CHANGE_PASSWORD_STATE } from '@/lib/auth/change-password-state';

const FIELDS = [
  { name: 'currentPassword', label: 'Current password', autoComplete: 'current-password', hint: undefined },
  { name: 'newPassword', label: 'New password', autoComplete: 'new-password', hint: 'At least 12 characters.' },
  { name: 'repeatPassword', label: 'Repeat the new password', autoComplete: 'new-password', hint: undefined },
] as const;

export function ChangePasswordForm({ callbackPath }: { readonly callbackPath: string }) {
  const [state, action, pending] = useActionState(changePasswordAction, INITIAL_CHANGE_PASSWORD_STATE);
  const fieldErrors = state.status === 'error' ? state.fieldErrors : {};
  return (
    <form action={action} noValidate>
      <input type="hidden" name="callbackUrl" value={callbackPath} />
      {FIELDS.map((field) => {
        const error = fieldErrors[field.name];
        const describedBy = [field.hint ? `${field.name}-hint` : '', error ? `${field.name}-error` : ''].join(' ').trim();
        return (
          <div className={styles.field} key={field.name}>
            <label htmlFor={field.name}>{field.label}</label>
            <input
              id={field.name}
              name={field.name}
              type="password"
              autoComplete={field.autoComplete}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={describedBy || undefined}
            />
            {field.hint ? (
              <p id={`${field.name}-hint`} className={styles.hint}>
                {field.hint}
              </p>
            ) : null}
            {error ? (
              <p id={`${field.name}-error`} className={styles.fieldError}>
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      <button type="submit" className={styles.submit} disabled={pending} aria-busy={pending}>
        Change password
      </button>
      <p className={styles.formError} data-testid="change-password-error" role="alert">
        {state.status === 'error' ? state.message : ''}
      </p>
    </form>
  );
}
