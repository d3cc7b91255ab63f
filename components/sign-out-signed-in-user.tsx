import { ROLE_LABELS } from '@/lib/auth/roles';
import type { SignedInUser } from '@/lib/auth/require-role';
import { SignOutButton } from './sign-out-button';
import styles from './sign-out-button.module.css';

/** The header's right-hand side: who is signed in, in which role, and the way out. */
export function SignedInUserBox({ user }: { readonly user: SignedInUser }) {
  return (
    <div className={styles.user} data-testid="signed-in-user">
      <span className={styles.who}>
        <span title={user.email}>{user.displayName}</span>
        <span className={styles.role}>
          {user.email} · {ROLE_LABELS[user.role]}
        </span>
      </span>
      <SignOutButton />
    </div>
  );
}
