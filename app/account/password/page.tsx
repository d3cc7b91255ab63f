import type { Metadata } from 'next';
import styles from '@/components/sign-in-form.module.css';
import { CHANGE_PASSWORD_PATH, getSignedInUser, requireRole } from '@/lib/auth/require-role';
import { safeCallbackPath } from '@/lib/auth/safe-callback-path';
import { ChangePasswordForm } from './change-password-form';

export const metadata: Metadata = { title: 'Change password · UM Call Console' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ChangePasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const callback = Array.isArray(params.callbackUrl) ? params.callbackUrl[0] : params.callbackUrl;
  const callbackPath = safeCallbackPath(callback);
  await requireRole('signed-in', { page: `${CHANGE_PASSWORD_PATH}?callbackUrl=${encodeURIComponent(callbackPath)}`, allowPasswordChange: true });
  const user = await getSignedInUser();
  return (
    <section className={styles.card} aria-labelledby="change-password-heading">
      <h1 id="change-password-heading">Change your password</h1>
      <p className={styles.intro}>
        {user?.mustChangePassword
          ? 'You signed in with a one-time password. Choose your own password to continue.'
          : `Signed in as ${user?.email ?? ''}.`}
      </p>
      <ChangePasswordForm callbackPath={callbackPath} />
    </section>
  );
}
