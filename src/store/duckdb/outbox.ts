// The outbox on DuckDB: one process owns the file, so a claim is a plain transaction.
import { TIMESTAMPTZ, UBIGINT, VARCHAR, type DuckDBValue } from '@duckdb/node-api';
import type { NewOutboxMessage } from '../../audit/outbox-message.ts';
import type { OutboxStore } from '../audit-port.ts';
import { euiValue } from '../ids.ts';
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
import { text } from '../records.ts';
import type { Session, Transaction } from './session.ts';
import { append, at, toTimestamp, toTimestampOrNull } from './writes.ts';

/** `$2, $3, …` placeholders for a list bound after `offset` other values. */
const list = (n: number, offset: number): string =>
  Array.from({ length: n }, (_, i) => `$${i + offset + 1}`).join(', ');

/** Sets delivered_at on the listed messages. */
async function stampDelivered(session: Session, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  const values: DuckDBValue[] = [toTimestamp(at), ...ids];
  await session.run(
    `UPDATE outbox SET delivered_at = $1 WHERE message_id IN (${list(ids.length, 1)})`,
    { values, types: [TIMESTAMPTZ, ...ids.map(() => VARCHAR)] },
    'outbox',
  );
}

/**
 * The SELECT of a claim: due messages, oldest due first, and with a per-recipient cap each
 * recipient's first (cap - busy) only. The busy counts are inlined as a VALUES list: they are
 * numbers this module computes (EUI-64 values and counts), never caller text.
 */
function dueQuery(limit: number, options: ClaimOptions | undefined): string {
  const order = 'next_attempt_at, created_at, message_id';
  const shares = recipientShares(options);
  if (shares === undefined) {
    return `SELECT * FROM outbox WHERE ${WAITING} AND next_attempt_at <= $1
      ORDER BY ${order} LIMIT ${limit}`;
  }
  const busy =
    shares.busy.length === 0
      ? ''
      : `LEFT JOIN (VALUES ${shares.busy
          .map(([id, n]) => `(${euiValue(id).toString()}::UBIGINT, ${n})`)
          .join(', ')}) AS busy(recipient_id, held) USING (recipient_id)`;
  const held = shares.busy.length === 0 ? '0' : 'coalesce(busy.held, 0)';
  return `SELECT outbox.* FROM outbox ${busy}
    WHERE ${WAITING} AND next_attempt_at <= $1
    QUALIFY row_number() OVER (PARTITION BY recipient_id ORDER BY ${order}) <= ${shares.cap} - ${held}
    ORDER BY ${order} LIMIT ${limit}`;
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
      for (const column of [8, 9, 10, 11]) at(v, column).setItem(r, null); // 11: pull lease
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
        const due = await tx.rows(dueQuery(limit, options), {
          values: [toTimestamp(now)],
          types: [TIMESTAMPTZ],
        });
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
    markDelivered: (ids, at) => stampDelivered(session, ids, at),
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
    leaseForPull: (recipientId, now, { limit, leaseMs = DEFAULT_PULL_LEASE_MS }) => {
      const until = leaseEnd(now, limit, leaseMs);
      return session.transaction(async (tx) => {
        const free = await tx.rows(
          `SELECT * FROM outbox WHERE recipient_id = $1 AND ${WAITING}
             AND (pull_lease_until IS NULL OR pull_lease_until <= $2)
           ORDER BY created_at, message_id LIMIT ${limit}`,
          { values: [euiValue(recipientId), toTimestamp(now)], types: [UBIGINT, TIMESTAMPTZ] },
        );
        if (free.length === 0) return [];
        const ids = free.map((row) => text(row, 'message_id'));
        await tx.run(
          `UPDATE outbox SET pull_lease_until = $1 WHERE message_id IN (${list(ids.length, 1)})`,
          { values: [toTimestamp(until), ...ids], types: [TIMESTAMPTZ, ...ids.map(() => VARCHAR)] },
          'outbox',
        );
        return free.map(toOutboxMessage);
      });
    },
    async acknowledgePulled(recipientId, ids, at) {
      if (ids.length === 0) return [];
      const rows = await session.rows(
        `UPDATE outbox SET pulled_at = $1
         WHERE recipient_id = $2 AND ${WAITING} AND message_id IN (${list(ids.length, 2)})
         RETURNING message_id`,
        {
          values: [toTimestamp(at), euiValue(recipientId), ...ids],
          types: [TIMESTAMPTZ, UBIGINT, ...ids.map(() => VARCHAR)],
        },
        'outbox',
      );
      return inAskedOrder(
        ids,
        rows.map((row) => text(row, 'message_id')),
      );
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
