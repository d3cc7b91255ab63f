'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { DEFAULT_LANDING_PATH } from '@/lib/auth/safe-callback-path';
import styles from './sign-out-button.module.css';

/**
 * POSTs to next-auth's sign-out endpoint with its CSRF token (next-auth audits it through its
 * signOut event), then loads the landing page in full — signed out, that lands on
 * /sign-in?callbackUrl=/calls — so nothing of the signed-in pages stays in the router cache.
 */
export function SignOutButton() {
  const [pending, setPending] = useState(false);
  async function signOutNow() {
    setPending(true);
    try {
      await signOut({ callbackUrl: DEFAULT_LANDING_PATH });
    } catch {
      setPending(false);
    }
  }
  return (
    <button type="button" className={styles.button} onClick={signOutNow} disabled={pending} aria-busy={pending}>
      Sign out
    </button>
  );
}
