// The PostgreSQL adapter: the server profile, selected by a postgres:// connection URL.
import { StorageError } from '../../core/errors.ts';
import type { Store } from '../port.ts';
import { connectSession } from './session.ts';
import { createPostgresAnalytics } from './analytics.ts';
import { createPostgresAudit } from './audit.ts';
import { createPostgresDsp } from './dsp.ts';
import { createPostgresDspWrites } from './dsp-writes.ts';
import { createPostgresOutbox } from './outbox.ts';
import { createPostgresSsi } from './ssi.ts';
import { createPostgresStoreOn } from './store.ts';

/** Options for {@link createPostgresStore}. */
export interface PostgresStoreOptions {
  /** A `postgres://` or `postgresql://` connection URL. */
  readonly url: string;
  /** Schema to use (created if missing); default: the server's `search_path`. */
  readonly schema?: string;
  /** How long to wait for the server before giving up (default 5 s). */
  readonly connectTimeoutMs?: number;
  /** Most connections in the pool (default 4). */
  readonly maxConnections?: number;
}

/** The URL without its password, and host:port, for messages. */
export function describeUrl(url: string): { readonly location: string; readonly target: string } {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (error) {
    throw new StorageError('PostgreSQL URL', 'it is not a valid URL', { cause: error });
  }
  if (parsed.password !== '') parsed.password = '';
  const host = parsed.hostname === '' ? 'localhost' : parsed.hostname;
  return { location: parsed.toString(), target: `${host}:${parsed.port || '5432'}` };
}

/**
 * Connects to PostgreSQL and checks the server answers. Does not migrate: call `migrate()` or
 * use `openStore`. An unreachable server is a StorageError naming host:port and the reason.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { location, target } = describeUrl(options.url);
  const schema = options.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new StorageError(target, `schema name ${schema} must be lower-case letters, digits, _`);
  }
  const session = await connectSession(
    {
      connectionString: options.url,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 5000,
      max: options.maxConnections ?? 4,
      ...(schema === undefined ? {} : { schema }),
    },
    target,
  );
  if (schema !== undefined) {
    try {
      await session.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`, [], 'schema');
    } catch (error) {
      await session.close();
      throw error;
    }
  }
  const shown = schema === undefined ? location : `${location} (schema ${schema})`;
  return Object.assign(
    createPostgresStoreOn(session, shown),
    createPostgresAudit(session),
    createPostgresOutbox(session),
    // Object.assign is typed for at most three sources; the DSP and SSI parts are plain objects.
    {
      ...createPostgresDsp(session),
      ...createPostgresDspWrites(session),
      ...createPostgresSsi(session),
      ...createPostgresAnalytics(session),
    },
  );
}
