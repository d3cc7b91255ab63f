import type { Actor } from '@/lib/auth/actor';
import { hasAnyRole } from '@/lib/auth/roles';

/** Auditors and administrators see every entry; an operator only the ones they made themselves. */
export function canSeeEntry(viewer: Actor, entry: { readonly actorId: string | null }): boolean {
  return hasAnyRole(viewer.role, ['auditor']) || (entry.actorId !== null && entry.actorId === viewer.id);
}
