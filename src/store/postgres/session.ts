// A node-postgres pool with the pieces the store needs: queries, transactions and COPY.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { connectError, statementError } from './errors.ts';

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
  /** Runs `work` in a transaction on one client: committed if it resolves, else rolled back. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Ends the pool. */
  close(): Promise<void>;
}

/** Queries through a client or the pool, with errors mapped. */
function queries(
  on: pg.ClientBase | pg.Pool,
  target: string,
): Pick<Transaction, 'query' | 'arrays'> {
  return {
    query: async (sql, params, subject = 'statement') => {
      try {
        return (await on.query<Row>(sql, params as unknown[] | undefined)).rows;
      } catch (error) {
        throw statementError(target, subject, error);
      }
    },
    arrays: async (sql, subject = 'query') => {
      try {
        return (await on.query<unknown[]>({ text: sql, rowMode: 'array' })).rows;
      } catch (error) {
        throw statementError(target, subject, error);
      }
    },
  };
}

function bind(client: pg.ClientBase, target: string): Transaction {
  return {
    ...queries(client, target),
    copy: async (table, columns, lines) => {
      try {
        const sink = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
        await pipeline(Readable.from([lines.join('')]), sink);
      } catch (error) {
        throw statementError(target, table, error);
      }
    },
    copyOut: async (sql, sink) => {
      try {
        await pipeline(client.query(copyTo(sql)), sink);
      } catch (error) {
        throw statementError(target, 'COPY TO', error);
      }
    },
  };
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
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw connectError(target, error);
  }
  const direct: Transaction = {
    ...queries(pool, target),
    copy: () => Promise.reject(new Error('COPY needs a transaction')),
    copyOut: () => Promise.reject(new Error('COPY needs a transaction')),
  };
  return {
    ...direct,
    target,
    transaction: async (work) => {
      const client = await pool.connect().catch((error: unknown) => {
        throw connectError(target, error);
      });
      const tx = bind(client, target);
      try {
        await tx.query('BEGIN');
        const result = await work(tx);
        await tx.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
