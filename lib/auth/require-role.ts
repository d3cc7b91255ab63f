import { forbidden, redirect } from 'next/navigation';
import { fail, ok, type ResultError } from '../result';
import type { Actor } from './actor';
import { hasAnyRole, ROLE_LABELS, type Role } from './roles';
import { safeCallbackPath } from './safe-callback-path';
import { loadSessionUser } from './session-user';

/** Roles that may enter, or 'signed-in' for any signed-in person whatever their role. */
export type RoleRequirement = readonly Role[] | 'signed-in';

export interface RequireRoleOptions {
  /** This page's path (and query): where to come back to after signing in. */
  readonly page: string;
  /** Only for the change-password page itself: it must open while a change is still owed. */
  readonly allowPasswordChange?: boolean;
}

export type AuthorizeError = 'unauthenticated' | 'forbidden';

/**
 * authorize's answer. A refusal because of the role carries who was refused, so the caller can put
 * the denied attempt on record (a refused disconnect is audited) without a second lookup.
 */
export type AuthorizeResult =
  | { readonly ok: true; readonly data: Actor }
  | { readonly ok: false; readonly error: ResultError<AuthorizeError>; readonly actor?: Actor };

export const CHANGE_PASSWORD_PATH = '/account/password';

function satisfies(role: Role, required: RoleRequirement): boolean {
  return required === 'signed-in' || hasAnyRole(role, required);
}

/**
 * The check at the top of every page. Signed out: off to /sign-in, coming back here afterwards.
 * Still holding a one-time password: off to change it first. Role too low: the 403 page.
 */
export async function requireRole(required: RoleRequirement, options: RequireRoleOptions): Promise<Actor> {
  const page = safeCallbackPath(options.page, '/');
  const state = await loadSessionUser();
  if (state.kind === 'signed-out') redirect(`/sign-in?callbackUrl=${encodeURIComponent(page)}`);
  if (state.user.mustChangePassword && !options.allowPasswordChange) {
    redirect(`${CHANGE_PASSWORD_PATH}?callbackUrl=${encodeURIComponent(page)}`);
  }
  if (!satisfies(state.user.role, required)) forbidden();
  return state.actor;
}

/**
 * The same check for server actions and route handlers, without throwing: the caller can audit
 * a denial and answer with a clear error (route handlers: 401 / 403 JSON).
 */
export async function authorize(
  required: RoleRequirement,
  options: { readonly allowPasswordChange?: boolean } = {},
): Promise<AuthorizeResult> {
  const state = await loadSessionUser();
  if (state.kind === 'signed-out') return fail('unauthenticated', 'You are signed out. Sign in again, then retry.');
  if (state.user.mustChangePassword && !options.allowPasswordChange) {
    return fail('forbidden', 'Change your one-time password first (Account → Change password), then retry.');
  }
  if (!satisfies(state.user.role, required)) {
    const needed = required === 'signed-in' ? '' : ` This needs the ${describeRoles(required)} role.`;
    return { ...fail('forbidden', `Your role (${ROLE_LABELS[state.user.role]}) does not allow this.${needed}`), actor: state.actor };
  }
  return ok(state.actor);
}

function describeRoles(roles: readonly Role[]): string {
  return roles.map((role) => ROLE_LABELS[role]).join(' or ');
}

/** Who is signed in, for the header; null when nobody is. */
export interface SignedInUser {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly mustChangePassword: boolean;
}

export async function getSignedInUser(): Promise<SignedInUser | null> {
  const state = await loadSessionUser();
  if (state.kind === 'signed-out') return null;
  const { id, email, displayName, role, mustChangePassword } = state.user;
  return { id, email, displayName, role, mustChangePassword };
}
