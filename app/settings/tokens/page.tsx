import type { Metadata } from 'next';
import { IsoTime } from '@/components/iso-time';
import { revokeTokenAction } from '@/lib/actions/tokens/revoke-token-action';
import { requireRole } from '@/lib/auth/require-role';
import { ROLE_LABELS } from '@/lib/auth/roles';
import { listApiTokens } from '@/lib/auth/tokens/api-tokens';
import { listUsers } from '@/lib/auth/users';
import { getRuntime } from '@/lib/runtime';
import { CreateTokenForm } from './create-token-form';

export const metadata: Metadata = { title: 'API tokens · Settings · UM Call Console' };

/** Administrators create tokens (shown once) and revoke them; only a hash is ever stored. */
export default async function TokensPage() {
  await requireRole(['admin'], { page: '/settings/tokens' });
  const { db } = await getRuntime();
  const [tokens, users] = await Promise.all([listApiTokens(db), listUsers(db)]);
  const owners = users
    .filter((user) => user.disabledAt === null)
    .map((user) => ({ id: user.id, label: `${user.email} (${ROLE_LABELS[user.role]})` }));
  return (
    <div className="page">
      <header className="page-header">
        <h1>API tokens</h1>
        <p className="page-header__intro">
          Scripts call the REST API with <code>Authorization: Bearer &lt;token&gt;</code>. A token acts with its owner&apos;s role;
          revoking it takes effect at its next request.
        </p>
      </header>
      <CreateTokenForm owners={owners} />
      <h2>Tokens</h2>
      {tokens.length === 0 ? (
        <p className="empty-state">No tokens yet.</p>
      ) : (
        <table className="table" aria-label="API tokens">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Owner</th>
              <th scope="col">Starts with</th>
              <th scope="col">Created</th>
              <th scope="col">Last used</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((token) => (
              <tr key={token.id}>
                <td>{token.name}</td>
                <td>{token.ownerEmail}</td>
                <td className="mono">{token.prefix}…</td>
                <td>
                  <IsoTime value={new Date(token.createdAt)} />
                </td>
                <td>{token.lastUsedAt === null ? 'Never' : <IsoTime value={new Date(token.lastUsedAt)} />}</td>
                <td>{token.revokedAt === null ? 'Active' : <>Revoked <IsoTime value={new Date(token.revokedAt)} /></>}</td>
                <td>
                  {token.revokedAt === null ? (
                    <form action={revokeTokenAction}>
                      <input type="hidden" name="tokenId" value={token.id} />
                      <button type="submit" className="button button--small button--danger-outline" aria-label={`Revoke ${token.name} of ${token.ownerEmail}`}>
                        Revoke
                      </button>
                    </form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
