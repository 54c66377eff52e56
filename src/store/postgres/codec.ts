// EUI-64s in PostgreSQL's signed bigint, and values in COPY text format.
//
// PostgreSQL has no unsigned 64-bit type, so an EUI-64 is stored as its value minus 2^63:
// 00-00-…-00 is -9223372036854775808 and FF-FF-…-FF is 9223372036854775807. Unlike two's
// complement, the offset keeps the order, so ORDER BY device_id is EUI-64 order, as it is
// in DuckDB's UBIGINT. Ad hoc SQL can convert with `(device_id::numeric + 2^63)`.
import { eui64FromBigInt, eui64ToBigInt, type Eui64 } from '../../core/eui64.ts';

const OFFSET = 1n << 63n;

/** Columns holding EUI-64s in this schema. */
export const EUI64_COLUMNS: ReadonlySet<string> = new Set([
  'device_id',
  'target_id',
  'user_id',
  'originator_id',
  'recipient_id',
]);

/** An EUI-64 as the decimal text of its stored bigint. */
export function toPgId(id: Eui64): string {
  return (eui64ToBigInt(id) - OFFSET).toString();
}

/** The EUI-64 stored as this bigint (decimal text, as node-postgres returns int8). */
export function fromPgId(stored: string): Eui64 {
  return eui64FromBigInt(BigInt(stored) + OFFSET);
}

/** A row with its EUI-64 columns turned from stored bigint text into unsigned bigints. */
export function unsignRow(row: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...row };
  for (const column of EUI64_COLUMNS) {
    const value = out[column];
    if (typeof value === 'string') out[column] = BigInt(value) + OFFSET;
  }
  return out;
}

/** A text value escaped for COPY's text format. */
export function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value
        .replaceAll('\\', '\\\\')
        .replaceAll('\t', '\\t')
        .replaceAll('\n', '\\n')
        .replaceAll('\r', '\\r')
    : value;
}

/** A nullable text value for COPY (`\N` is NULL). */
export function copyTextOrNull(value: string | null): string {
  return value === null ? '\\N' : copyText(value);
}

/** A time for COPY (ISO 8601 in UTC, milliseconds kept). */
export function copyTime(at: Date | null): string {
  return at === null ? '\\N' : at.toISOString();
}
