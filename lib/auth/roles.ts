import type { Role } from '../db/schema';

export type { Role };

export const ROLES: readonly Role[] = ['viewer', 'operator', 'auditor', 'admin'];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: 'Viewer',
  operator: 'Operator',
  auditor: 'Auditor',
  admin: 'Administrator',
};

/**
 * design.md: viewer (calls, read) < operator (track calls, disconnect); auditor (audit read and
 * export); admin (everything). So an operator also holds viewer rights; auditor stands apart.
 */
export function roleSatisfies(actual: Role, required: Role): boolean {
  if (actual === 'admin' || actual === required) return true;
  return actual === 'operator' && required === 'viewer';
}

/** True when `actual` satisfies any of `allowed`. */
export function hasAnyRole(actual: Role, allowed: readonly Role[]): boolean {
  return allowed.some((required) => roleSatisfies(actual, required));
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
