import { ROLE_LABELS, type Role } from '@/lib/auth/roles';

/** Operators read the audit log too, but only what they did themselves. */
export function OwnEntriesNote({ role }: { readonly role: Role }) {
  return (
    <p className="role-note" data-testid="own-entries-note">
      You see only your own entries: your role ({ROLE_LABELS[role]}) shows what you did yourself. Auditors and administrators
      see everyone’s.
    </p>
  );
}
