import type { Actor, AnonymousActor, SystemActor } from '../auth/actor';
import { hasAnyRole, ROLE_LABELS } from '../auth/roles';

/** Operators and administrators change calls; the console itself (demo data, recovery) may too. */
export function mayOperate(actor: Actor | SystemActor | AnonymousActor): boolean {
  if (actor.kind === 'system') return true;
  return actor.kind === 'user' && hasAnyRole(actor.role, ['operator']);
}

/** Why an actor may not change calls, in words. */
export function describeRefusal(actor: Actor | SystemActor | AnonymousActor, what: string): string {
  if (actor.kind !== 'user') return `Sign in to ${what}.`;
  return `Your role (${ROLE_LABELS[actor.role]}) cannot ${what}; an operator or an administrator can.`;
}
