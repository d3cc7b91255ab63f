import { sql, type Kysely } from 'kysely';
import { getConfig } from '../../config';
import { withRelaxedCommits } from '../../db/relaxed-commit';
import type { Database } from '../../db/schema';
import type { Clock } from '../clock';

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

export interface RateLimiterOptions {
  readonly limit: number;
  readonly windowMs: number;
  readonly clock?: Clock;
}

// Expired windows are swept now and then by whoever counts, not on every request.
const SWEEP_EVERY = 1000;

/**
 * A fixed-window request counter per key (a token's owner and name, or a source address for
 * requests that could not be identified), kept in the database so that every console instance on
 * it counts the same requests: the limit holds for a caller however a load balancer spreads them.
 * One upsert per request: it starts a new window when the caller's last one is over, or counts one
 * more in it, and says where the count now stands.
 */
export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly clock: Clock;
  private takes = 0;

  constructor(
    private readonly db: Kysely<Database>,
    options: RateLimiterOptions,
  ) {
    this.limit = options.limit;
    this.windowMs = options.windowMs;
    this.clock = options.clock ?? Date.now;
  }

  async take(key: string): Promise<RateDecision> {
    if (this.limit <= 0) return { ok: true };
    const now = this.clock();
    const expired = now - this.windowMs;
    // Every SET expression reads the row as it was, on SQLite and PostgreSQL alike.
    const current = sql<boolean>`api_rate_windows.window_start > ${expired}`;
    // A count lost to a power cut only gives a caller a few more requests: no fsync per request.
    const row = await withRelaxedCommits(this.db, (db) =>
      db
        .insertInto('api_rate_windows')
        .values({ caller: key, window_start: now, count: 1 })
        .onConflict((conflict) =>
          conflict.column('caller').doUpdateSet({
            count: sql<number>`case when ${current} then api_rate_windows.count + 1 else 1 end`,
            window_start: sql<number>`case when ${current} then api_rate_windows.window_start else ${now} end`,
          }),
        )
        .returning(['count', 'window_start'])
        .executeTakeFirstOrThrow(),
    );
    if ((this.takes += 1) % SWEEP_EVERY === 0) await this.sweep(expired);
    if (Number(row.count) <= this.limit) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((Number(row.window_start) + this.windowMs - now) / 1000)) };
  }

  private async sweep(expired: number): Promise<void> {
    await this.db.deleteFrom('api_rate_windows').where('window_start', '<=', expired).execute();
  }
}

const KEY = Symbol.for('um-call-console.api-rate-limiter');
const holder = globalThis as typeof globalThis & { [KEY]?: RateLimiter };

/** The console's API limiter: API_RATE_LIMIT_PER_MINUTE requests per minute per caller (0: off), shared by every instance. */
export function getApiRateLimiter(db: Kysely<Database>): RateLimiter {
  holder[KEY] ??= new RateLimiter(db, { limit: getConfig().apiRateLimitPerMinute, windowMs: 60_000 });
  return holder[KEY];
}
