// Record keys in URLs: a record's time and ID (`<ms>-<id>`), so one record is found by a narrow search.
import type { AuditTitle } from '../../audit/records.ts';

/** A record's key as pages and API write it. */
export function recordKey(title: Pick<AuditTitle, 'at' | 'id'>): string {
  return `${title.at.getTime()}-${title.id.toString()}`;
}

/** Reads a record key; null when the text is not one (treated like an unknown record). */
export function parseRecordKey(text: string): { readonly at: Date; readonly id: bigint } | null {
  const match = /^(\d{1,15})-(\d{1,19})$/.exec(text);
  if (match?.[1] === undefined || match[2] === undefined) return null;
  const id = BigInt(match[2]);
  return id < 1n << 63n ? { at: new Date(Number(match[1])), id } : null;
}
