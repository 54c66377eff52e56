// Reads stored audit rows back into records, whatever engine produced them.
//
// Adapters first turn cells into neutral values (EUI-64s as unsigned bigint, times as Date,
// metadata as JSON text or an already parsed object), as records.ts does for the inventory.
import type { AuditFormat, AuditHeader, AuditRecord, JsonValue } from '../audit/records.ts';
import type { AuditKind, AuditOutcome } from '../audit/records.ts';
import type { UserRole } from '../core/roles.ts';
import { StorageError } from '../core/errors.ts';
import type { Eui64 } from '../core/eui64.ts';
import { eui, mpxnOrNull, text, textOrNull, time, type Row } from './records.ts';

/** Columns of a header, in the order both schemas select them. */
export const HEADER_COLUMNS =
  'record_id, kind, recorded_at, request_id, device_id, mpxn, service_reference, srv, srv_name, code, ' +
  'outcome, originator_role, round_trip_ms, originator_id, recipient_id';

/** Columns of a whole record. */
export const RECORD_COLUMNS = `${HEADER_COLUMNS}, format, payload, metadata`;

/** User IDs repeat on every record: formatting each once saves most of a scan's conversions. */
const userIds = new Map<bigint, Eui64>();

function euiOrNull(row: Row, column: string): Eui64 | null {
  return row[column] === null ? null : eui(row, column);
}

function userOrNull(row: Row, column: string): Eui64 | null {
  const value = row[column];
  if (typeof value !== 'bigint') return euiOrNull(row, column);
  let id = userIds.get(value);
  if (id === undefined) {
    id = eui(row, column);
    if (userIds.size < 100_000) userIds.set(value, id);
  }
  return id;
}

function bigintOf(row: Row, column: string): bigint {
  const value = row[column];
  if (typeof value === 'bigint') return value;
  if (typeof value === 'string' || typeof value === 'number') return BigInt(value);
  throw new StorageError('store', `column ${column} holds an unexpected value ${String(value)}`);
}

function numberOrNull(row: Row, column: string): number | null {
  const value = row[column];
  return value === null || value === undefined ? null : Number(value);
}

// The schema's enum types hold exactly these vocabularies, which makes the casts sound.

/** An audit row (header columns) as a header. */
export function toAuditHeader(row: Row): AuditHeader {
  return {
    kind: text(row, 'kind') as AuditKind,
    id: bigintOf(row, 'record_id'),
    at: time(row, 'recorded_at'),
    requestId: textOrNull(row, 'request_id'),
    deviceId: euiOrNull(row, 'device_id'),
    mpxn: mpxnOrNull(row, 'mpxn'),
    serviceReference: textOrNull(row, 'service_reference'),
    srv: textOrNull(row, 'srv'),
    srvName: textOrNull(row, 'srv_name'),
    code: textOrNull(row, 'code'),
    outcome: text(row, 'outcome') as AuditOutcome,
    originatorRole: textOrNull(row, 'originator_role') as UserRole | null,
    roundTripMs: numberOrNull(row, 'round_trip_ms'),
    originatorId: userOrNull(row, 'originator_id'),
    recipientId: userOrNull(row, 'recipient_id'),
  };
}

/** An audit row (all columns) as a whole record. */
export function toAuditRecord(row: Row): AuditRecord {
  const metadata = row['metadata'];
  return {
    ...toAuditHeader(row),
    format: textOrNull(row, 'format') as AuditFormat | null,
    payload: textOrNull(row, 'payload'),
    metadata: (typeof metadata === 'string' ? JSON.parse(metadata) : (metadata ?? {})) as {
      readonly [key: string]: JsonValue;
    },
  };
}

/** The record's metadata as JSON text. */
export function metadataText(record: AuditRecord): string {
  return JSON.stringify(record.metadata);
}
