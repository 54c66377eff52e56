// The outbox on PostgreSQL: claims skip rows another worker holds (FOR UPDATE SKIP LOCKED).
import type { NewOutboxMessage } from '../../audit/outbox-message.ts';
import type { OutboxStore } from '../audit-port.ts';
import {
  checkLimit,
  DEFAULT_PULL_LEASE_MS,
  inAskedOrder,
  leaseEnd,
  oldestFirst,
  recipientShares,
  toOutboxMessage,
  WAITING,
} from '../outbox-rows.ts';
import type { ClaimOptions } from '../audit-port.ts';
import type { Row } from '../records.ts';
import { copyText, copyTime, toPgId, unsignRow } from './codec.ts';
import type { Session, Transaction } from './session.ts';

const COLUMNS =
  'message_id, recipient_id, format, content_type, body, created_at, attempts, next_attempt_at';

const toMessage = (row: Row): ReturnType<typeof toOutboxMessage> => toOutboxMessage(unsignRow(row));

const ORDER = 'next_attempt_at, created_at, message_id';

/**
 * The claim's choice of message IDs ($1 now, $2 limit): due, oldest due first, not locked by
 * another worker's claim. With a per-recipient cap ($4, and $5/$6 the recipients already
 * holding messages and how many), each recipient's first (cap - held) only; the window
 * function cannot share a SELECT with FOR UPDATE, hence the join back to the locked rows.
 */
function dueQuery(options: ClaimOptions | undefined): { sql: string; params: unknown[] } {
  const shares = recipientShares(options);
  if (shares === undefined) {
    return {
      sql: `SELECT message_id FROM outbox WHERE ${WAITING} AND next_attempt_at <= $1
        ORDER BY ${ORDER} LIMIT $2 FOR UPDATE SKIP LOCKED`,
      params: [],
    };
  }
  return {
    sql: `SELECT o.message_id FROM outbox o JOIN (
        SELECT message_id, row_number() OVER (PARTITION BY recipient_id ORDER BY ${ORDER}) AS n,
          coalesce(busy.held, 0) AS held
        FROM outbox LEFT JOIN unnest($5::bigint[], $6::int[]) AS busy(recipient_id, held)
          USING (recipient_id)
        WHERE ${WAITING} AND next_attempt_at <= $1) ranked USING (message_id)
      WHERE ranked.n <= $4 - ranked.held
      ORDER BY o.next_attempt_at, o.created_at, o.message_id LIMIT $2
      FOR UPDATE OF o SKIP LOCKED`,
    params: [
      shares.cap,
      shares.busy.map(([id]) => toPgId(id)),
      shares.busy.map(([, held]) => held),
    ],
  };
}

/** Copies messages into the outbox inside `tx`, each due at once. */
export function enqueueIn(tx: Transaction, messages: readonly NewOutboxMessage[]): Promise<void> {
  if (messages.length === 0) return Promise.resolve();
  const lines = messages.map(
    (m) =>
      `${copyText(m.id)}\t${toPgId(m.recipientId)}\t${m.format}\t${copyText(m.contentType)}\t` +
      `${copyText(m.body)}\t${copyTime(m.createdAt)}\t0\t${copyTime(m.createdAt)}\n`,
  );
  return tx.copy('outbox', COLUMNS, lines);
}

/** Creates the PostgreSQL implementation of {@link OutboxStore} over a session. */
export function createPostgresOutbox(session: Session): OutboxStore {
  return {
    async enqueueOutbound(messages) {
      if (messages.length === 0) return;
      await session.transaction((tx) => enqueueIn(tx, messages));
    },
    async claimDue(now, limit, options) {
      const until = leaseEnd(now, limit, options?.leaseMs);
      // Rows locked by another worker's claim are skipped, not waited for; the lease then
      // keeps them from being claimed again until it ends.
      const due = dueQuery(options);
      const rows = await session.query(
        `WITH due AS (${due.sql})
         UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = $3
         FROM due WHERE o.message_id = due.message_id
         RETURNING o.*`,
        [now, limit, until, ...due.params],
        'outbox',
      );
      return oldestFirst(rows.map(toMessage));
    },
    async markDelivered(ids, at) {
      if (ids.length === 0) return;
      await session.query(
        'UPDATE outbox SET delivered_at = $1 WHERE message_id = ANY($2)',
        [at, ids],
        'outbox',
      );
    },
    async markFailed(id, failure) {
      await session.query(
        'UPDATE outbox SET last_error = $2, next_attempt_at = $3 WHERE message_id = $1',
        [id, failure.error, failure.nextAttemptAt],
        'outbox',
      );
    },
    async pendingFor(recipientId, limit) {
      const rows = await session.query(
        `SELECT * FROM outbox WHERE recipient_id = $1 AND ${WAITING}
         ORDER BY created_at, message_id LIMIT $2`,
        [toPgId(recipientId), checkLimit(limit)],
        'outbox',
      );
      return rows.map(toMessage);
    },
    async leaseForPull(recipientId, now, { limit, leaseMs = DEFAULT_PULL_LEASE_MS }) {
      const until = leaseEnd(now, limit, leaseMs);
      // Two pulls at once: the second skips the rows the first is leasing.
      const rows = await session.query(
        `WITH free AS (
           SELECT message_id FROM outbox
           WHERE recipient_id = $1 AND ${WAITING}
             AND (pull_lease_until IS NULL OR pull_lease_until <= $2)
           ORDER BY created_at, message_id LIMIT $3
           FOR UPDATE SKIP LOCKED)
         UPDATE outbox o SET pull_lease_until = $4
         FROM free WHERE o.message_id = free.message_id
         RETURNING o.*`,
        [toPgId(recipientId), now, limit, until],
        'outbox',
      );
      return oldestFirst(rows.map(toMessage));
    },
    async acknowledgePulled(recipientId, ids, at) {
      if (ids.length === 0) return [];
      const rows = await session.query(
        `UPDATE outbox SET pulled_at = $1
         WHERE recipient_id = $2 AND ${WAITING} AND message_id = ANY($3)
         RETURNING message_id`,
        [at, toPgId(recipientId), ids],
        'outbox',
      );
      return inAskedOrder(
        ids,
        rows.map((row) => String(row['message_id'])),
      );
    },
    async outboxMessage(id) {
      const rows = await session.query('SELECT * FROM outbox WHERE message_id = $1', [id]);
      return rows[0] === undefined ? undefined : toMessage(rows[0]);
    },
  };
}
