import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_POOL_SIZE, isPostgresUrl, parsePostgresUrl } from './db/postgres-url';

/**
 * The only reader of process.env. Every setting is validated once, and a bad value stops the
 * console with a message that names the variable and what was wrong with it.
 */

const httpUrl = (name: string) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      let url: URL | undefined;
      try {
        url = new URL(value);
      } catch {
        url = undefined;
      }
      if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an http(s) URL, got "${value.slice(0, 200)}"` });
      } else if (url.username || url.password) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must not contain a user name or password; use UM_USERNAME and UM_PASSWORD`,
        });
      }
    });

const wholeNumber = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}, got "${value.slice(0, 40)}"` });
      }
    })
    .transform(Number);

// Only the scheme is ever repeated in a message: the rest of a URL may hold a password.
const databaseUrl = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value.startsWith('file:')) return;
    if (!isPostgresUrl(value)) {
      const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(value)?.[0] ?? 'no scheme';
      ctx.addIssue({ code: 'custom', message: `DATABASE_URL must be file:<path> (SQLite) or postgres://… (PostgreSQL), got ${scheme.slice(0, 20)}` });
      return;
    }
    const parsed = parsePostgresUrl(value);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.problem });
  });

/** 0 turns verification off (the outcome is then `accepted`); otherwise at least a second to check in. */
const verifyTimeout = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    const n = Number(value);
    if (!/^\d+$/.test(value) || (n !== 0 && (n < 1000 || n > 300_000))) {
      ctx.addIssue({
        code: 'custom',
        message: `DISCONNECT_VERIFY_TIMEOUT_MS must be 0 (no verification) or a whole number from 1000 to 300000, got "${value.slice(0, 40)}"`,
      });
    }
  })
  .transform(Number);

/** The oldest sighting a bulk disconnect may use instead of a fresh pre-check, at most. */
const MAX_BULK_PRECHECK_AGE_MS = 60_000;

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value === '' ? undefined : value));

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).catch('development'),
  UM_SERVICE_URL: z.preprocess(emptyToUndefined, httpUrl('UM_SERVICE_URL').optional()),
  UM_USERNAME: optionalText,
  UM_PASSWORD: optionalText,
  UM_TIMEOUT_MS: z.preprocess(emptyToUndefined, wholeNumber('UM_TIMEOUT_MS', 100, 300_000).default(10_000)),
  UM_CA_FILE: optionalText,
  UM_MAX_CONCURRENCY: z.preprocess(emptyToUndefined, wholeNumber('UM_MAX_CONCURRENCY', 1, 256).default(16)),
  UM_MAX_RESPONSE_BYTES: z.preprocess(
    emptyToUndefined,
    wholeNumber('UM_MAX_RESPONSE_BYTES', 1024, 16 * 1024 * 1024).default(64 * 1024),
  ),
  DATA_DIR: optionalText,
  DATABASE_URL: z.preprocess(emptyToUndefined, databaseUrl.optional()),
  DB_POOL_SIZE: z.preprocess(emptyToUndefined, wholeNumber('DB_POOL_SIZE', 1, 1000).default(DEFAULT_POOL_SIZE)),
  AUTH_SECRET: optionalText,
  NEXTAUTH_SECRET: optionalText,
  AUDIT_HMAC_KEY: z.preprocess(
    emptyToUndefined,
    z.string().trim().min(32, 'AUDIT_HMAC_KEY must be at least 32 characters long').optional(),
  ),
  AUDIT_SIGNING_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_\-+/]{43}=?$/, 'AUDIT_SIGNING_KEY must be a 32-byte Ed25519 seed in base64 or base64url (43 characters)')
      .optional(),
  ),
  // Read by Next itself at build and start; validated here so a bad one is named before it bites.
  NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: z.preprocess(
    emptyToUndefined,
    z
      .string()
      .trim()
      .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && [16, 24, 32].includes(Buffer.from(value, 'base64').length), {
        message: 'NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be an AES key in base64 (16, 24 or 32 bytes); generate one with `openssl rand -base64 32`',
      })
      .optional(),
  ),
  PORT: z.preprocess(emptyToUndefined, wholeNumber('PORT', 1, 65_535).default(3000)),
  POLL_INTERVAL_MS: z.preprocess(emptyToUndefined, wholeNumber('POLL_INTERVAL_MS', 500, 3_600_000).default(5000)),
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(emptyToUndefined, wholeNumber('API_RATE_LIMIT_PER_MINUTE', 0, 1_000_000).default(600)),
  DISCONNECT_VERIFY_TIMEOUT_MS: z.preprocess(emptyToUndefined, verifyTimeout.default(15_000)),
  // No default here: unset, it follows POLL_INTERVAL_MS (see parseConfig).
  BULK_PRECHECK_MAX_AGE_MS: z.preprocess(emptyToUndefined, wholeNumber('BULK_PRECHECK_MAX_AGE_MS', 0, MAX_BULK_PRECHECK_AGE_MS).optional()),
  AUDIT_CHECKPOINT_INTERVAL_MS: z.preprocess(
    emptyToUndefined,
    wholeNumber('AUDIT_CHECKPOINT_INTERVAL_MS', 1000, 86_400_000).default(3_600_000),
  ),
  AUDIT_VERIFY_INTERVAL_MS: z.preprocess(emptyToUndefined, wholeNumber('AUDIT_VERIFY_INTERVAL_MS', 1000, 86_400_000).default(600_000)),
});

