// A node-postgres pool with the pieces the store needs: queries, transactions and COPY.
//
// A connection can be lost at any moment (the server restarts, an administrator terminates the
// backend, the network drops). node-postgres then emits 'error' on the client, and an 'error'
// event nobody listens to ends the process; so every client the pool makes gets a listener, a
// broken client is released with its error (the pool discards it and connects afresh), and the
// failure reaches the caller as a StorageError (503, STORAGE) naming the server and what happened.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import {
  connectError,
  connectionLostError,
  isConnectionLost,
  isUnavailable,
  statementError,
  unavailableReason,
} from './errors.ts';

/** A client checked out of the pool for the length of one transaction. */
export interface Transaction {
  /** Runs a statement and returns its rows; `subject` names it in error messages. */
  query(sql: string, params?: readonly unknown[], subject?: string): Promise<Row[]>;
  /** Runs a query and returns its rows as arrays (no per-row objects: for large reads). */
  arrays(sql: string, subject?: string): Promise<unknown[][]>;
  /** Streams COPY text-format lines into `table (columns)`. */
  copy(table: string, columns: string, lines: readonly string[]): Promise<void>;
  /** Runs `COPY (…) TO STDOUT …` and pipes its output into `sink`. */
  copyOut(sql: string, sink: NodeJS.WritableStream): Promise<void>;
}

/** A row as node-postgres returns it. */
export type Row = Record<string, unknown>;

/** The pool, with queries outside transactions and a transaction helper. */
export interface Session extends Transaction {
  /** host:port of the server, for messages. */
  readonly target: string;
  /**
   * Runs `work` in a transaction on one client: committed if it resolves, else rolled back. When
   * the connection is lost during COMMIT, the transaction's fate is looked up on a new
   * connection: a transaction that did commit resolves, so nothing durable is reported as failed.
   */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Ends the pool. */
  close(): Promise<void>;
}

/** News about a session's server, for the log of a long-running process. */
export interface ConnectionNotice {
  /** `lost`: the server became unusable; `restored`: a new connection succeeded after that. */
  readonly kind: 'lost' | 'restored';
  /** host:port of the server. */
  readonly target: string;
  /** One line for people. */
  readonly message: string;
}

type NoticeListener = (notice: ConnectionNotice) => void;

const noticeListeners = new Set<NoticeListener>();

/**
 * Subscribes to the connection notices of every PostgreSQL session in the process; returns the
 * function that unsubscribes. Process-wide because the store is opened several layers below the
 * command that owns the log (serve → withStore → openStore → createPostgresStore). Each outage
 * gives one `lost` notice and one `restored` notice, however many requests fail in between.
 */
export function onConnectionNotice(listener: NoticeListener): () => void {
  noticeListeners.add(listener);
  return () => {
    noticeListeners.delete(listener);
  };
}

/** Tracks whether the server is reachable and announces each change once. */
function createHealth(target: string): {
  lost(error: unknown): void;
  restored(): void;
} {
  let down = false;
  const notify = (notice: ConnectionNotice): void => {
    for (const listener of noticeListeners) {
      try {
        listener(notice);
      } catch {
        // A failing log writer must not turn into a store failure.
      }
    }
  };
  return {
    lost(error) {
      if (down) return;
      down = true;
      notify({
        kind: 'lost',
        target,
        message: `PostgreSQL at ${target} lost: ${unavailableReason(error)}; storage requests fail with 503 STORAGE until it is back`,
      });
    },
    restored() {
      if (!down) return;
      down = false;
      notify({ kind: 'restored', target, message: `PostgreSQL at ${target} is back` });
    },
  };
}

/**
 * Queries through a client or the pool, with errors mapped. `unavailable` hears of a server that
 * cannot be reached; a checked-out client's losses are heard by its 'error' listener instead.
 */
function queries(
  on: pg.ClientBase | pg.Pool,
  target: string,
  unavailable?: (error: unknown) => void,
): Pick<Transaction, 'query' | 'arrays'> {
  const failed = (subject: string, error: unknown): Error => {
    if (unavailable !== undefined && isUnavailable(error)) unavailable(error);
    return statementError(target, subject, error);
  };
  return {
    query: async (sql, params, subject = 'statement') => {
      try {
        return (await on.query<Row>(sql, params as unknown[] | undefined)).rows;
      } catch (error) {
        throw failed(subject, error);
      }
    },
    arrays: async (sql, subject = 'query') => {
      try {
        return (await on.query<unknown[]>({ text: sql, rowMode: 'array' })).rows;
      } catch (error) {
        throw failed(subject, error);
      }
    },
  };
}

/** Keeps a stream's late 'error' from being unhandled: the pipeline reports the first one. */
function quiet<S extends NodeJS.EventEmitter>(stream: S): S {
  stream.on('error', () => undefined);
  return stream;
}

