// Delivery of outbox messages to Users by push, with exponential back-off, jitter and a cap.
//
// The worker claims due messages under a lease, sends each through the injected `send` (the
// caller does the HTTP POST), and records each outcome as that send settles, so one slow or
// hanging endpoint never holds up another User's messages: the loop claims more while slow
// sends are pending, up to `maxInFlight` sends at once and `perRecipient` per User (so one
// User's dead endpoint cannot take every slot), and a send that outlives `sendTimeoutMs` is
// aborted and counted as a failure. A worker that dies loses nothing: its claimed messages
// become due again when the lease ends, so a new worker on the same store delivers them (at
// least once; a User may see a message twice after a crash, and DUIS responses carry their
// RequestID for that reason). After `maxAttempts` failed pushes a message is left for the
// User to pull.
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { OutboxStore } from '../store/audit-port.ts';
import type { OutboxMessage } from './outbox-message.ts';

/** How long to wait between pushes of one message. */
export interface BackoffPolicy {
  /** Delay after the first failure (default 1 s); it doubles per failure… */
  readonly baseMs: number;
  /** …up to this (default 10 min). */
  readonly capMs: number;
  /** Pushes before giving up and leaving the message for pull (default 8). */
  readonly maxAttempts: number;
  /** Source of jitter in [0, 1) (default Math.random); tests give a fixed one. */
  readonly random: () => number;
}

/** The default policy. */
export const DEFAULT_BACKOFF: BackoffPolicy = {
  baseMs: 1000,
  capMs: 600_000,
  maxAttempts: 8,
  random: Math.random,
};

/**
 * Delay after failed attempt number `attempt` (1-based): the capped exponential delay with
 * "equal jitter", somewhere in its upper half, so retries of many messages spread out.
 */
export function retryDelay(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const full = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(full / 2 + policy.random() * (full / 2));
}

/** What `send` reports: delivered, or why not. A thrown error counts as a failure too. */
export type SendResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** Options for {@link createDeliveryWorker}. */
export interface DeliveryWorkerOptions {
  readonly store: Pick<OutboxStore, 'claimDue' | 'markDelivered' | 'markFailed'>;
  /**
   * Pushes one message to its User's endpoint. `signal` aborts when the send outlives
   * `sendTimeoutMs` or the worker stops; a send should give up then.
   */
  readonly send: (message: OutboxMessage, signal: AbortSignal) => Promise<SendResult>;
  readonly backoff?: Partial<BackoffPolicy>;
  readonly clock?: Clock;
  /** Most messages claimed at once (default 100). */
  readonly batchSize?: number;
  /** How long a claim holds a message (default 60 s): longer than a send can take. */
  readonly leaseMs?: number;
  /** Most sends under way at once (default 100). */
  readonly maxInFlight?: number;
  /** Most sends under way at once to one User (default 4). */
  readonly perRecipient?: number;
  /** A send still pending after this long is aborted and counted as failed (default 10 s). */
  readonly sendTimeoutMs?: number;
  /** How long stop() waits for aborted sends to settle (default 2 s). */
  readonly stopGraceMs?: number;
}

/** What one round did. */
export interface DeliveryRound {
  readonly claimed: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly gaveUp: number;
}

/** Pushes outbox messages, a claim at a time or in a loop. */
export interface DeliveryWorker {
  /** Claims due messages once (as room allows), and resolves when those sends have settled. */
  runOnce(): Promise<DeliveryRound>;
  /**
   * Claims and sends until stopped: claims again as soon as a send settles, and pauses
   * `idleMs` (default 200) when nothing was due.
   */
  start(idleMs?: number): void;
  /** Stops claiming, aborts the sends under way and waits (a little) for them to settle. */
  stop(): Promise<void>;
}

type Outcome = 'delivered' | 'retrying' | 'gaveUp';