function emptyToUndefined(value: unknown): unknown {
  return typeof value === 'string' && value.trim() === '' ? undefined : value;
}

export interface UmServiceConfig {
  /** Undefined: the console starts its embedded UM simulator. */
  readonly url: string | undefined;
  readonly username: string | undefined;
  readonly password: string | undefined;
  readonly timeoutMs: number;
  readonly caFile: string | undefined;
  readonly maxConcurrency: number;
  readonly maxResponseBytes: number;
}

export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly um: UmServiceConfig;
  readonly dataDir: string;
  /** file:<path> (SQLite) or postgres://… (PostgreSQL). */
  readonly databaseUrl: string;
  /** PostgreSQL: connections in the pool of each console process. */
  readonly databasePoolSize: number;
  readonly authSecret: string | undefined;
  /** Keys the audit log's hash chain; undefined: a key file in the data folder is used. */
  readonly auditHmacKey: string | undefined;
  /** Seed of the Ed25519 key that signs audit checkpoints and export manifests; undefined: a key file in the data folder. */
  readonly auditSigningKey: string | undefined;
  /** Whether NEXT_SERVER_ACTIONS_ENCRYPTION_KEY is set (Next reads the key itself). */
  readonly serverActionsKeySet: boolean;
  readonly port: number;
  /** How often the status poller refreshes tracked calls. */
  readonly pollIntervalMs: number;
  /** How long a disconnect is verified with GetCallInfo before it is reported as accepted; 0: not verified. */
  readonly disconnectVerifyTimeoutMs: number;
  /**
   * Bulk disconnects: a call the console saw within this many ms gets no fresh pre-check GetCallInfo
   * before its Disconnect; 0: always a fresh one. Default: the poll interval (at most 60 s).
   */
  readonly bulkPrecheckMaxAgeMs: number;
  /** /api/v1 requests per minute per caller before 429 (0: no limit). */
  readonly apiRateLimitPerMinute: number;
  /** How often the audit log's head is signed as a checkpoint (when it moved). */
  readonly auditCheckpointIntervalMs: number;
  /** How often the whole audit log is verified in the background. */
  readonly auditVerifyIntervalMs: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`The console's configuration has ${problems.length === 1 ? 'a problem' : 'problems'}:\n- ${problems.join('\n- ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Readonly<Record<string, string | undefined>>;

/** Validates an environment; throws ConfigError listing every problem found. */
export function parseConfig(env: Env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.UM_PASSWORD && !e.UM_USERNAME) problems.push('UM_PASSWORD is set but UM_USERNAME is not');
  if (problems.length > 0) throw new ConfigError(problems);

  // turbopackIgnore: these are runtime paths, not files for the build to trace into the output.
  const dataDir = path.resolve(/*turbopackIgnore: true*/ e.DATA_DIR ?? 'data');
  return {
    nodeEnv: e.NODE_ENV,
    um: {
      url: e.UM_SERVICE_URL,
      username: e.UM_USERNAME,
      password: e.UM_PASSWORD,
      timeoutMs: e.UM_TIMEOUT_MS,
      caFile: e.UM_CA_FILE ? path.resolve(/*turbopackIgnore: true*/ e.UM_CA_FILE) : undefined,
      maxConcurrency: e.UM_MAX_CONCURRENCY,
      maxResponseBytes: e.UM_MAX_RESPONSE_BYTES,
    },
    dataDir,
    databaseUrl: e.DATABASE_URL ?? `file:${path.join(dataDir, 'console.db')}`,
    databasePoolSize: e.DB_POOL_SIZE,
    authSecret: e.AUTH_SECRET ?? e.NEXTAUTH_SECRET,
    auditHmacKey: e.AUDIT_HMAC_KEY,
    auditSigningKey: e.AUDIT_SIGNING_KEY,
    serverActionsKeySet: e.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY !== undefined,
    port: e.PORT,
    pollIntervalMs: e.POLL_INTERVAL_MS,
    disconnectVerifyTimeoutMs: e.DISCONNECT_VERIFY_TIMEOUT_MS,
    // Unset: one poll interval, about the age of what the poller last saw of a call (older: a fresh check).
    bulkPrecheckMaxAgeMs: e.BULK_PRECHECK_MAX_AGE_MS ?? Math.min(e.POLL_INTERVAL_MS, MAX_BULK_PRECHECK_AGE_MS),
    apiRateLimitPerMinute: e.API_RATE_LIMIT_PER_MINUTE,
    auditCheckpointIntervalMs: e.AUDIT_CHECKPOINT_INTERVAL_MS,
    auditVerifyIntervalMs: e.AUDIT_VERIFY_INTERVAL_MS,
  };
}

/**
 * What a server in PostgreSQL mode needs on top: several instances may serve one database, and each
 * must sign sessions, chain and sign the audit log, and encrypt server actions with the SAME keys.
 * A key generated into each instance's data folder would differ from the others', so in this mode
 * none is generated: all four come from the environment. One pooled connection holds the
 * instance's coordination locks, so the pool needs a second. Empty for SQLite (one process).
 */
export function multiInstanceProblems(config: AppConfig): string[] {
  if (!isPostgresUrl(config.databaseUrl)) return [];
  const missing = (name: string, how: string) =>
    `${name} must be set in PostgreSQL mode: every console instance needs the same one (${how})`;
  const problems: string[] = [];
  if (config.authSecret === undefined) problems.push(missing('AUTH_SECRET', 'e.g. `openssl rand -base64 32`; NEXTAUTH_SECRET is accepted too'));
  if (config.auditHmacKey === undefined) problems.push(missing('AUDIT_HMAC_KEY', '32+ characters, e.g. `openssl rand -base64 48`'));
  if (config.auditSigningKey === undefined) problems.push(missing('AUDIT_SIGNING_KEY', 'generate it with `openssl rand -base64 32`'));
  if (!config.serverActionsKeySet) {
    problems.push(missing('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY', 'generate it with `openssl rand -base64 32`; Next encrypts server actions with it'));
  }
  if (config.databasePoolSize < 2) {
    problems.push('DB_POOL_SIZE must be at least 2 in PostgreSQL mode: one connection holds this instance\'s coordination locks');
  }
  return problems;
}

let cached: AppConfig | undefined;

/** The console's configuration, read from process.env once. */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Reads one named variable, for CLI flags such as `--password-env VAR`. */
export function readEnvironmentVariable(name: string): string | undefined {
  const value = process.env[name];
  return value === '' ? undefined : value;
}

/**
 * The environment for a child process (next build, next start): this process's environment with
 * telemetry off, plus overrides; an override of undefined removes the variable.
 */
export function buildChildEnvironment(
  overrides: Readonly<Record<string, string | undefined>> = {},
): NodeJS.ProcessEnv {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({ ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...overrides })) {
    if (value !== undefined) env[name] = value;
  }
  // Next's typings declare NODE_ENV as always present; a child may legitimately go without it.
  return env as NodeJS.ProcessEnv;
}

/**
 * True while `next build` runs (Next sets NEXT_PHASE). Build-time rendering must not create
 * files in the data folder: the data folder belongs to the server that will run.
 */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}
