// What every command shares: where the data lives and how to open the store.
import path from 'node:path';
import { openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';

/** Global options every command accepts. */
export interface GlobalOptions {
  readonly dataDir?: string;
  readonly databaseUrl?: string;
}

/** Resolved locations: the data directory and, when set, the PostgreSQL URL. */
export interface Context {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** How progress is shown: a live bar on a terminal, else plain lines through `err`. */
  readonly progress: { readonly plain: boolean; readonly write: (line: string) => void };
}

/** Builds the context from options, falling back to OPENDSP_DATA_DIR / OPENDSP_DATABASE_URL. */
export function createContext(
  options: GlobalOptions,
  io: { out: (line: string) => void; err: (line: string) => void; plainProgress?: boolean },
): Context {
  const env = process.env;
  return {
    dataDir: path.resolve(options.dataDir ?? env['OPENDSP_DATA_DIR'] ?? 'data'),
    databaseUrl: options.databaseUrl ?? (env['OPENDSP_DATABASE_URL'] || undefined),
    out: io.out,
    err: io.err,
    progress: { plain: io.plainProgress ?? !process.stderr.isTTY, write: io.err },
  };
}

/** Opens the store the context points at (migrating it), runs `work`, and always closes it. */
export async function withStore<T>(
  context: Context,
  work: (store: Store) => Promise<T>,
): Promise<T> {
  const store = await openStore({
    dataDir: context.dataDir,
    ...(context.databaseUrl === undefined ? {} : { url: context.databaseUrl }),
  });
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}
