// The DuckDB adapter: the embedded default, one database file (or ':memory:').
import { DuckDBInstance } from '@duckdb/node-api';
import type { Store } from '../port.ts';
import { openError } from './errors.ts';
import { createSession } from './session.ts';
import { createDuckDbStoreOn } from './store.ts';

/** Options for {@link createDuckDbStore}. */
export interface DuckDbStoreOptions {
  /** Path of the database file, or ':memory:' for a database that lives as long as the store. */
  readonly path: string;
  /** DuckDB threads (default: DuckDB's own choice, one per core). */
  readonly threads?: number;
}

/**
 * Opens (creating if needed) a DuckDB database. Does not migrate: call `migrate()` or use
 * `openStore`. A file held by another process, or not a DuckDB file, is a StorageError.
 */
export async function createDuckDbStore(options: DuckDbStoreOptions): Promise<Store> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(options.path, config);
  } catch (error) {
    throw openError(options.path, error);
  }
  try {
    const connection = await instance.connect();
    return createDuckDbStoreOn(createSession(instance, connection, options.path));
  } catch (error) {
    instance.closeSync();
    throw openError(options.path, error);
  }
}
