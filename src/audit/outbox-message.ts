// Messages waiting in the durable outbox for delivery to a User (push by HTTP POST, or pull).
import type { Eui64 } from '../core/eui64.ts';
import type { AuditFormat } from './records.ts';

/** A message to put in the outbox: what to send, to whom, from when. */
export interface NewOutboxMessage {
  /** Unique message ID (e.g. a UUID); the store refuses a duplicate. */
  readonly id: string;
  /** The User the message is for. */
  readonly recipientId: Eui64;
  readonly format: AuditFormat;
  /** HTTP Content-Type to deliver it with, e.g. `application/xml`. */
  readonly contentType: string;
  /** The message text (a DUIS response or alert). */
  readonly body: string;
  readonly createdAt: Date;
}

/** A message as the outbox holds it, with its delivery state. */
export interface OutboxMessage extends NewOutboxMessage {
  /** Push attempts started so far (a claim counts as an attempt). */
  readonly attempts: number;
  /** When a worker may next try to push it; null once push has been given up. */
  readonly nextAttemptAt: Date | null;
  /** The reason the last push failed. */
  readonly lastError: string | null;
  /** When a push succeeded. */
  readonly deliveredAt: Date | null;
  /** When the User pulled it through the API. */
  readonly pulledAt: Date | null;
}

/** A failed push: why, and when to try again (null: give up pushing, leave it for pull). */
export interface OutboxFailure {
  readonly error: string;
  readonly nextAttemptAt: Date | null;
}
