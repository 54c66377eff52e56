// Delivery of outbox messages to Users by push, with exponential back-off, jitter and a cap.
//
// Each round claims due messages under a lease, sends them through the injected `send` (the
// caller does the HTTP POST), and records the outcome. A worker that dies mid-round loses
// nothing: its claimed messages become due again when the lease ends, so a new worker on the
// same store delivers them (at least once; a User may see a message twice after a crash, and
// DUIS responses carry their RequestID for that reason). After `maxAttempts` failed pushes a
// message is left for the User to pull.
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';
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
  /** Pushes one message to its User's endpoint. */
  readonly send: (message: OutboxMessage) => Promise<SendResult>;
  readonly backoff?: Partial<BackoffPolicy>;
  readonly clock?: Clock;
  /** Messages claimed per round (default 100), sent concurrently. */
  readonly batchSize?: number;
  /** How long a claim holds a message (default 60 s): longer than a send can take. */
  readonly leaseMs?: number;
}

/** What one round did. */
export interface DeliveryRound {
  readonly claimed: number;
  readonly delivered: number;
  readonly retrying: number;
  readonly gaveUp: number;
}

/** Pushes outbox messages, a round at a time or in a loop. */
export interface DeliveryWorker {
  /** Claims due messages once, sends them, records the outcomes. */
  runOnce(): Promise<DeliveryRound>;
  /** Runs rounds until stopped, pausing `idleMs` (default 200) when nothing was due. */
  start(idleMs?: number): void;
  /** Stops the loop after the round under way. */
  stop(): Promise<void>;
}

/** Creates a delivery worker. */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const policy: BackoffPolicy = { ...DEFAULT_BACKOFF, ...options.backoff };
  const clock = options.clock ?? systemClock;
  const batchSize = options.batchSize ?? 100;
  const leaseMs = options.leaseMs ?? 60_000;
  let loop: Promise<void> | undefined;
  let stopping = false;

  const attempt = async (message: OutboxMessage): Promise<SendResult> => {
    try {
      return await options.send(message);
    } catch (error) {
      return { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  };

  async function runOnce(): Promise<DeliveryRound> {
    const claimed = await options.store.claimDue(clock.now(), batchSize, { leaseMs });
    const results = await Promise.all(claimed.map(attempt));
    const now = clock.now();
    const delivered = claimed.filter((_, i) => results[i]?.ok === true).map((m) => m.id);
    await options.store.markDelivered(delivered, now);
    let gaveUp = 0;
    for (const [i, message] of claimed.entries()) {
      const result = results[i];
      if (result === undefined || result.ok) continue;
      const last = message.attempts >= policy.maxAttempts;
      if (last) gaveUp += 1;
      const nextAttemptAt = last
        ? null
        : new Date(now.getTime() + retryDelay(message.attempts, policy));
      await options.store.markFailed(message.id, { error: result.error, nextAttemptAt });
    }
    const retrying = claimed.length - delivered.length - gaveUp;
    return { claimed: claimed.length, delivered: delivered.length, retrying, gaveUp };
  }

  async function run(idleMs: number): Promise<void> {
    while (!stopping) {
      const round = await runOnce().catch(() => undefined); // a store outage: try again later
      if (round === undefined || round.claimed < batchSize) {
        await new Promise((resolve) => setTimeout(resolve, idleMs));
      }
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
      await loop;
      loop = undefined;
    },
  };
}
