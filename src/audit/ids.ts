// Audit record IDs: 63-bit, time-ordered, unique within a process (Snowflake-style).
//
// ID = (milliseconds since 2020-01-01 UTC) << 21 | sequence. 42 bits of time last until 2159;
// 21 bits allow 2,097,152 IDs per millisecond before the source borrows the next millisecond.
// The value fits PostgreSQL's signed bigint and sorts like the time it was made, so "newest
// first" and keyset paging agree with the clock. Several writing processes would each need a
// few bits of the sequence for a node number; opendsp has one writer per store.
import type { Clock } from '../core/clock.ts';
import { systemClock } from '../core/clock.ts';

/** Start of the ID clock: 2020-01-01T00:00:00Z. */
export const AUDIT_ID_EPOCH_MS = Date.UTC(2020, 0, 1);
const SEQUENCE_BITS = 21n;
const SEQUENCE_MAX = (1 << 21) - 1;

/** Hands out increasing audit record IDs. */
export interface AuditIdSource {
  /** The next ID: larger than every ID this source gave before. */
  next(): bigint;
}

/** Options for {@link createAuditIdSource}. */
export interface AuditIdSourceOptions {
  /** Where the time part comes from (default: the system clock). */
  readonly clock?: Clock;
  /** An ID already used (e.g. the largest stored); every new ID is above it. */
  readonly after?: bigint;
}

/** Creates an ID source; IDs keep increasing even if the clock steps back. */
export function createAuditIdSource(options: AuditIdSourceOptions = {}): AuditIdSource {
  const clock = options.clock ?? systemClock;
  // The system clock is read without making a Date: one ID per audit record adds up.
  const nowMs = clock === systemClock ? Date.now : () => clock.now().getTime();
  let lastMs = -1;
  let sequence = 0;
  let last = -1n;
  if (options.after !== undefined) {
    lastMs = Number(options.after >> SEQUENCE_BITS);
    sequence = Number(options.after & BigInt(SEQUENCE_MAX));
    last = options.after;
  }
  return {
    next() {
      const ms = nowMs() - AUDIT_ID_EPOCH_MS;
      if (ms > lastMs) {
        lastMs = ms;
        sequence = 0;
        last = BigInt(ms) << SEQUENCE_BITS;
      } else if (sequence < SEQUENCE_MAX) {
        sequence += 1;
        last += 1n; // the sequence is the low bits: one more is the next ID
      } else {
        lastMs += 1; // borrow the next millisecond rather than repeat an ID
        sequence = 0;
        last = BigInt(lastMs) << SEQUENCE_BITS;
      }
      return last;
    },
  };
}

/** The time an audit record ID was made. */
export function auditIdTime(id: bigint): Date {
  return new Date(Number(id >> SEQUENCE_BITS) + AUDIT_ID_EPOCH_MS);
}
