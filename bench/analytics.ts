// The Customer Analytics Reporting benchmark (issue 6, item 9): run in a child, shown as rows.
import { runJsonChild } from './child.ts';
import { n, type BenchRow } from './table.ts';

/** What the child reports. */
export interface AnalyticsBenchResult {
  readonly devices: number;
  readonly records: number;
  readonly writeSeconds: number;
  /** One bare pass over the month's records and the columns the reports read: the engine's floor. */
  readonly scanSeconds: number;
  readonly reportSeconds: number;
  readonly reports: number;
  readonly files: number;
  readonly bytes: number;
  readonly stages: readonly { readonly stage: string; readonly ms: number }[];
  readonly fileBytes: number;
  readonly maxRssBytes: number;
}

/** Runs the analytics bench in its own process. */
export function benchAnalyticsInChild(
  records: number,
  devices: number,
): Promise<AnalyticsBenchResult> {
  return runJsonChild<AnalyticsBenchResult>('analytics-one.ts', [String(records), String(devices)]);
}

/** Table rows: the whole run against the 60 s target, then each stage. */
export function analyticsRows(r: AnalyticsBenchResult): BenchRow[] {
  return [
    {
      measure: `duckdb: month trail, ${n(r.records)} records`,
      value: `${n(r.records / r.writeSeconds)} records/s`,
      target: '',
      limit: '',
      note: `${n(r.writeSeconds, 1)} s for ${n(r.devices)} devices (month-trail generator); ${n(r.fileBytes / 2 ** 30, 2)} GiB file`,
    },
    {
      measure: `duckdb: all reports (${r.reports} parties × roles)`,
      value: `${n(r.reportSeconds, 1)} s`,
      target: '≤ 60 s',
      limit: `${n(r.scanSeconds, 2)} s one bare scan`,
      note: `${n(r.files)} files (CSV + PDF), ${n(r.bytes / 2 ** 20, 1)} MiB; peak RSS ${n(r.maxRssBytes / 2 ** 20)} MiB`,
    },
    ...r.stages.map((s) => ({
      measure: `  stage: ${s.stage}`,
      value: `${n(s.ms / 1000, 2)} s`,
      target: '',
      limit: '',
      note: '',
    })),
  ];
}
