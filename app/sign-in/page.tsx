import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/sign-in-form';
import styles from '@/components/sign-in-form.module.css';
import { CHANGE_PASSWORD_PATH } from '@/lib/auth/require-role';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { decodeSignInError, describeSignInError } from '@/lib/auth/sign-in-errors';
import { loadSessionUser } from '@/lib/auth/session-user';

export const metadata: Metadata = { title: 'Sign in · UM Call Console' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export default async function SignInPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  // Only ever the path: a callbackUrl naming another site lands on the same path here.
  const callbackPath = safeCallbackPath(first(params.callbackUrl));
  const state = await loadSessionUser();
  if (state.kind === 'signed-in') {
    redirect(
      state.user.mustChangePassword ? `${CHANGE_PASSWORD_PATH}?callbackUrl=${encodeURIComponent(callbackPath)}` : callbackPath,
    );
  }
  const error = first(params.error);
  // An error handed over in the URL is only ever shown as one of our own sentences.
  const initialError = error ? describeSignInError(decodeSignInError(error)) : null;
  return (
    <section className={styles.card} aria-labelledby="sign-in-heading">
      <h1 id="sign-in-heading">Sign in</h1>
      <p className={styles.intro}>Sign in with your console account to see and manage calls.</p>
      <SignInForm callbackPath={callbackPath} initialError={initialError} />
    </section>
  );
}
