// Engine-neutral SQL for the audit trail: filters, keyset cursors and page limits.
//
// Both engines take `$n` placeholders; each adapter binds the typed values its own way
// (DuckDB needs UBIGINT for EUI-64s, PostgreSQL stores them offset into a signed bigint).
import { InvalidValueError } from '../core/errors.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { AuditFilter, PageOptions } from './audit-port.ts';

/** A bind value and what it holds, so each engine can encode it. */
export type SqlValue =
  | { readonly kind: 'id'; readonly value: Eui64 }
  | { readonly kind: 'mpxn'; readonly value: string }
  | { readonly kind: 'time'; readonly value: Date | null }
  | { readonly kind: 'text'; readonly value: string | null }
  | { readonly kind: 'record'; readonly value: bigint }
  | { readonly kind: 'int'; readonly value: number };

/** Collects bind values and hands out their placeholders. */
export class SqlParams {
  readonly values: SqlValue[] = [];

  /** Adds a value; returns its placeholder (`$1`, `$2`, …). */
  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Page size when none is asked for, and the most one page may hold. */
export const DEFAULT_PAGE = 100;
export const MAX_PAGE = 10_000;

/** The page size asked for, checked. */
export function pageLimit(page: PageOptions | undefined): number {
  const limit = page?.limit ?? DEFAULT_PAGE;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_PAGE) {
    throw new InvalidValueError('limit', limit, `expected a whole number from 1 to ${MAX_PAGE}`);
  }
  return limit;
}

/** The position after the last record of a page: its time and ID. */
export interface Cursor {
  readonly at: Date;
  readonly id: bigint;
}

/** A cursor as opaque text. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.at.getTime()}.${cursor.id.toString()}`).toString('base64url');
}

/** Reads a cursor made by {@link encodeCursor}; anything else is an InvalidValueError. */
export function decodeCursor(text: string): Cursor {
  const match = /^(-?\d{1,15})\.(\d{1,19})$/.exec(Buffer.from(text, 'base64url').toString());
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new InvalidValueError('cursor', text, 'it is not a cursor this service gave out');
  }
  return { at: new Date(Number(match[1])), id: BigInt(match[2]) };
}

/** The cursor of the page after `records`, or null when the page was not full. */
export function nextCursor(
  records: readonly { readonly at: Date; readonly id: bigint }[],
  limit: number,
): string | null {
  const last = records[records.length - 1];
  return records.length < limit || last === undefined ? null : encodeCursor(last);
}

/** `… AND` condition selecting records older than the cursor (newest-first paging). */
export function beforeCursor(after: string | undefined, params: SqlParams): string[] {
  if (after === undefined) return [];
  const { at, id } = decodeCursor(after);
  const t = params.add({ kind: 'time', value: at });
  // `recorded_at <= t` first so both engines can bound an index range scan with it.
  return [
    `recorded_at <= ${t}`,
    `(recorded_at < ${t} OR record_id < ${params.add({ kind: 'record', value: id })})`,
  ];
}

/** The WHERE conditions of a filter (joined with AND by the caller). */
export function filterConditions(filter: AuditFilter, params: SqlParams): string[] {
  const where: string[] = [];
  const id = (value: Eui64): string => params.add({ kind: 'id', value });
  const text = (value: string): string => params.add({ kind: 'text', value });
  if (filter.userId !== undefined) {
    const user = id(filter.userId);
    where.push(`(originator_id = ${user} OR recipient_id = ${user})`);
  }
  if (filter.originatorId !== undefined) where.push(`originator_id = ${id(filter.originatorId)}`);
  if (filter.recipientId !== undefined) where.push(`recipient_id = ${id(filter.recipientId)}`);
  if (filter.deviceId !== undefined) where.push(`device_id = ${id(filter.deviceId)}`);
  if (filter.mpxn !== undefined) {
    where.push(`mpxn = ${params.add({ kind: 'mpxn', value: filter.mpxn })}`);
  }
  if (filter.requestId !== undefined) where.push(`request_id = ${text(filter.requestId)}`);
  if (typeof filter.srv === 'string') where.push(`srv = ${text(filter.srv)}`);
  else if (filter.srv !== undefined) {
    where.push(filter.srv.length === 0 ? 'FALSE' : `srv IN (${filter.srv.map(text).join(', ')})`);
  }
  if (filter.kind !== undefined) where.push(`kind = ${text(filter.kind)}`);
  if (filter.outcome !== undefined) where.push(`outcome = ${text(filter.outcome)}`);
  if (filter.code !== undefined) where.push(`code = ${text(filter.code)}`);
  if (filter.from !== undefined) {
    where.push(`recorded_at >= ${params.add({ kind: 'time', value: filter.from })}`);
  }
  if (filter.to !== undefined)
    where.push(`recorded_at < ${params.add({ kind: 'time', value: filter.to })}`);
  return where;
}

/** `WHERE a AND b …`, or nothing. */
export function whereClause(conditions: readonly string[]): string {
  return conditions.length === 0 ? '' : `WHERE ${conditions.join(' AND ')}`;
}
