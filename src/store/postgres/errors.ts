// Turns node-postgres errors into opendsp's: duplicate keys, unreachable servers, refusals.
import { ConflictError, StorageError } from '../../core/errors.ts';
import { EUI64_COLUMNS, fromPgId } from './codec.ts';

/** The fields of a node-postgres or socket error that the mapping reads. */
interface PgErrorLike {
  readonly code?: string;
  readonly detail?: string;
  readonly table?: string;
  readonly message?: string;
}

function fieldsOf(error: unknown): PgErrorLike {
  return typeof error === 'object' && error !== null ? error : {};
}

/** Rewrites `Key (device_id)=(-9223…)` so EUI-64 columns show in DCC form. */
function showKey(detail: string): string {
  const match = /Key \(([^)]*)\)=\((.*)\) already exists/.exec(detail);
  if (match?.[1] === undefined || match[2] === undefined) return detail;
  const columns = match[1].split(', ');
  const values = match[2].split(', ');
  const shown = columns.map((column, i) => {
    const value = values[i] ?? '';
    return `${column}: ${EUI64_COLUMNS.has(column) && /^-?\d+$/.test(value) ? fromPgId(value) : value}`;
  });
  return shown.join(', ');
}

/** Maps an error from connecting: the message names host:port and the reason. */
export function connectError(target: string, error: unknown): StorageError {
  const { code, message } = fieldsOf(error);
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused (is PostgreSQL running and listening there?)'
      : code === 'ENOTFOUND'
        ? 'host not found'
        : code === '28P01' || code === '28000'
          ? `authentication failed (${message ?? code})`
          : code === '3D000'
            ? `database does not exist (${message ?? code})`
            : (message ?? String(error));
  return new StorageError(target, `cannot connect to PostgreSQL: ${reason}`, { cause: error });
}

/** Maps an error raised by a statement: unique violations become ConflictError naming the key. */
export function statementError(target: string, subject: string, error: unknown): Error {
  if (error instanceof ConflictError || error instanceof StorageError) return error;
  const { code, detail, table, message } = fieldsOf(error);
  if (code === '23505') {
    return new ConflictError(`${table ?? subject}: duplicate key ${showKey(detail ?? '')}`);
  }
  if (code !== undefined && /^(08|57P|53)/.test(code)) return connectError(target, error);
  return new StorageError(target, `${subject}: ${message ?? String(error)}`, { cause: error });
}
