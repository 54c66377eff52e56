// Reads stored outbox rows back into messages, whatever engine produced them.
import type { OutboxMessage } from '../audit/outbox-message.ts';
import type { AuditFormat } from '../audit/records.ts';
import type { Eui64 } from '../core/eui64.ts';
import { InvalidValueError } from '../core/errors.ts';
import type { ClaimOptions } from './audit-port.ts';
import { count, eui, text, textOrNull, time, timeOrNull, type Row } from './records.ts';

/** Lease a claim holds a message for when the worker names none. */
export const DEFAULT_LEASE_MS = 60_000;

/** Lease a pull holds a message for when the caller names none: time to answer and be acked. */
export const DEFAULT_PULL_LEASE_MS = 30_000;

/** An `outbox` row as a message. */
export function toOutboxMessage(row: Row): OutboxMessage {
  return {
    id: text(row, 'message_id'),
    recipientId: eui(row, 'recipient_id'),
    format: text(row, 'format') as AuditFormat, // the wire_format enum holds exactly these
    contentType: text(row, 'content_type'),
    body: text(row, 'body'),
    createdAt: time(row, 'created_at'),
    attempts: count(row, 'attempts'),
    nextAttemptAt: timeOrNull(row, 'next_attempt_at'),
    lastError: textOrNull(row, 'last_error'),
    deliveredAt: timeOrNull(row, 'delivered_at'),
    pulledAt: timeOrNull(row, 'pulled_at'),
  };
}

/** Checks a page or claim size: a whole number above 0. */
export function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidValueError('limit', limit, 'expected a whole number above 0');
  }
  return limit;
}

/** Checks a claim's limit and lease; returns the time the lease ends. */
export function leaseEnd(now: Date, limit: number, leaseMs = DEFAULT_LEASE_MS): Date {
  checkLimit(limit);
  if (!Number.isFinite(leaseMs) || leaseMs <= 0) {
    throw new InvalidValueError('leaseMs', leaseMs, 'expected a positive number of milliseconds');
  }
  return new Date(now.getTime() + leaseMs);
}

/**
 * A claim's per-recipient cap (undefined: none) and the recipients already holding messages,
 * each with how many; a recipient's share of the claim is the cap less what it holds.
 */
export function recipientShares(
  options: ClaimOptions | undefined,
): { readonly cap: number; readonly busy: readonly (readonly [Eui64, number])[] } | undefined {
  const cap = options?.perRecipient;
  if (cap === undefined) return undefined;
  if (!Number.isInteger(cap) || cap < 1) {
    throw new InvalidValueError('perRecipient', cap, 'expected a whole number above 0');
  }
  const busy = [...(options?.busy ?? new Map<Eui64, number>())].filter(([, n]) => {
    if (!Number.isInteger(n) || n < 0) {
      throw new InvalidValueError('busy', n, 'expected a whole number of messages, 0 or more');
    }
    return n > 0;
  });
  return { cap, busy };
}

/** Sorts claimed messages oldest first (a claim's RETURNING order is not defined). */
export function oldestFirst(messages: OutboxMessage[]): OutboxMessage[] {
  return messages.sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  );
}

/** The condition of messages still waiting (neither pushed nor acknowledged after a pull). */
export const WAITING = 'delivered_at IS NULL AND pulled_at IS NULL';

/** The `done` IDs in the order they were asked for, each once. */
export function inAskedOrder(asked: readonly string[], done: readonly string[]): string[] {
  const found = new Set(done);
  return [...new Set(asked)].filter((id) => found.has(id));
}
