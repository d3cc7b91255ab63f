import type { Role } from './roles';

/**
 * Who is acting, as the audit log records it: identity and role as they were at the time,
 * how they authenticated, and from where.
 */
export interface Actor {
  readonly kind: 'user';
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** 'session' for the browser, `token:<name>` for the API, 'cli' for the admin CLI. */
  readonly authMethod: string;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
}

/** The console itself (start-up recovery, the poller, bootstrap). */
export interface SystemActor {
  readonly kind: 'system';
  readonly authMethod: 'system';
  readonly sourceIp: null;
  readonly userAgent: null;
}

export const SYSTEM_ACTOR: SystemActor = { kind: 'system', authMethod: 'system', sourceIp: null, userAgent: null };

/** Someone who tried to act but could not be identified (a failed sign-in, a request without a session). */
export interface AnonymousActor {
  readonly kind: 'anonymous';
  /** The email typed at sign-in, when there was one. */
  readonly claimedEmail: string | null;
  readonly authMethod: string;
  readonly sourceIp: string | null;
  readonly userAgent: string | null;
}

export type AnyActor = Actor | SystemActor | AnonymousActor;