/** Creates a delivery worker. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 60_000;
  const maxInFlight = options.maxInFlight ?? 100;
  const perRecipient = options.perRecipient ?? 4;
  const sendTimeoutMs = options.sendTimeoutMs ?? 10_000;
  const stopGraceMs = options.stopGraceMs ?? 2_000;
  // A send must end before its lease does, or a second claim could send the message again.
  if (!(sendTimeoutMs < leaseMs)) {
    throw new RangeError(`sendTimeoutMs (${sendTimeoutMs}) must be below leaseMs (${leaseMs})`);
  }
  const inFlight = new Map<string, Promise<Outcome | undefined>>();
  const busy = new Map<Eui64, number>();
  let stopper = new AbortController(); // aborted by stop(), then replaced
  let loop: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;
  // A send that settled while nobody was paused (the loop was claiming): the next pause
  // returns at once instead of sleeping through it.
  let missed = false;

  const nudge = (): void => {
    if (wake === undefined) missed = true;
    wake?.();
    wake = undefined;
  };

  const attempt = async (message: OutboxMessage, stop: AbortSignal): Promise<SendResult> => {
    const signal = AbortSignal.any([stop, AbortSignal.timeout(sendTimeoutMs)]);
    let onAbort: (() => void) | undefined;
    // A send that ignores its signal still ends here when the signal fires.
    const aborted = new Promise<SendResult>((resolve) => {
      onAbort = () => {
        const why = stop.aborted ? 'delivery stopped' : `no answer within ${sendTimeoutMs} ms`;
        resolve({ ok: false, error: why });
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([options.send(message, signal), aborted]);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  };

  /** Records one send's outcome. */
  const record = async (
    message: OutboxMessage,
    result: SendResult,
    stopped: boolean,
  ): Promise<Outcome> => {
    const now = clock.now();
    if (result.ok) {
      await options.store.markDelivered([message.id], now);
      return 'delivered';
    }
    const last = !stopped && message.attempts >= policy.maxAttempts;
    // A send cut short by stop() is due again at once: the next worker need not wait.
    const nextAttemptAt = last
      ? null
      : stopped
        ? now
        : new Date(now.getTime() + retryDelay(message.attempts, policy));
    await options.store.markFailed(message.id, { error: result.error, nextAttemptAt });
    return last ? 'gaveUp' : 'retrying';
  };

  /** Sends one claimed message; settles with its outcome, undefined if it went unrecorded. */
  const launch = (message: OutboxMessage): Promise<Outcome | undefined> => {
    const who = message.recipientId;
    const stop = stopper.signal;
    busy.set(who, (busy.get(who) ?? 0) + 1);
    const settled = attempt(message, stop)
      .then((result) => record(message, result, stop.aborted))
      .catch(() => undefined) // the store is out: the lease ends and the message comes back
      .finally(() => {
        inFlight.delete(message.id);
        const left = (busy.get(who) ?? 1) - 1;
        if (left > 0) busy.set(who, left);
        else busy.delete(who);
        nudge();
      });
    inFlight.set(message.id, settled);
    return settled;
  };

  /** Claims what room allows and starts sending it; returns the sends started. */
  const claim = async (): Promise<Promise<Outcome | undefined>[]> => {
    const room = Math.min(batchSize, maxInFlight - inFlight.size);
    if (room <= 0) return [];
    const claimed = await options.store.claimDue(clock.now(), room, {
      leaseMs,
      perRecipient,
      busy: new Map(busy),
    });
    return claimed.map(launch);
  };

  async function runOnce(): Promise<DeliveryRound> {
    const outcomes = await Promise.all(await claim());
    const count = (o: Outcome): number => outcomes.filter((x) => x === o).length;
    return {
      claimed: outcomes.length,
      delivered: count('delivered'),
      retrying: count('retrying'),
      gaveUp: count('gaveUp'),
    };
  }

  /** Resolves when a send settles, stop() is called, or `ms` pass. */
  const pause = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      if (missed) {
        missed = false;
        resolve();
        return;
      }
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      const previous = wake;
      wake = () => {
        previous?.();
        done();
      };
    });

  // A function, not the flag itself: stop() may set it while a claim is awaited.
  const stopRequested = (): boolean => stopping;

  async function run(idleMs: number): Promise<void> {
    while (!stopping) {
      const room = Math.min(batchSize, maxInFlight - inFlight.size);
      const started = await claim().catch(() => undefined); // a store outage: try again later
      if (stopRequested()) break;
      // A full claim may leave more due: claim again at once if there is room, else wait for
      // a send to settle. A short claim means nothing more is due now (or only for busy
      // Users): wait for a send to settle or for idleMs.
      if (started !== undefined && started.length > 0 && started.length === room) {
        if (inFlight.size >= maxInFlight) await pause(idleMs);
        continue;
      }
      await pause(idleMs);
    }
  }

  return {
    runOnce,
    start(idleMs = 200) {
      if (loop !== undefined) return;
      stopping = false;
      loop = run(idleMs);
    },
    async stop() {
      stopping = true;
      nudge();
      await loop;
      loop = undefined;
      // Sends under way end now; later ones (runOnce, a new start) get a fresh signal.
      const stopped = stopper;
      stopper = new AbortController();
      stopped.abort();
      const grace = new Promise((resolve) => setTimeout(resolve, stopGraceMs).unref());
      await Promise.race([Promise.allSettled([...inFlight.values()]), grace]);
    },
  };
}
