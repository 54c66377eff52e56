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

/** Why connecting failed, in words. */
function connectReason(error: unknown): string {
  const { code, message } = fieldsOf(error);
  return code === 'ECONNREFUSED'
    ? 'connection refused (is PostgreSQL running and listening there?)'
    : code === 'ENOTFOUND'
      ? 'host not found'
      : code === '28P01' || code === '28000'
        ? `authentication failed (${message ?? code})`
        : code === '3D000'
          ? `database does not exist (${message ?? code})`
          : (message ?? String(error));
}

/** Maps an error from connecting: the message names host:port and the reason. */
export function connectError(target: string, error: unknown): StorageError {
  return new StorageError(target, `cannot connect to PostgreSQL: ${connectReason(error)}`, {
    cause: error,
  });
}

/** Socket error codes that mean an established connection is gone. */
const LOST_SOCKET_CODES = new Set([
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * True when the error says an established connection is gone: the server ended it (57P01
 * administrator command, 57P02 crash shutdown, 57P05 idle timeout), a connection exception
 * (class 08), the socket failed, or node-postgres reports the client closed or unusable.
 */
export function isConnectionLost(error: unknown): boolean {
  if (error instanceof StorageError) {
    return error.cause !== undefined && isConnectionLost(error.cause);
  }
  const { code, message } = fieldsOf(error);
  if (code !== undefined) {
    return /^(08|57P0[125])/.test(code) || LOST_SOCKET_CODES.has(code);
  }
  // node-postgres raises these without a code when the socket closes under a client.
  return /^Connection terminated|connection error and is not queryable/.test(message ?? '');
}

/** True when the server cannot be used at all: a lost connection, or connecting is refused. */
export function isUnavailable(error: unknown): boolean {
  const { code } = fieldsOf(error instanceof StorageError ? error.cause : error);
  return isConnectionLost(error) || /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|57P03)$/.test(code ?? '');
}

/** Why the server is unavailable, in words, for the one log line an outage writes. */
export function unavailableReason(error: unknown): string {
  const cause = error instanceof StorageError && error.cause !== undefined ? error.cause : error;
  return isConnectionLost(cause) ? describeLoss(cause) : `cannot connect: ${connectReason(cause)}`;
}

/** What happened to a lost connection, in words, with the server's code when it gave one. */
export function describeLoss(error: unknown): string {
  const cause = error instanceof StorageError && error.cause !== undefined ? error.cause : error;
  const { code, message } = fieldsOf(cause);
  const said = message ?? String(cause);
  if (code !== undefined && code.startsWith('57P')) {
    return `the connection was terminated by the server (${code}: ${said})`;
  }
  if (code !== undefined && code.startsWith('08')) {
    return `the connection failed (${code}: ${said})`;
  }
  if (code !== undefined && LOST_SOCKET_CODES.has(code)) {
    return `the connection was broken (${code}: ${said})`;
  }
  return `the connection was closed unexpectedly (${said})`;
}

/**
 * A statement or transaction that failed because its connection was lost; `outcome` says what
 * became of the transaction, so the reader knows whether to retry.
 */
export function connectionLostError(
  target: string,
  error: unknown,
  outcome = 'nothing was committed',
): StorageError {
  return new StorageError(target, `${describeLoss(error)}; ${outcome}`, { cause: error });
}

/** Maps an error raised by a statement: unique violations become ConflictError naming the key. */
export function statementError(target: string, subject: string, error: unknown): Error {
  if (error instanceof ConflictError || error instanceof StorageError) return error;
  const { code, detail, table, message } = fieldsOf(error);
  if (code === '23505') {
    return new ConflictError(`${table ?? subject}: duplicate key ${showKey(detail ?? '')}`);
  }
  if (isConnectionLost(error)) {
    return new StorageError(target, `${describeLoss(error)} during ${subject}`, { cause: error });
  }
  if (code !== undefined && /^(08|57P|53)/.test(code)) return connectError(target, error);
  return new StorageError(target, `${subject}: ${message ?? String(error)}`, { cause: error });
}
