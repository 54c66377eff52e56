// One DuckDB connection used by one caller at a time: a queue, transactions and typed queries.
import type {
  DuckDBAppender,
  DuckDBConnection,
  DuckDBDataChunk,
  DuckDBInstance,
  DuckDBType,
  DuckDBValue,
  JS,
} from '@duckdb/node-api';
import { statementError } from './errors.ts';

/** A query's bind values and, where DuckDB cannot infer them, their types. */
export interface Params {
  readonly values: DuckDBValue[];
  readonly types?: DuckDBType[];
}

/** Serialised access to one connection; every method waits for the work queued before it. */
export interface Session {
  readonly location: string;
  /** Runs statements for their effect; `table` names the subject in error messages. */
  run(sql: string, params?: Params, table?: string): Promise<void>;
  /**
   * Runs a query and returns its rows as objects of JS values (bigint, Date, string, …);
   * `table` names the subject in error messages (default "query").
   */
  rows(sql: string, params?: Params, table?: string): Promise<Record<string, JS>[]>;
  /** Runs `work` alone in a transaction: committed if it resolves, rolled back if it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Closes the connection and the instance once queued work is done, releasing the file lock. */
  close(): Promise<void>;
}

/** What work inside a transaction may do (it must not queue on the session itself). */
export interface Transaction {
  run(sql: string, params?: Params, table?: string): Promise<void>;
  rows(sql: string, params?: Params, table?: string): Promise<Record<string, JS>[]>;
  /** Streams a query's result a data chunk at a time, for column-wise reading of large results. */
  chunks(sql: string, onChunk: (chunk: DuckDBDataChunk) => void): Promise<void>;
  /**
   * Appends to `table` through an appender that `fill` uses synchronously; the rows are flushed
   * when it returns and belong to the transaction. A refused row (a duplicate key) fails the
   * whole append with the same errors a statement gives.
   */
  append(table: string, fill: (appender: DuckDBAppender) => void): Promise<void>;
}

/** Wraps an open instance and connection in a {@link Session}. */
export function createSession(
  instance: DuckDBInstance,
  connection: DuckDBConnection,
  location: string,
): Session {
  let tail: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => {
    const next = tail.then(work, work);
    tail = next.catch(() => undefined);
    return next;
  };
  const direct: Transaction = {
    run: async (sql, params, table = 'statement') => {
      try {
        await connection.run(sql, params?.values, params?.types);
      } catch (error) {
        throw statementError(location, table, error);
      }
    },
    rows: async (sql, params, table = 'query') => {
      try {
        const reader = await connection.runAndReadAll(sql, params?.values, params?.types);
        return reader.getRowObjectsJS();
      } catch (error) {
        throw statementError(location, table, error);
      }
    },
    chunks: async (sql, onChunk) => {
      try {
        const result = await connection.stream(sql);
        for (let chunk = await result.fetchChunk(); chunk !== null && chunk.rowCount > 0;) {
          onChunk(chunk);
          chunk = await result.fetchChunk();
        }
      } catch (error) {
        throw statementError(location, 'query', error);
      }
    },
    append: async (table, fill) => {
      let appender: DuckDBAppender | undefined;
      try {
        appender = await connection.createAppender(table);
        fill(appender);
        appender.flushSync();
        const done = appender;
        appender = undefined;
        done.closeSync();
      } catch (error) {
        try {
          // After a refused flush, closing fails too ("transaction is aborted"): the flush's
          // error is the one to report.
          appender?.closeSync();
        } catch {
          // the first error is thrown below
        }
        throw statementError(location, table, error);
      }
    },
  };
  return {
    location,
    run: (sql, params, table) => exclusive(() => direct.run(sql, params, table)),
    rows: (sql, params, table) => exclusive(() => direct.rows(sql, params, table)),
    transaction: (work) =>
      exclusive(async () => {
        await direct.run('BEGIN TRANSACTION');
        try {
          const result = await work(direct);
          await direct.run('COMMIT');
          return result;
        } catch (error) {
          await direct.run('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () =>
      exclusive(() => {
        connection.closeSync();
        instance.closeSync();
        return Promise.resolve();
      }),
  };
}
