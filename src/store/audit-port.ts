// The storage port's Service Audit Trail and outbox parts (the Store extends both).
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { AuditHeader, AuditKind, AuditOutcome, AuditRecord } from '../audit/records.ts';
import type { NewOutboxMessage, OutboxFailure, OutboxMessage } from '../audit/outbox-message.ts';
import type { SmiChange } from '../inventory/types.ts';

/** A time window: `from` inclusive, `to` exclusive; either end may be open. */
export interface TimeRange {
  readonly from?: Date;
  readonly to?: Date;
}

/** A page request: at most `limit` records (default 100, most 10,000) after a cursor. */
export interface PageOptions {
  readonly limit?: number;
  /** The `next` cursor of the previous page. */
  readonly after?: string;
}

/** One page of records, newest first, and the cursor of the next page (null at the end). */
export interface AuditPage {
  readonly records: AuditRecord[];
  readonly next: string | null;
}

/** What to search for; every field given must match (AND). */
export interface AuditFilter extends TimeRange {
  /** Records the User sent or received (originator or recipient): H8.16(b) "own records". */
  readonly userId?: Eui64;
  readonly originatorId?: Eui64;
  readonly recipientId?: Eui64;
  readonly deviceId?: Eui64;
  readonly mpxn?: Mpxn;
  readonly requestId?: string;
  /** One SRV or any of several. */
  readonly srv?: string | readonly string[];
  readonly kind?: AuditKind;
  readonly outcome?: AuditOutcome;
  /** Response or alert code. */
  readonly code?: string;
}

/** Options for {@link AuditStore.auditScan}. */
export interface ScanOptions {
  /** Records per chunk (default 10,000). */
  readonly chunkSize?: number;
}

/**
 * The Service Audit Trail: append-only. There is deliberately no method that updates or
 * deletes a record (DESIGN.md; a test keeps it so).
 */
export interface AuditStore {
  /**
   * Appends records in one transaction: all land or none do. IDs are unique by construction
   * (src/audit/ids.ts); the store does not check them (PostgreSQL refuses an exact repeat).
   */
  appendAudit(records: readonly AuditRecord[]): Promise<void>;
  /** A device's records, newest first (by time, then ID), paged. */
  auditByDevice(deviceId: Eui64, options?: TimeRange & PageOptions): Promise<AuditPage>;
  /** Every record of one DUIS RequestID, oldest first. */
  auditByRequestId(requestId: string): Promise<AuditRecord[]>;
  /** Records matching the filter, newest first, paged. */
  auditSearch(filter: AuditFilter, page?: PageOptions): Promise<AuditPage>;
  /** How many records match the filter. */
  auditCount(filter: AuditFilter): Promise<number>;
  /**
   * Reads every record header in [from, to) oldest first, handing them over in chunks (no
   * payload or metadata: reports do not need them); awaits `onChunk` before reading on.
   * Returns the number of records read.
   */
  auditScan(
    range: Required<TimeRange>,
    onChunk: (chunk: readonly AuditHeader[]) => void | Promise<void>,
    options?: ScanOptions,
  ): Promise<number>;
}

/** What a batch of handled Service Requests leaves behind: written together or not at all. */
export interface DspWrites {
  /** Audit records, in the order they were made. */
  readonly audit: readonly AuditRecord[];
  /** Responses and alerts to deliver. */
  readonly outbox: readonly NewOutboxMessage[];
  /** SMI changes, applied in order. */
  readonly smi: readonly SmiChange[];
}

/** The DSP's one write per batch of requests (group commit). */
export interface DspWriteStore {
  /**
   * Writes the records, messages and SMI changes in one transaction, so a User is never told
   * of a request the trail does not hold, nor the trail of an SMI change that did not land.
   * A status change whose `from` is not the device's current status is a ConflictError and
   * nothing of the batch is written.
   */
  writeDsp(writes: DspWrites): Promise<void>;
}

/** How a push worker claims: the lease, and how many messages one recipient may hold. */
export interface ClaimOptions {
  /** How long the claim holds each message (default 60 s). */
  readonly leaseMs?: number;
  /**
   * At most this many messages per recipient held by the worker at once (default: no cap), so
   * one User's backlog or dead endpoint cannot take every slot of the worker.
   */
  readonly perRecipient?: number;
  /** Messages the worker already holds per recipient; they count against `perRecipient`. */
  readonly busy?: ReadonlyMap<Eui64, number>;
}

/** The durable outbox of responses and alerts awaiting delivery to Users. */
export interface OutboxStore {
  /** Adds messages in one transaction (a duplicate message ID is a ConflictError). */
  enqueueOutbound(messages: readonly NewOutboxMessage[]): Promise<void>;
  /**
   * Claims up to `limit` messages due at `now` (not delivered, not pulled, next attempt due),
   * oldest due first: each claimed message's attempts go up by one and its next attempt moves
   * to `now + leaseMs` (default 60 s), so no other worker claims it meanwhile; a worker that
   * dies leaves the message to be claimed again when the lease ends. With `perRecipient`, a
   * recipient gets at most `perRecipient - busy(recipient)` of the claimed messages.
   */
  claimDue(now: Date, limit: number, options?: ClaimOptions): Promise<OutboxMessage[]>;
  /** Marks messages as delivered by push. */
  markDelivered(ids: readonly string[], at: Date): Promise<void>;
  /** Records a failed push and when to retry (null: no more pushes). */
  markFailed(id: string, failure: OutboxFailure): Promise<void>;
  /** Messages for a User neither delivered nor pulled yet, oldest first (whatever their lease). */
  pendingFor(recipientId: Eui64, limit: number): Promise<OutboxMessage[]>;
  /**
   * Hands a pull up to `options.limit` of the User's waiting messages, oldest first, that no other pull
   * holds at `now`, and holds them for `leaseMs` (default 30 s): another pull gets them again
   * only when the lease ends. Nothing is dropped until {@link acknowledgePulled}. The pull
   * lease and the push claim are independent: either channel may deliver a message first.
   */
  leaseForPull(
    recipientId: Eui64,
    now: Date,
    options: { readonly limit: number; readonly leaseMs?: number },
  ): Promise<OutboxMessage[]>;
  /**
   * Marks as pulled those of `ids` that are waiting messages of `recipientId`; returns them.
   * IDs of another User's messages, unknown IDs and messages already gone are left alone.
   */
  acknowledgePulled(recipientId: Eui64, ids: readonly string[], at: Date): Promise<string[]>;
  /** One message by ID, whatever its state. */
  outboxMessage(id: string): Promise<OutboxMessage | undefined>;
}
