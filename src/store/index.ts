// Opens the store the configuration points at: PostgreSQL for a postgres:// URL, else DuckDB.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from '../core/errors.ts';
import { createDuckDbStore } from './duckdb/index.ts';
import type { Store } from './port.ts';
import { createPostgresStore, describeUrl } from './postgres/index.ts';

export type { Engine, InventoryStore, Store } from './port.ts';
export type {
  AuditFilter,
  AuditPage,
  AuditStore,
  OutboxStore,
  PageOptions,
  ScanOptions,
  TimeRange,
} from './audit-port.ts';
export type { DspStore, Estate, UserCredential } from './dsp-port.ts';
export {
  SECURITY_EVENT_KINDS,
  SSI_ROLES,
  type LoginSession,
  type NewSecurityEvent,
  type Organisation,
  type Person,
  type SecurityEvent,
  type SecurityEventKind,
  type SsiRole,
  type SsiStore,
} from './ssi-port.ts';
export { createDuckDbStore, type DuckDbStoreOptions } from './duckdb/index.ts';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/index.ts';

/** Name of the DuckDB file inside the data directory. */
export const DUCKDB_FILE_NAME = 'opendsp.duckdb';

/** Options for {@link openStore}. */
export interface OpenStoreOptions {
  /** A `postgres://` / `postgresql://` URL selects PostgreSQL (e.g. OPENDSP_DATABASE_URL). */
  readonly url?: string;
  /** Directory for the DuckDB file when no URL is given (created if missing; default `data`). */
  readonly dataDir?: string;
  /** PostgreSQL schema to use (created if missing). */
  readonly schema?: string;
  /** Skip migrations (for tools that only inspect). Default false. */
  readonly skipMigrations?: boolean;
}

/** True when the URL names a PostgreSQL server. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url.trim());
}

/** Opens and migrates the store; an unknown URL scheme is a StorageError. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const url = options.url?.trim();
  let store: Store;
  if (url !== undefined && url !== '') {
    if (!isPostgresUrl(url)) {
      throw new StorageError(
        describeUrl(url).location,
        'only postgres:// and postgresql:// URLs are supported; leave the URL unset for DuckDB',
      );
    }
    store = await createPostgresStore({
      url,
      ...(options.schema === undefined ? {} : { schema: options.schema }),
    });
  } else {
    const dataDir = path.resolve(options.dataDir ?? 'data');
    try {
      await mkdir(dataDir, { recursive: true });
    } catch (error) {
      throw new StorageError(dataDir, 'cannot create the data directory', { cause: error });
    }
    store = await createDuckDbStore({ path: path.join(dataDir, DUCKDB_FILE_NAME) });
  }
  if (options.skipMigrations !== true) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }
  return store;
}
