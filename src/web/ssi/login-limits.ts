// Login throttles kept in memory: a token bucket per IP, and failure counts for unknown emails.
import type { Clock } from '../../core/clock.ts';

/** Most keys a throttle tracks; beyond it the oldest are forgotten (bounds memory under attack). */
const MAX_KEYS = 100_000;

/** A token bucket per client IP: each login attempt takes a token. */
export interface IpThrottle {
  /** Takes a token for `ip`: 0 if there was one, else the seconds until the next one. */
  take(ip: string): number;
}

/** Options for {@link createIpThrottle}. */
export interface IpThrottleOptions {
  readonly clock: Clock;
  /** Attempts a fresh IP may make at once (default 20). */
  readonly burst?: number;
  /** Tokens added per minute (default 10). */
  readonly perMinute?: number;
}

/** Creates the per-IP token buckets. */
export function createIpThrottle(options: IpThrottleOptions): IpThrottle {
  const burst = options.burst ?? 20;
  const perMs = (options.perMinute ?? 10) / 60_000;
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take(ip) {
      const now = options.clock.now().getTime();
      const bucket = buckets.get(ip) ?? { tokens: burst, at: now };
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.at) * perMs);
      bucket.at = now;
      buckets.delete(ip); // re-inserted last: the map stays in least-recently-used order
      buckets.set(ip, bucket);
      if (buckets.size > MAX_KEYS) buckets.delete(buckets.keys().next().value ?? ip);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.ceil((1 - bucket.tokens) / perMs / 1000);
    },
  };
}

/**
 * Failure counts and locks for emails that name nobody, mirroring what the store keeps for
 * people, so that an unknown email locks exactly as a real one does and the answers do not
 * tell whether an account exists.
 */
export interface DecoyLocks {
  /** When the email is locked until, or undefined. */
  lockedUntil(email: string): Date | undefined;
  /** Counts a failure (same window rule as the store); returns the failures in the window. */
  fail(email: string, windowMs: number): number;
  /** Locks the email until `until` and clears its count. */
  lock(email: string, until: Date): void;
}

/** Creates the in-memory locks for unknown emails. */
export function createDecoyLocks(clock: Clock): DecoyLocks {
  const entries = new Map<string, { failures: number; since: number; lockedUntil: number }>();
  const entry = (email: string) => {
    const found = entries.get(email) ?? { failures: 0, since: 0, lockedUntil: 0 };
    entries.delete(email);
    entries.set(email, found);
    if (entries.size > MAX_KEYS) entries.delete(entries.keys().next().value ?? email);
    return found;
  };
  return {
    lockedUntil(email) {
      const until = entries.get(email)?.lockedUntil ?? 0;
      return until > clock.now().getTime() ? new Date(until) : undefined;
    },
    fail(email, windowMs) {
      const now = clock.now().getTime();
      const e = entry(email);
      if (e.failures === 0 || e.since < now - windowMs) {
        e.failures = 0;
        e.since = now;
      }
      e.failures += 1;
      return e.failures;
    },
    lock(email, until) {
      const e = entry(email);
      e.failures = 0;
      e.lockedUntil = until.getTime();
    },
  };
}
