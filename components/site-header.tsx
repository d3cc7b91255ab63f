import Link from 'next/link';
import { getSignedInUser, type SignedInUser } from '@/lib/auth/require-role';
import { SignedInUserBox } from './sign-out-signed-in-user';
import headerStyles from './sign-out-button.module.css';

export async function SiteHeader() {
  const user = await findSignedInUser();
  return (
    <header className="site-header">
      <div className={`site-header__inner ${headerStyles.bar}`}>
        <Link href="/" className="site-title">
          UM Call Console
        </Link>
        {user ? <SignedInUserBox user={user} /> : null}
      </div>
    </header>
  );
}

// The header never takes a page down with it; the page's own requireRole reports real trouble.
async function findSignedInUser(): Promise<SignedInUser | null> {
  try {
    return await getSignedInUser();
  } catch (error) {
    console.error('The header could not look up the signed-in user:', error);
    return null;
  }
}
