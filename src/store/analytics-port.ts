// The storage port's analytics part: read-only aggregate queries for the monthly reports.
import type { AnalyticsQuery, ExportQuery } from './analytics-sql.ts';

/** One result row: numbers, text (IDs as EUI-64 text, days as YYYY-MM-DD) or null. */
export type AnalyticsRow = Readonly<Record<string, string | number | null>>;

/**
 * Customer Analytics Reporting reads the audit trail and inventory through aggregate queries
 * (src/store/analytics-sql.ts) run inside the database, so a month of tens of millions of
 * records never crosses into JavaScript one record at a time.
 */
export interface AnalyticsStore {
  /** Runs one analytics query and returns its rows. */
  analyticsRows(query: AnalyticsQuery): Promise<AnalyticsRow[]>;
  /**
   * Writes an export query's rows as RFC 4180 CSV (UTF-8, CRLF, a header row) under `dir`, one
   * file per value of its partition columns, which the files leave out. Returns the files by
   * partition key (the values joined with `|`); a partition with no rows has no file.
   */
  analyticsCsvFiles(query: ExportQuery, dir: string): Promise<Map<string, string>>;
}
