// The outbox on DuckDB: one process owns the file, so a claim is a plain transaction.
import { TIMESTAMPTZ, UBIGINT, VARCHAR, type DuckDBValue } from '@duckdb/node-api';
import type { NewOutboxMessage } from '../../audit/outbox-message.ts';
import type { OutboxStore } from '../audit-port.ts';
import { euiValue } from '../ids.ts';
import { checkLimit, leaseEnd, oldestFirst, toOutboxMessage, WAITING } from '../outbox-rows.ts';
import { text } from '../records.ts';
import type { Session, Transaction } from './session.ts';
import { append, at, toTimestamp, toTimestampOrNull } from './writes.ts';

/** `$2, $3, …` placeholders for a list bound after `offset` other values. */
const list = (n: number, offset: number): string =>
  Array.from({ length: n }, (_, i) => `$${i + offset + 1}`).join(', ');

/** Sets one timestamp column on the listed messages. */
async function stamp(
  session: Session,
  column: 'delivered_at' | 'pulled_at',
  marks: { readonly ids: readonly string[]; readonly at: Date },
): Promise<void> {
  if (marks.ids.length === 0) return;
  const values: DuckDBValue[] = [toTimestamp(marks.at), ...marks.ids];
  await session.run(
    `UPDATE outbox SET ${column} = $1 WHERE message_id IN (${list(marks.ids.length, 1)})`,
    { values, types: [TIMESTAMPTZ, ...marks.ids.map(() => VARCHAR)] },
    'outbox',
  );
}

/** Adds messages to the outbox inside `tx`, each due at once. */
export function enqueueIn(tx: Transaction, messages: readonly NewOutboxMessage[]): Promise<void> {
  return append(tx, 'outbox', {
    rows: messages,
    write: (m, v, r) => {
      at(v, 0).setItem(r, m.id);
      at(v, 1).setItem(r, euiValue(m.recipientId));
      at(v, 2).setItem(r, m.format);
      at(v, 3).setItem(r, m.contentType);
      at(v, 4).setItem(r, m.body);
      at(v, 5).setItem(r, toTimestamp(m.createdAt));
      at(v, 6).setItem(r, 0);
      at(v, 7).setItem(r, toTimestamp(m.createdAt));
      for (const column of [8, 9, 10]) at(v, column).setItem(r, null);
    },
  });
}

/** Creates the DuckDB implementation of {@link OutboxStore} over a session. */
export function createDuckDbOutbox(session: Session): OutboxStore {
  return {
    enqueueOutbound: (messages) => session.transaction((tx) => enqueueIn(tx, messages)),
    claimDue: (now, limit, options) => {
      const until = leaseEnd(now, limit, options?.leaseMs);
      return session.transaction(async (tx) => {
        const due = await tx.rows(
          `SELECT * FROM outbox WHERE ${WAITING} AND next_attempt_at <= $1
           ORDER BY next_attempt_at, created_at, message_id LIMIT ${limit}`,
          { values: [toTimestamp(now)], types: [TIMESTAMPTZ] },
        );
        if (due.length === 0) return [];
        const ids = due.map((row) => text(row, 'message_id'));
        await tx.run(
          `UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1
           WHERE message_id IN (${list(ids.length, 1)})`,
          { values: [toTimestamp(until), ...ids], types: [TIMESTAMPTZ, ...ids.map(() => VARCHAR)] },
          'outbox',
        );
        return oldestFirst(
          due.map((row) => ({
            ...toOutboxMessage(row),
            attempts: Number(row['attempts']) + 1,
            nextAttemptAt: until,
          })),
        );
      });
    },
    markDelivered: (ids, at) => stamp(session, 'delivered_at', { ids, at }),
    markPulled: (ids, at) => stamp(session, 'pulled_at', { ids, at }),
    markFailed: (id, failure) =>
      session.run(
        'UPDATE outbox SET last_error = $2, next_attempt_at = $3 WHERE message_id = $1',
        {
          values: [id, failure.error, toTimestampOrNull(failure.nextAttemptAt)],
          types: [VARCHAR, VARCHAR, TIMESTAMPTZ],
        },
        'outbox',
      ),
    async pendingFor(recipientId, limit) {
      checkLimit(limit);
      const rows = await session.rows(
        `SELECT * FROM outbox WHERE recipient_id = $1 AND ${WAITING}
         ORDER BY created_at, message_id LIMIT ${limit}`,
        { values: [euiValue(recipientId)], types: [UBIGINT] },
      );
      return rows.map(toOutboxMessage);
    },
    async outboxMessage(id) {
      const rows = await session.rows('SELECT * FROM outbox WHERE message_id = $1', {
        values: [id],
        types: [VARCHAR],
      });
      return rows[0] === undefined ? undefined : toOutboxMessage(rows[0]);
    },
  };
}
