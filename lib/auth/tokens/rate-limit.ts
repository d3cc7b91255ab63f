import { getConfig } from '../../config';
import type { Clock } from '../clock';

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * A fixed-window request counter per key (a token's owner and name, or a source address for
 * requests that could not be identified). In memory, per process: it protects this process and
 * the UM service behind it from a runaway script.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly clock: Clock = Date.now,
  ) {}

  take(key: string): RateDecision {
    if (this.limit <= 0) return { ok: true };
    const now = this.clock();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.forgetExpired(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return { ok: true };
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000)) };
  }

  private forgetExpired(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

const KEY = Symbol.for('um-call-console.api-rate-limiter');
const holder = globalThis as typeof globalThis & { [KEY]?: RateLimiter };

/** The process's API limiter: API_RATE_LIMIT_PER_MINUTE requests per minute per caller (0: off). */
export function getApiRateLimiter(): RateLimiter {
  holder[KEY] ??= new RateLimiter(getConfig().apiRateLimitPerMinute, 60_000);
  return holder[KEY];
}
