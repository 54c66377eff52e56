// Typed reads of analytics rows, and grouping helpers.
import type { AnalyticsRow } from '../store/analytics-port.ts';

/** A text column (empty string when null). */
export function text(row: AnalyticsRow, column: string): string {
  const v = row[column];
  return v === null || v === undefined ? '' : String(v);
}

/** A numeric column (0 when null). */
export function num(row: AnalyticsRow, column: string): number {
  const v = row[column];
  return typeof v === 'number' ? v : v === null || v === undefined ? 0 : Number(v);
}

/** A numeric column, or null. */
export function numOrNull(row: AnalyticsRow, column: string): number | null {
  const v = row[column];
  return v === null || v === undefined ? null : Number(v);
}

/** Groups rows by a key. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** a / b, or null when b is 0. */
export function rate(a: number, b: number): number | null {
  return b > 0 ? a / b : null;
}

/** A percentage with one decimal, or "–". */
export function pct(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** A whole number with thousands separators. */
export function count(value: number): string {
  return value.toLocaleString('en-GB');
}

/** Milliseconds as seconds with two decimals, or "–". */
export function seconds(ms: number | null): string {
  return ms === null ? '–' : `${(ms / 1000).toFixed(2)} s`;
}

/** An instant as ISO 8601 UTC text (for data files). */
export function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
