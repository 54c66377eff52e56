// Turns DuckDB's errors into opendsp's: duplicate keys, locked files, files that are not DuckDB.
import { ConflictError, StorageError } from '../../core/errors.ts';
import { eui64FromBigInt } from '../../core/eui64.ts';

/** Columns that hold EUI-64s as UBIGINT, so a duplicate key can be shown in DCC form. */
const EUI64_COLUMNS = new Set(['device_id', 'target_id', 'user_id']);

/** Tables whose single-column key is an EUI-64, for keys DuckDB reports as a bare number. */
const EUI64_KEYS: Readonly<Record<string, string>> = { devices: 'device_id', users: 'user_id' };

/** Rewrites `device_id: 123` (or a bare `123`) in a DuckDB key as `device_id: 00-..-7B`. */
function showKey(table: string, key: string): string {
  const column = EUI64_KEYS[table];
  if (column !== undefined && /^\d+$/.test(key))
    return `${column}: ${eui64FromBigInt(BigInt(key))}`;
  return key.replaceAll(/(\w+): (\d+)/g, (whole, column: string, digits: string) =>
    EUI64_COLUMNS.has(column) ? `${column}: ${eui64FromBigInt(BigInt(digits))}` : whole,
  );
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Maps an error raised while opening a database file. */
export function openError(location: string, error: unknown): StorageError {
  const message = messageOf(error);
  if (/Could not set lock|Conflicting lock/i.test(message)) {
    const pid = /PID (\d+)/.exec(message)?.[1];
    return new StorageError(
      location,
      `the database file is locked by another process${pid === undefined ? '' : ` (PID ${pid})`}; ` +
        'stop it or go through its API',
      { cause: error },
    );
  }
  if (/not a valid DuckDB database|Invalid Input Error|Invalid database/i.test(message)) {
    return new StorageError(location, `the file is not a DuckDB database (${message})`, {
      cause: error,
    });
  }
  return new StorageError(location, `cannot open the database: ${message}`, { cause: error });
}

/** Maps an error raised by a statement: duplicate keys become ConflictError naming the key. */
export function statementError(location: string, table: string, error: unknown): Error {
  const message = messageOf(error);
  const duplicate = /Duplicate key "([^"]*)"/i.exec(message);
  if (duplicate?.[1] !== undefined) {
    return new ConflictError(`${table}: duplicate key ${showKey(table, duplicate[1])}`);
  }
  if (/violates (primary key|unique) constraint/i.test(message)) {
    return new ConflictError(`${table}: ${message}`);
  }
  return new StorageError(location, `${table}: ${message}`, { cause: error });
}
