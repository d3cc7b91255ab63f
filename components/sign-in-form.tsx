'use client';

import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { decodeSignInError, describeSignInError } from '@/lib/auth/sign-in-errors';
import styles from './sign-in-form.module.css';

interface SignInFormProps {
  /** Already reduced to a path on this origin by the page. */
  readonly callbackPath: string;
  readonly initialError: string | null;
}

/** Email and password through next-auth's credentials endpoint (CSRF token included by signIn). */
export function SignInForm({ callbackPath, initialError }: SignInFormProps) {
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', {
        redirect: false,
        email: String(form.get('email') ?? ''),
        password: String(form.get('password') ?? ''),
        callbackUrl: callbackPath,
      });
      if (result?.ok && !result.error && !landsOnAuthEndpoint(result.url)) {
        // A full load, so the header and every server component see the new session. Through this
        // page once more: signed in, it sends the person on — to the change-password page while a
        // one-time password is still owed, whatever page they were headed for.
        // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load is the point, see above
        window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(callbackPath)}`);
        return;
      }
      setError(describeSignInError(decodeSignInError(result?.error)));
    } catch {
      setError(describeSignInError({ code: 'unavailable' }));
    }
    setPending(false);
  }

  return (
    <form onSubmit={submit} noValidate aria-describedby="sign-in-error">
      <div className={styles.field}>
        <label htmlFor="sign-in-email">Email</label>
        <input id="sign-in-email" name="email" type="email" autoComplete="username" required autoFocus />
      </div>
      <div className={styles.field}>
        <label htmlFor="sign-in-password">Password</label>
        <input id="sign-in-password" name="password" type="password" autoComplete="current-password" required />
      </div>
      <button type="submit" className={styles.submit} disabled={pending} aria-busy={pending}>
        Sign in
      </button>
      <p id="sign-in-error" className={styles.formError} data-testid="sign-in-error" role="alert" aria-live="assertive">
        {error ?? ''}
      </p>
    </form>
  );
}

// next-auth answers a refused CSRF token with a redirect to its own sign-in endpoint and 200.
function landsOnAuthEndpoint(url: string | null | undefined): boolean {
  if (!url) return false;
  try {
    return new URL(url, window.location.origin).pathname.startsWith('/api/auth');
  } catch {
    return true;
  }
}
