// Bulk writes through DuckDB's appender, a data chunk (2,048 rows) at a time.
//
// Filling data chunks measured ~35% faster than appending value by value: numeric columns
// are written into typed arrays and copied to DuckDB in one call per column.
import {
  DuckDBDataChunk,
  DuckDBTimestampTZValue,
  type DuckDBType,
  type DuckDBVector,
} from '@duckdb/node-api';
import { cachedEuiValue, euiValue } from '../ids.ts';
import type { DccUser, Device, HanJoin, Registration } from '../../inventory/types.ts';
import type { Params, Transaction } from './session.ts';

/** DuckDB's vector size: the most rows a data chunk holds. */
const CHUNK_ROWS = 2048;

/** Rows to write and how to write one row's values into the column vectors at index `r`. */
export interface Batch<T> {
  readonly rows: readonly T[];
  readonly write: (row: T, v: readonly DuckDBVector[], r: number) => void;
  /** A stage shaped unlike the table (e.g. text columns as dictionary indexes); see {@link Stage}. */
  readonly stage?: Stage;
}

/** A stage of its own: how to make it and, once filled, the statement moving its rows on. */
export interface Stage {
  /** Temporary table name. */
  readonly name: string;
  /** SELECT giving the stage's columns (run with LIMIT 0 to create it). */
  readonly columns: string;
  /** The INSERT from the stage into the table, with its bind values; called after the fill. */
  readonly insert: () => { readonly sql: string; readonly params?: Params };
}

/** User IDs repeat across registrations: a cache saves most conversions. */
const userValue = cachedEuiValue();

/** The vector of a column (the writers index only columns the table has). */
export function at(vectors: readonly DuckDBVector[], column: number): DuckDBVector {
  const vector = vectors[column];
  if (vector === undefined) throw new Error(`no column ${column} in the data chunk`);
  return vector;
}

/** A Date as DuckDB's TIMESTAMPTZ (microseconds since the epoch). */
export function toTimestamp(at: Date): DuckDBTimestampTZValue {
  return new DuckDBTimestampTZValue(BigInt(at.getTime()) * 1000n);
}

/** A nullable Date as TIMESTAMPTZ or NULL. */
export function toTimestampOrNull(at: Date | null): DuckDBTimestampTZValue | null {
  return at === null ? null : toTimestamp(at);
}

/**
 * Batches up to this many rows go straight into the table. The appender then maintains the
 * table's indexes on the JS thread, which costs little for a few rows and saves the stage's
 * four statements, each a wait for the event loop when it is busy (the HTTP service's group
 * commits are a few hundred rows).
 */
export const DIRECT_ROWS = 4_096;

/**
 * Appends rows to `table` inside the caller's transaction. A large batch fills an unindexed
 * temporary copy of the table (synchronous, on the JS thread); the INSERT that moves the rows
 * into the real table, maintaining its indexes, runs on DuckDB's threads, so the caller can
 * prepare the next batch meanwhile. A batch of up to {@link DIRECT_ROWS} rows is appended to
 * the table itself, with `direct` (the table's own columns) when the stage is shaped otherwise.
 */
export async function append<T>(
  tx: Transaction,
  table: string,
  batch: Batch<T> & { readonly direct?: Batch<T>['write'] },
): Promise<void> {
  if (batch.rows.length === 0) return;
  if (batch.rows.length <= DIRECT_ROWS && (batch.stage === undefined || batch.direct)) {
    await fill(tx, table, { rows: batch.rows, write: batch.direct ?? batch.write });
    return;
  }
  const stage = batch.stage?.name ?? `stage_${table}`;
  const columns = batch.stage?.columns ?? `FROM ${table}`;
  await tx.run(`CREATE TEMP TABLE IF NOT EXISTS ${stage} AS ${columns} LIMIT 0`);
  await fill(tx, stage, batch);
  const insert = batch.stage?.insert() ?? { sql: `INSERT INTO ${table} FROM ${stage}` };
  await tx.run(insert.sql, insert.params, table);
  // On failure the rollback empties the stage too (its rows belong to the transaction).
  await tx.run(`TRUNCATE ${stage}`);
}

/** Appends rows to a table through data chunks. */
async function fill<T>(tx: Transaction, table: string, { rows, write }: Batch<T>): Promise<void> {
  await tx.append(table, (appender) => {
    const types: DuckDBType[] = [];
    for (let i = 0; i < appender.columnCount; i++) types.push(appender.columnType(i));
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, rows.length - start);
      const chunk = DuckDBDataChunk.create(types, count);
      const vectors = types.map((_, i) => chunk.getColumnVector(i));
      for (let r = 0; r < count; r++) write(rows[start + r] as T, vectors, r);
      for (const vector of vectors) vector.flush();
      appender.appendDataChunk(chunk);
    }
  });
}

/** Appends DCC Users. */
export function appendUsers(tx: Transaction, users: readonly DccUser[]): Promise<void> {
  return append(tx, 'users', {
    rows: users,
    write: (u, v, r) => {
      at(v, 0).setItem(r, euiValue(u.userId));
      at(v, 1).setItem(r, u.role);
      at(v, 2).setItem(r, u.partyId);
      at(v, 3).setItem(r, u.partyName);
    },
  });
}

/** An MPxN as the number stored for it (see migrations.ts). */
export function mpxnValue(mpxn: string): bigint {
  return BigInt(mpxn);
}

/** Appends devices; `modelIds[i]` is the model_id of `devices[i]`. */
export function appendDevices(
  tx: Transaction,
  devices: readonly Device[],
  modelIds: Uint16Array,
): Promise<void> {
  let next = 0; // fill() writes the rows once each, in order
  return append(tx, 'devices', {
    rows: devices,
    write: (d, v, r) => {
      at(v, 0).setItem(r, euiValue(d.id));
      at(v, 1).setItem(r, d.type);
      at(v, 2).setItem(r, modelIds[next++] ?? 0);
      at(v, 3).setItem(r, d.smets);
      at(v, 4).setItem(r, d.region);
      at(v, 5).setItem(r, d.mpxn === null ? null : mpxnValue(d.mpxn));
      at(v, 6).setItem(r, d.status);
      at(v, 7).setItem(r, toTimestamp(d.statusSince));
    },
  });
}

/** Appends HAN joins. */
export function appendJoins(tx: Transaction, joins: readonly HanJoin[]): Promise<void> {
  return append(tx, 'han_joins', {
    rows: joins,
    write: (j, v, r) => {
      at(v, 0).setItem(r, euiValue(j.deviceId));
      at(v, 1).setItem(r, euiValue(j.targetId));
      at(v, 2).setItem(r, toTimestamp(j.joinedAt));
      at(v, 3).setItem(r, toTimestampOrNull(j.unjoinedAt));
    },
  });
}

/** Appends registrations. */
export function appendRegistrations(
  tx: Transaction,
  registrations: readonly Registration[],
): Promise<void> {
  return append(tx, 'registrations', {
    rows: registrations,
    write: (g, v, r) => {
      at(v, 0).setItem(r, mpxnValue(g.mpxn));
      at(v, 1).setItem(r, g.role);
      at(v, 2).setItem(r, userValue(g.userId));
      at(v, 3).setItem(r, toTimestamp(g.from));
      at(v, 4).setItem(r, toTimestampOrNull(g.to));
    },
  });
}
