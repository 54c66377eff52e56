// Gathers a month's facts from the store: one aggregate query per need, run in the database.
import type { AnalyticsRow, AnalyticsStore } from '../store/analytics-port.ts';
import * as sql from '../store/analytics-sql.ts';
import type { Definitions } from './definitions.ts';
import type { ReportMonth } from './month.ts';
import type { ProcessMetric } from './schema.ts';

/** Everything the reports of one month are computed from. */
export interface MonthFacts {
  readonly records: number;
  readonly processStats: readonly AnalyticsRow[];
  readonly processDaily: readonly AnalyticsRow[];
  readonly processFailures: readonly AnalyticsRow[];
  /** Rows of each derived or alert metric's own query, by metric ID. */
  readonly byMetric: ReadonlyMap<string, readonly AnalyticsRow[]>;
  readonly alertDaily: readonly AnalyticsRow[];
  /** Each party's estate at the month's end, counted by device type, model and firmware. */
  readonly estateCounts: readonly AnalyticsRow[];
}

/** The query stages, for progress and the benchmark's time split. */
export type FactStage = 'process queries' | 'derived queries' | 'alert queries' | 'estate query';

function processOf(defs: Definitions, id: string): ProcessMetric {
  const found = defs.metrics.find((m): m is ProcessMetric => m.kind === 'process' && m.id === id);
  if (!found) throw new Error(`no process metric ${id} (the definitions were validated)`);
  return found;
}

/** The instant of the end-of-month inventory snapshot: the last millisecond of the month. */
export function estateInstant(month: ReportMonth): Date {
  return new Date(month.to.getTime() - 1);
}

/** Every role some metric reports to. */
export function reportingRoles(defs: Definitions): string[] {
  return [...new Set(defs.metrics.flatMap((m) => ('roles' in m ? m.roles : [])))];
}

/** Every (process, SRV, context) the definitions count. */
export function processMap(defs: Definitions): sql.ProcessSrv[] {
  return defs.metrics.flatMap((m) =>
    m.kind === 'process'
      ? m.srvs.map((s) => ({ processId: m.id, srv: s.srv, context: s.context ?? 'any' }))
      : [],
  );
}

function metricQuery(
  defs: Definitions,
  metric: Definitions['metrics'][number],
  month: ReportMonth,
): sql.AnalyticsQuery | null {
  const w = { from: month.from, to: month.to };
  const days = (n: number): number => n * 86_400_000;
  const readSrvs = (id: string): string[] => processOf(defs, id).srvs.map((s) => s.srv);
  if (metric.kind === 'derived') {
    switch (metric.measure) {
      case 'no-read-within': {
        // Installs whose window closed during the month: sent in [from - days, to - days).
        const shift = days(metric.params.days);
        const closing = {
          from: new Date(w.from.getTime() - shift),
          to: new Date(w.to.getTime() - shift),
        };
        return sql.readsAfterQuery(closing, {
          triggerSrvs: metric.params.triggerSrvs,
          readSrvs: readSrvs(metric.params.readProcess),
          days: metric.params.days,
        });
      }
      case 'install-forecast':
        return sql.dailyRequestsQuery(
          { from: new Date(w.from.getTime() - days(metric.params.historyDays)), to: w.to },
          metric.params.srvs,
        );
      case 'volume-comparison':
        return sql.dailyRequestsQuery(w, [...metric.params.a.srvs, ...metric.params.b.srvs]);
      case 'read-before-cos-gain':
        return sql.cosGainsQuery(w, {
          kind: 'read-before',
          srvs: readSrvs(metric.params.readProcess),
          days: metric.params.days,
        });
      case 'old-supplier-install-before-cos-gain':
        return sql.cosGainsQuery(w, {
          kind: 'old-install',
          srvs: metric.params.srvs,
          days: metric.params.lookbackDays,
        });
    }
  }
  if (metric.kind === 'alert') {
    switch (metric.measure) {
      case 'alert-summary':
        return null;
      case 'alert-breakdown':
        return sql.networkAlertBreakdownQuery(w, metric.params.codes);
      case 'alert-follow-up': {
        // First alerts whose window closed during the month, followed up to the month's end.
        const shift = days(metric.params.days);
        const closing = {
          from: new Date(w.from.getTime() - shift),
          to: new Date(w.to.getTime() - shift),
        };
        return sql.followUpQuery(closing, {
          first: metric.params.first,
          then: metric.params.then,
          seen: w.to,
        });
      }
      case 'unrestored-outage':
        return sql.unrestoredOutagesQuery(w, metric.params);
    }
  }
  return null;
}

/** Runs every query the definitions need for the month; `onStage` hears each stage end. */
export async function gatherFacts(options: {
  readonly store: AnalyticsStore;
  readonly defs: Definitions;
  readonly month: ReportMonth;
  readonly onStage?: (stage: FactStage, ms: number) => void;
}): Promise<MonthFacts> {
  const { store, defs, month, onStage } = options;
  const w = { from: month.from, to: month.to };
  const map = processMap(defs);
  const rules = {
    installSrvs: defs.contexts.install.afterSrvs,
    installHours: defs.contexts.install.hours,
    cosDays: defs.contexts['cos-gain'].days,
  };
  let started = performance.now();
  const stage = (name: FactStage): void => {
    const now = performance.now();
    onStage?.(name, now - started);
    started = now;
  };
  const [count] = await store.analyticsRows(sql.recordCountQuery(w));
  const processStats = await store.analyticsRows(sql.processStatsQuery(w, map, rules));
  const processDaily = await store.analyticsRows(sql.processDailyQuery(w, map, rules));
  const processFailures = await store.analyticsRows(sql.processFailuresQuery(w, map, rules));
  stage('process queries');
  const byMetric = new Map<string, readonly AnalyticsRow[]>();
  for (const metric of defs.metrics.filter((m) => m.kind === 'derived')) {
    const q = metricQuery(defs, metric, month);
    if (q) byMetric.set(metric.id, await store.analyticsRows(q));
  }
  stage('derived queries');
  for (const metric of defs.metrics.filter((m) => m.kind === 'alert')) {
    const q = metricQuery(defs, metric, month);
    if (q) byMetric.set(metric.id, await store.analyticsRows(q));
  }
  const alertDaily = await store.analyticsRows(sql.alertDailyQuery(w));
  stage('alert queries');
  const estateCounts = await store.analyticsRows(
    sql.estateCountsQuery(estateInstant(month), reportingRoles(defs)),
  );
  stage('estate query');
  return {
    records: Number(count?.['records'] ?? 0),
    processStats,
    processDaily,
    processFailures,
    byMetric,
    alertDaily,
    estateCounts,
  };
}
