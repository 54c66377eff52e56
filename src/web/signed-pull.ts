// What a signed pull or acknowledgement covers, and the freshness and replay checks on it.
//
// A captured signature over a fixed text would drain a User's queue forever, so the signed
// text carries the request's time (header x-duis-time): the DSP refuses a time too far from
// its clock, and refuses a signed request it has already accepted within that window. The
// replay set is keyed by the signer and the signed text, not by the signature bytes: an
// ECDSA signature (r, s) has a twin (r, n - s) that verifies too, so a set of signatures
// could be passed by resending the twin.
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock.ts';

/** Header carrying the time the request was signed at (ISO 8601 with a zone). */
export const TIME_HEADER = 'x-duis-time';

/**
 * The exact text a pull or acknowledgement is signed over: the method, a space and the
 * request target as sent (path and query), a line feed, the x-duis-time value, a line feed,
 * and the body as sent (empty for GET).
 */
export function pullSigningText(request: {
  readonly method: string;
  readonly target: string;
  readonly time: string;
  readonly body?: string;
}): string {
  return `${request.method.toUpperCase()} ${request.target}\n${request.time}\n${request.body ?? ''}`;
}

/** ISO 8601 date and time to the second or finer, with Z or an offset (a zone is required). */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/;

/** A check's outcome: accepted, or why not (said for the User to read) and the error code. */
export type FreshnessCheck =
  | { readonly ok: true; readonly at: Date }
  | {
      readonly ok: false;
      readonly code: 'UNAUTHENTICATED' | 'RATE_LIMITED';
      readonly message: string;
    };

/** Options for {@link createReplayGuard}. */
export interface ReplayGuardOptions {
  readonly clock: Clock;
  /** How far a request's time may be from the clock, either way (e.g. 5 min). */
  readonly windowMs: number;
  /** Most signed requests remembered at once (default 100 000); beyond it, refuse. */
  readonly maxRemembered?: number;
}

/** Checks request times against the clock and remembers accepted signed requests. */
export interface ReplayGuard {
  /** Reads an x-duis-time value and checks it is within the window of the clock. */
  checkTime(value: string | undefined): FreshnessCheck;
  /**
   * Records a verified request (signer and signed text); refuses one already recorded.
   * `at` is the request's own time: the entry is kept until that time leaves the window,
   * after which checkTime refuses the request anyway.
   */
  remember(signer: string, signedText: string, at: Date): FreshnessCheck;
  /** How many requests are remembered now (for tests and metrics). */
  size(): number;
}

const seconds = (ms: number): string => `${Math.round(ms / 1000)} s`;

/** Creates a replay guard holding its memory in this process. */
export function createReplayGuard(options: ReplayGuardOptions): ReplayGuard {
  const { clock, windowMs } = options;
  const maxRemembered = options.maxRemembered ?? 100_000;
  // Digest of (signer, signed text) -> when the entry may be forgotten (epoch ms).
  const seen = new Map<string, number>();
  let prunedAt = 0;

  const prune = (now: number): void => {
    for (const [key, until] of seen) if (until <= now) seen.delete(key);
    prunedAt = now;
  };

  return {
    checkTime(value) {
      if (value === undefined || value.trim() === '') {
        return {
          ok: false,
          code: 'UNAUTHENTICATED',
          message: `no ${TIME_HEADER} header: send the time the request was signed at (ISO 8601, e.g. 2026-01-01T12:00:00.000Z) and sign it with the method and path`,
        };
      }
      const text = value.trim();
      const at = ISO_TIME.test(text) ? Date.parse(text) : Number.NaN;
      if (!Number.isFinite(at)) {
        return {
          ok: false,
          code: 'UNAUTHENTICATED',
          message: `${TIME_HEADER} "${text.slice(0, 40)}" is not an ISO 8601 time with a zone (e.g. 2026-01-01T12:00:00.000Z)`,
        };
      }
      const now = clock.now().getTime();
      const off = at - now;
      if (Math.abs(off) > windowMs) {
        const which = off < 0 ? 'stale' : 'in the future';
        return {
          ok: false,
          code: 'UNAUTHENTICATED',
          message: `${TIME_HEADER} ${text} is ${which}: ${seconds(Math.abs(off))} from the DSP's clock (${new Date(now).toISOString()}), at most ${seconds(windowMs)} is accepted`,
        };
      }
      return { ok: true, at: new Date(at) };
    },
    remember(signer, signedText, at) {
      const now = clock.now().getTime();
      // A scan at most once a second, or when full: the map holds only a window's requests.
      if (now - prunedAt >= 1000 || seen.size >= maxRemembered) prune(now);
      const key = createHash('sha256')
        .update(signer)
        .update('\n')
        .update(signedText)
        .digest('base64url');
      if (seen.has(key)) {
        return {
          ok: false,
          code: 'UNAUTHENTICATED',
          message: `replayed signature: this signed request (${TIME_HEADER} ${at.toISOString()}) was already accepted; sign each request afresh`,
        };
      }
      if (seen.size >= maxRemembered) {
        return {
          ok: false,
          code: 'RATE_LIMITED',
          message: `too many signed requests within ${seconds(windowMs)}; try again shortly`,
        };
      }
      seen.set(key, at.getTime() + windowMs);
      return { ok: true, at };
    },
    size: () => seen.size,
  };
}