function bind(client: pg.ClientBase, target: string): Transaction {
  return {
    ...queries(client, target),
    copy: async (table, columns, lines) => {
      try {
        const sink = quiet(client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`)));
        await pipeline(Readable.from([lines.join('')]), sink);
      } catch (error) {
        throw statementError(target, table, error);
      }
    },
    copyOut: async (sql, sink) => {
      try {
        await pipeline(quiet(client.query(copyTo(sql))), sink);
      } catch (error) {
        throw statementError(target, 'COPY TO', error);
      }
    },
  };
}

/** What a release passes the pool: an error makes the pool discard the client. */
function discard(error: unknown): Error | boolean {
  return error instanceof Error ? error : true;
}

/** How long to keep asking a new connection whether a transaction whose COMMIT was cut committed. */
const OUTCOME_WAIT_MS = 3000;

/** Resolves to `undefined` if `promise` takes longer than `ms` (it carries on unobserved). */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  promise.catch(() => undefined);
  const timer = sleep(ms, undefined, { ref: false });
  return Promise.race([promise, timer]);
}

/** Connects a pool (checking the server answers) with `search_path` set to `schema`. */
export async function connectSession(
  config: pg.PoolConfig & { readonly schema?: string },
  target: string,
): Promise<Session> {
  const pool = new pg.Pool({
    ...config,
    ...(config.schema === undefined ? {} : { options: `-c search_path=${config.schema}` }),
  });
  const health = createHealth(target);
  /** The first connection error each broken client emitted (it says what happened). */
  const failures = new WeakMap<pg.ClientBase, unknown>();
  // Every client the pool makes keeps this listener for its whole life, checked out or idle: a
  // checked-out client has no other, and an unheard 'error' event would end the process.
  pool.on('connect', (client) => {
    health.restored();
    client.on('error', (error) => {
      if (!failures.has(client)) failures.set(client, error);
      health.lost(error);
    });
  });
  // The pool also reports idle clients it has discarded; the client listener above said it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(target, error);
  }

  const checkout = async (): Promise<pg.PoolClient> => {
    try {
      return await pool.connect();
    } catch (error) {
      health.lost(error);
      throw connectError(target, error);
    }
  };

  /** Asks the server what became of transaction `xid` (txid_status, PostgreSQL 10+). */
  const outcomeOf = async (xid: string): Promise<'committed' | 'aborted' | 'unknown'> => {
    const deadline = Date.now() + OUTCOME_WAIT_MS;
    for (let left = OUTCOME_WAIT_MS; left > 0; left = deadline - Date.now()) {
      const answer = await within(
        pool.query<{ status: string | null }>('SELECT txid_status($1::bigint) AS status', [xid]),
        left,
      ).catch(() => undefined); // the server may still be going away: ask again
      const status = answer?.rows[0]?.status;
      if (status === 'committed' || status === 'aborted') return status;
      // 'in progress': the old backend has not finished ending its transaction yet.
      await sleep(Math.min(25, Math.max(deadline - Date.now(), 0)));
    }
    return 'unknown';
  };

  /** Ends a transaction whose work failed: rolls back on a healthy client, discards a broken one. */
  const abandon = async (client: pg.PoolClient, error: unknown): Promise<unknown> => {
    const broken = failures.get(client) ?? (isConnectionLost(error) ? error : undefined);
    if (broken === undefined) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch (rollbackError) {
        client.release(discard(rollbackError));
      }
      return error;
    }
    client.release(discard(broken));
    // COMMIT was never sent, so the server cannot have committed any of it.
    return connectionLostError(target, broken, 'nothing was committed');
  };

  const direct: Transaction = {
    ...queries(pool, target, (error) => {
      health.lost(error);
    }),
    copy: () => Promise.reject(new Error('COPY needs a transaction')),
    copyOut: () => Promise.reject(new Error('COPY needs a transaction')),
  };
  return {
    ...direct,
    target,
    transaction: async <T>(work: (tx: Transaction) => Promise<T>): Promise<T> => {
      const client = await checkout();
      try {
        await client.query('BEGIN');
      } catch (error) {
        throw await abandon(client, statementError(target, 'BEGIN', error));
      }
      let result: T;
      let xid: string | null;
      try {
        const tx = bind(client, target);
        result = await work(tx);
        // The transaction's ID, if it wrote anything: what lets a COMMIT cut off by a lost
        // connection be resolved afterwards. Asked before COMMIT so it is known whatever happens.
        const [row] = await tx.query(
          'SELECT txid_current_if_assigned()::text AS xid',
          [],
          'transaction ID',
        );
        xid = typeof row?.['xid'] === 'string' ? row['xid'] : null;
      } catch (error) {
        throw await abandon(client, error);
      }
      try {
        await client.query('COMMIT');
      } catch (error) {
        const broken = failures.get(client) ?? (isConnectionLost(error) ? error : undefined);
        if (broken === undefined) {
          // The server refused the COMMIT (a deferred constraint, a serialization failure):
          // the transaction is over and the client is fine.
          client.release();
          throw statementError(target, 'COMMIT', error);
        }
        client.release(discard(broken));
        // A transaction that wrote nothing has nothing to lose: what it read stands.
        if (xid === null) return result;
        const outcome = await outcomeOf(xid);
        if (outcome === 'committed') return result;
        throw connectionLostError(
          target,
          broken,
          outcome === 'aborted'
            ? 'the transaction was rolled back'
            : `whether transaction ${xid} committed could not be learned`,
        );
      }
      health.restored();
      client.release();
      return result;
    },
    close: () => pool.end(),
  };
}
