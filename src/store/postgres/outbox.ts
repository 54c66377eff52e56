// The outbox on PostgreSQL: claims skip rows another worker holds (FOR UPDATE SKIP LOCKED).
import type { NewOutboxMessage } from '../../audit/outbox-message.ts';
import type { OutboxStore } from '../audit-port.ts';
import { checkLimit, leaseEnd, oldestFirst, toOutboxMessage, WAITING } from '../outbox-rows.ts';
import type { Row } from '../records.ts';
import { copyText, copyTime, toPgId, unsignRow } from './codec.ts';
import type { Session, Transaction } from './session.ts';

const COLUMNS =
  'message_id, recipient_id, format, content_type, body, created_at, attempts, next_attempt_at';

const toMessage = (row: Row): ReturnType<typeof toOutboxMessage> => toOutboxMessage(unsignRow(row));

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
  const stamp = async (column: string, ids: readonly string[], at: Date): Promise<void> => {
    if (ids.length === 0) return;
    await session.query(
      `UPDATE outbox SET ${column} = $1 WHERE message_id = ANY($2)`,
      [at, ids],
      'outbox',
    );
  };
  return {
    async enqueueOutbound(messages) {
      if (messages.length === 0) return;
      await session.transaction((tx) => enqueueIn(tx, messages));
    },
    async claimDue(now, limit, options) {
      const until = leaseEnd(now, limit, options?.leaseMs);
      // Rows locked by another worker's claim are skipped, not waited for; the lease then
      // keeps them from being claimed again until it ends.
      const rows = await session.query(
        `WITH due AS (
           SELECT message_id FROM outbox
           WHERE ${WAITING} AND next_attempt_at <= $1
           ORDER BY next_attempt_at, created_at, message_id LIMIT $2
           FOR UPDATE SKIP LOCKED)
         UPDATE outbox o SET attempts = o.attempts + 1, next_attempt_at = $3
         FROM due WHERE o.message_id = due.message_id
         RETURNING o.*`,
        [now, limit, until],
        'outbox',
      );
      return oldestFirst(rows.map(toMessage));
    },
    markDelivered: (ids, at) => stamp('delivered_at', ids, at),
    markPulled: (ids, at) => stamp('pulled_at', ids, at),
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
    async outboxMessage(id) {
      const rows = await session.query('SELECT * FROM outbox WHERE message_id = $1', [id]);
      return rows[0] === undefined ? undefined : toMessage(rows[0]);
    },
  };
}
