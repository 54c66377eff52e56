// The DuckDB adapter: the embedded default, one database file (or ':memory:').
import { DuckDBInstance } from '@duckdb/node-api';
import type { Store } from '../port.ts';
import { openError } from './errors.ts';
import { createSession } from './session.ts';
import { createDuckDbAnalytics } from './analytics.ts';
import { createDuckDbAudit } from './audit.ts';
import { createDuckDbDsp } from './dsp.ts';
import { createDuckDbDspWrites } from './dsp-writes.ts';
import { createDuckDbOutbox } from './outbox.ts';
import { createDuckDbSsi } from './ssi.ts';
import { createDuckDbStoreOn } from './store.ts';

/** Options for {@link createDuckDbStore}. */
export interface DuckDbStoreOptions {
  /** Path of the database file, or ':memory:' for a database that lives as long as the store. */
  readonly path: string;
  /** DuckDB threads (default: DuckDB's own choice, one per core). */
  readonly threads?: number;
  /**
   * WAL size that triggers a checkpoint (default `64MB`; DuckDB's own is 16MB). A checkpoint
   * rewrites the audit trail's whole ART index, so at 16MB appends slowed as the trail grew
   * (1M records in batches of 10,000: 35k records/s at 16MB, 73k at 256MB, 84k at 1GB,
   * measured). But the log is what a crash leaves to replay before the DSP answers again: at
   * 1GB a restart could replay up to 1 GB (76 MB already took 11 s more). 64MB bounds that
   * replay to seconds for appends about a sixth slower in bulk (1M records: 57k records/s at
   * 64MB, 62-65k at 256MB, 67-84k at 1GB, measured together on the 2-core machine; seeding
   * 1M devices was no slower); the DSP's own writes are far below either rate.
   */
  readonly checkpointThreshold?: string;
}

/**
 * Opens (creating if needed) a DuckDB database. Does not migrate: call `migrate()` or use
 * `openStore`. A file held by another process, or not a DuckDB file, is a StorageError.
 */
export async function createDuckDbStore(options: DuckDbStoreOptions): Promise<Store> {
  const config: Record<string, string> = {};
  if (options.threads !== undefined) config['threads'] = String(options.threads);
  config['checkpoint_threshold'] = options.checkpointThreshold ?? '64MB';
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(options.path, config);
  } catch (error) {
    throw openError(options.path, error);
  }
  try {
    const connection = await instance.connect();
    // Opening replays the write-ahead log a crash left behind, but DuckDB does not checkpoint
    // after that replay, and a killed process never checkpoints on close: without this the log
    // grew across crashes (76 MB after 12 kills) and every restart replayed all of it again
    // (4.4 s became 15.6 s). Checkpointing once here folds it into the file, so each restart
    // replays only what was written since the previous one.
    if (options.path !== ':memory:') await connection.run('CHECKPOINT');
    const session = createSession(instance, connection, options.path);
    return Object.assign(
      createDuckDbStoreOn(session),
      createDuckDbAudit(session),
      createDuckDbOutbox(session),
      // Object.assign is typed for at most three sources; the DSP and SSI parts are plain objects.
      {
        ...createDuckDbDsp(session),
        ...createDuckDbDspWrites(session),
        ...createDuckDbSsi(session),
        ...createDuckDbAnalytics(session),
      },
    );
  } catch (error) {
    instance.closeSync();
    throw openError(options.path, error);
  }
}
