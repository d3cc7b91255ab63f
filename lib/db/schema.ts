import type { Generated } from 'kysely';

// Times are epoch milliseconds (UTC) in bigint columns; booleans are 0/1 integers. Both read the
// same on SQLite and PostgreSQL, which keeps every query portable.

export type Role = 'viewer' | 'operator' | 'auditor' | 'admin';

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  password_hash: string;
  must_change_password: number;
  disabled_at: number | null;
  created_at: number;
  updated_at: number;
}

export interface SignInAttemptsTable {
  id: string;
  at: number;
  email: string;
  source_ip: string;
  succeeded: number;
}

export interface CallsTable {
  call_id: string;
  label: string | null;
  server: string | null;
  added_by_id: string | null;
  added_by_email: string | null;
  added_via: string;
  added_at: number;
  state: string | null;
  raw_state: string | null;
  event_cause: string | null;
  raw_event_cause: string | null;
  state_since: number | null;
  last_checked_at: number | null;
  /** Who made the last check (an ObservationSource: poll, track, precheck, verify, recovery); null before the first. */
  last_checked_source: string | null;
  last_error: string | null;
  last_error_kind: string | null;
  consecutive_failures: number;
  ended_at: number | null;
  end_reason: string | null;
  /** The attempt holding the per-call disconnect lock, so at most one Disconnect is in flight. */
  disconnect_attempt_id: string | null;
  disconnect_started_at: number | null;
  /** The console instance whose attempt holds the lock; null when taken outside a server runtime. */
  disconnect_instance_id: string | null;
  /** The last disconnect attempt's completion: when, its outcome, and when the service took the hang-up. */
  last_disconnect_at: number | null;
  last_disconnect_accepted_at: number | null;
  last_disconnect_outcome: string | null;
  last_disconnect_attempt_id: string | null;
}

export interface CallObservationsTable {
  id: string;
  call_id: string;
  at: number;
  state: string;
  raw_state: string;
  event_cause: string;
  raw_event_cause: string;
  source: string;
}

export interface AuditEventsTable {
  seq: number;
  at: number;
  actor_id: string | null;
  actor_email: string | null;
  actor_role: string | null;
  auth_method: string;
  source_ip: string | null;
  user_agent: string | null;
  action: string;
  target_call_id: string | null;
  reason: string | null;
  outcome: string | null;
  fault_code: string | null;
  fault_text: string | null;
  um_latency_ms: number | null;
  end_latency_ms: number | null;
  attempt_id: string | null;
  batch_id: string | null;
  details: string | null;
  prev_hash: string | null;
  hash: string | null;
}

/**
 * A signed checkpoint of the audit log's head (append-only). The signature covers
 * lib/audit/chain/checkpoint-format.ts's canonical text of seq, hash, at and key_id.
 */
export interface AuditCheckpointsTable {
  id: string;
  seq: number;
  hash: string;
  at: number;
  /** First 16 hex digits of SHA-256 over the public key's DER. */
  key_id: string;
  /** SPKI PEM of the key that signed it. */
  public_key: string;
  /** Base64 Ed25519 signature. */
  signature: string;
  /** 'periodic' | 'on-demand' | 'before-prune' */
  reason: string;
  /** Who asked for an on-demand checkpoint (email, or cli:<OS user>); null for the console's own. */
  requested_by: string | null;
}

/** While a row exists here, rows with seq <= through_seq may be deleted (only inside a prune). */
export interface AuditPrunePermitsTable {
  through_seq: number;
  created_at: number;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** sha-256 (hex) of the whole token; the token itself is never stored. */
  token_hash: string;
  /** The token's first characters, for recognising it in a list. */
  prefix: string;
  created_at: number;
  /** Who created it: a user id, or 'cli'. */
  created_by: string | null;
  last_used_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

export interface MetaTable {
  key: string;
  value: string;
}

/** Settings an administrator edits (key → JSON value), e.g. 'stuck_rules'. */
export interface SettingsTable {
  key: string;
  value: string;
  updated_at: number;
  /** The user id of the last change; null for defaults written by the console. */
  updated_by: string | null;
}

/** A bulk disconnect run. status: running | paused | cancelled | finished | interrupted. */
export interface BatchesTable {
  batch_id: string;
  created_at: number;
  created_by_id: string;
  created_by_email: string;
  reason: string;
  status: string;
  /** Why it paused or stopped, in words. */
  status_message: string | null;
  total: number;
  /** How the calls were chosen (JSON: callIds or a filter), for the record. */
  selection: string | null;
  updated_at: number;
  finished_at: number | null;
  /** The console instance running it (started or resumed it); null outside a server runtime. */
  instance_id: string | null;
}

/** One call of a batch. status: pending | running | done | skipped | cancelled. */
export interface BatchItemsTable {
  batch_id: string;
  position: number;
  call_id: string;
  label: string | null;
  status: string;
  outcome: string | null;
  /** When the workflow refused the call (e.g. 'in-progress'); null when it ran. */
  error_code: string | null;
  message: string | null;
  fault_code: string | null;
  attempt_id: string | null;
  audit_seq: number | null;
  started_at: number | null;
  finished_at: number | null;
}

/** A console process on this database (see lib/coordination); removed when it stops or is found dead. */
export interface ConsoleInstancesTable {
  instance_id: string;
  started_at: number;
  host: string;
  pid: number;
}

/** The API rate limit's shared count: one fixed window per caller. */
export interface ApiRateWindowsTable {
  caller: string;
  window_start: number;
  count: number;
}

export interface Database {
  users: UsersTable;
  sign_in_attempts: SignInAttemptsTable;
  calls: CallsTable;
  call_observations: CallObservationsTable;
  audit_events: AuditEventsTable;
  audit_checkpoints: AuditCheckpointsTable;
  audit_prune_permits: AuditPrunePermitsTable;
  api_tokens: ApiTokensTable;
  meta: MetaTable;
  settings: SettingsTable;
  batches: BatchesTable;
  batch_items: BatchItemsTable;
  console_instances: ConsoleInstancesTable;
  api_rate_windows: ApiRateWindowsTable;
}

export type { Generated };
