// Reads stored outbox rows back into messages, whatever engine produced them.
import type { OutboxMessage } from '../audit/outbox-message.ts';
import type { AuditFormat } from '../audit/records.ts';
import { InvalidValueError } from '../core/errors.ts';
import { count, eui, text, textOrNull, time, timeOrNull, type Row } from './records.ts';

/** Lease a claim holds a message for when the worker names none. */
export const DEFAULT_LEASE_MS = 60_000;

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

/** Sorts claimed messages oldest first (a claim's RETURNING order is not defined). */
export function oldestFirst(messages: OutboxMessage[]): OutboxMessage[] {
  return messages.sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
  );
}

/** The condition of messages still waiting (neither pushed nor pulled). */
export const WAITING = 'delivered_at IS NULL AND pulled_at IS NULL';
