// Reads stored rows back into inventory records, whatever engine produced them.
//
// Each engine's adapter first turns its own cell values into the neutral shapes below
// (EUI-64s as bigint in 0..2^64-1, times as Date, enumerations as text).
import type { DeviceType, SmetsGeneration, SmiStatus } from '../core/devices.ts';
import { StorageError } from '../core/errors.ts';
import { eui64FromBigInt, type Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { RegistrationRole, UserRole } from '../core/roles.ts';
import type { DccUser, Device, HanJoin, Registration, StatusChange } from '../inventory/types.ts';

/** A row as a map of column name to a neutral value. */
export type Row = Readonly<Record<string, unknown>>;

function fail(column: string, value: unknown): never {
  throw new StorageError('store', `column ${column} holds an unexpected value ${String(value)}`);
}

/** Reads an EUI-64 column (bigint, or a decimal string). */
export function eui(row: Row, column: string): Eui64 {
  const value = row[column];
  if (typeof value === 'bigint') return eui64FromBigInt(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return eui64FromBigInt(BigInt(value));
  return fail(column, value);
}

/** Reads a text column. */
export function text(row: Row, column: string): string {
  const value = row[column];
  return typeof value === 'string' ? value : fail(column, value);
}

/** Reads a nullable text column. */
export function textOrNull(row: Row, column: string): string | null {
  return row[column] === null ? null : text(row, column);
}

/** Reads an MPxN column (text, or the number an MPxN is stored as). */
export function mpxnOrNull(row: Row, column: string): Mpxn | null {
  const value = row[column];
  if (value === null) return null;
  if (typeof value === 'string') return value as Mpxn;
  if (typeof value === 'bigint' || typeof value === 'number') return String(value) as Mpxn;
  return fail(column, value);
}

/** Reads a time column. */
export function time(row: Row, column: string): Date {
  const value = row[column];
  return value instanceof Date ? value : fail(column, value);
}

/** Reads a nullable time column. */
export function timeOrNull(row: Row, column: string): Date | null {
  return row[column] === null ? null : time(row, column);
}

/** Reads a count or small integer (number, bigint or decimal string). */
export function count(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  return fail(column, value);
}

// Enumerated columns are typed by the schema's enum types (see vocabulary.ts), which is
// what makes the casts from text to the core's string unions below sound.

/** A `users` row as a DCC User. */
export function toUser(row: Row): DccUser {
  return {
    userId: eui(row, 'user_id'),
    role: text(row, 'role') as UserRole,
    partyId: text(row, 'party_id'),
    partyName: text(row, 'party_name'),
  };
}

/** A `devices` row as a device. */
export function toDevice(row: Row): Device {
  return {
    id: eui(row, 'device_id'),
    type: text(row, 'type') as DeviceType,
    manufacturer: text(row, 'manufacturer'),
    model: text(row, 'model'),
    firmwareVersion: text(row, 'firmware_version'),
    smets: text(row, 'smets') as SmetsGeneration,
    region: count(row, 'region'),
    mpxn: mpxnOrNull(row, 'mpxn'),
    status: text(row, 'status') as SmiStatus,
    statusSince: time(row, 'status_since'),
  };
}

/** A `device_status_history` row as a status change. */
export function toStatusChange(row: Row): StatusChange {
  return {
    deviceId: eui(row, 'device_id'),
    from: text(row, 'from_status') as SmiStatus,
    to: text(row, 'to_status') as SmiStatus,
    at: time(row, 'changed_at'),
  };
}

/** A `han_joins` row as a HAN join. */
export function toJoin(row: Row): HanJoin {
  return {
    deviceId: eui(row, 'device_id'),
    targetId: eui(row, 'target_id'),
    joinedAt: time(row, 'joined_at'),
    unjoinedAt: timeOrNull(row, 'unjoined_at'),
  };
}

/** A `registrations` row as a registration. */
export function toRegistration(row: Row): Registration {
  return {
    mpxn: mpxnOrNull(row, 'mpxn') ?? fail('mpxn', null),
    role: text(row, 'role') as RegistrationRole,
    userId: eui(row, 'user_id'),
    from: time(row, 'valid_from'),
    to: timeOrNull(row, 'valid_to'),
  };
}
