// Alert reporting: daily and monthly alerts against the industry, and the network-operator extras.
import { toUkDate } from '../core/clock.ts';
import type { AnalyticsRow } from '../store/analytics-port.ts';
import { compare, type Ratio } from './peers.ts';
import { codeMeaning, incidentsByDay, type ReportContext } from './process-report.ts';
import type { AlertCodeFigures, AlertMeasure, AlertReport, DayFigures } from './report-model.ts';
import { count, groupBy, iso, num, numOrNull, pct, rate, text } from './rows.ts';
import type { AlertMetric } from './schema.ts';

type Measure<M extends AlertMetric['measure']> = Extract<AlertMetric, { measure: M }>;

const DAY_MS = 86_400_000;

interface Sums {
  alerts: number;
  failures: number;
  deliverySum: number;
  deliveryCount: number;
  best: number | null;
  worst: number | null;
}
const empty = (): Sums => ({
  alerts: 0,
  failures: 0,
  deliverySum: 0,
  deliveryCount: 0,
  best: null,
  worst: null,
});
function add(s: Sums, r: AnalyticsRow): void {
  s.alerts += num(r, 'alerts');
  s.failures += num(r, 'failures');
  s.deliverySum += num(r, 'delivery_sum');
  s.deliveryCount += num(r, 'delivery_count');
  const best = numOrNull(r, 'delivery_best');
  const worst = numOrNull(r, 'delivery_worst');
  if (best !== null) s.best = s.best === null ? best : Math.min(s.best, best);
  if (worst !== null) s.worst = s.worst === null ? worst : Math.max(s.worst, worst);
}

function sumBy(rows: readonly AnalyticsRow[], key: (r: AnalyticsRow) => string): Map<string, Sums> {
  const out = new Map<string, Sums>();
  for (const r of rows) {
    const k = key(r);
    const s = out.get(k) ?? empty();
    add(s, r);
    out.set(k, s);
  }
  return out;
}

function breakdown(
  ctx: ReportContext,
  metric: Measure<'alert-breakdown'>,
  rows: readonly AnalyticsRow[],
): AlertMeasure {
  const sorted = [...rows].sort(
    (a, b) =>
      num(b, 'alerts') - num(a, 'alerts') ||
      ['code', 'meter_type', 'manufacturer', 'model', 'firmware_version'].reduce(
        (d, c) => d || text(a, c).localeCompare(text(b, c)),
        0,
      ),
  );
  const byModel = groupBy(sorted, (r) => `${text(r, 'model')}|${text(r, 'code')}`);
  return {
    metric,
    figures: metric.params.codes.map((code) => ({
      label: `${code} alerts`,
      value: count(
        sorted.filter((r) => text(r, 'code') === code).reduce((a, r) => a + num(r, 'alerts'), 0),
      ),
    })),
    chart: [...byModel].map(([k, rs]) => {
      const [model = '', code = ''] = k.split('|');
      return { category: model, series: code, value: rs.reduce((a, r) => a + num(r, 'alerts'), 0) };
    }),
    columns: [
      { name: 'code', description: 'Alert code' },
      { name: 'meter_type', description: 'Device type' },
      { name: 'manufacturer', description: 'Device manufacturer' },
      { name: 'model', description: 'Device model' },
      { name: 'firmware_version', description: 'Firmware version' },
      { name: 'alerts', description: 'Alerts about devices on your network (any recipient)' },
    ],
    rows: sorted.map((r) => [
      text(r, 'code'),
      text(r, 'meter_type'),
      text(r, 'manufacturer'),
      text(r, 'model'),
      text(r, 'firmware_version'),
      num(r, 'alerts'),
    ]),
  };
}

function followUp(
  ctx: ReportContext,
  metric: Measure<'alert-follow-up'>,
  rows: readonly AnalyticsRow[],
): AlertMeasure {
  const limit = metric.params.days * DAY_MS;
  const bySupplier = groupBy(
    rows,
    (r) => ctx.partyNames.get(text(r, 'supplier_party')) ?? 'No Import Supplier registered',
  );
  const table = [...bySupplier]
    .map(([supplier, rs]) => {
      const within = rs.filter(
        (r) => r['then_ms'] !== null && num(r, 'then_ms') - num(r, 'at_ms') <= limit,
      ).length;
      const later = rs.filter((r) => r['then_ms'] !== null).length - within;
      return { supplier, first: rs.length, within, later, none: rs.length - within - later };
    })
    .sort((a, b) => b.first - a.first || a.supplier.localeCompare(b.supplier));
  const total = table.reduce((a, t) => a + t.first, 0);
  const within = table.reduce((a, t) => a + t.within, 0);
  const { first, then, days } = metric.params;
  return {
    metric,
    figures: [
      { label: `${first} alerts whose ${days} days ended this month`, value: count(total) },
      { label: `${then} within ${days} days`, value: count(within) },
      { label: 'Within the service level', value: pct(rate(within, total)) },
    ],
    chart: table.flatMap((t) => [
      { category: t.supplier, series: `Within ${days} days`, value: t.within },
      { category: t.supplier, series: 'Later', value: t.later },
      { category: t.supplier, series: 'None yet', value: t.none },
    ]),
    columns: [
      {
        name: 'energy_supplier',
        description: 'Import Supplier of the device when the first alert was sent',
      },
      { name: 'first_alerts', description: `${first} alerts` },
      { name: 'within', description: `${then} within ${days} days` },
      { name: 'later', description: `${then} after ${days} days` },
      { name: 'none', description: `No ${then} by the month's end` },
    ],
    rows: table.map((t) => [t.supplier, t.first, t.within, t.later, t.none]),
  };
}

function unrestored(
  ctx: ReportContext,
  metric: Measure<'unrestored-outage'>,
  rows: readonly AnalyticsRow[],
): AlertMeasure {
  const end = ctx.month.to.getTime();
  const byDay = groupBy(rows, (r) => toUkDate(new Date(num(r, 'at_ms'))));
  return {
    metric,
    figures: [{ label: 'Outages with no restoration alert', value: count(rows.length) }],
    chart: [...byDay].sort().map(([day, rs]) => ({
      category: day.slice(5),
      series: 'Unrestored outages',
      value: rs.length,
    })),
    columns: [
      { name: 'device_id', description: 'Device that reported the outage' },
      { name: 'mpxn', description: 'Supply point' },
      { name: 'outage_at', description: 'When the outage alert was sent (UTC)' },
      {
        name: 'hours_without_restoration',
        description: "Hours from the outage to the month's end",
      },
    ],
    rows: rows.map((r) => [
      text(r, 'device_id'),
      text(r, 'mpxn'),
      iso(num(r, 'at_ms')),
      Number(((end - num(r, 'at_ms')) / 3_600_000).toFixed(1)),
    ]),
  };
}

/** Computes the alert section for the report's subject (null when no alert metric covers its role). */
export function alertReport(ctx: ReportContext): AlertReport | null {
  const metrics = ctx.defs.metrics.filter(
    (m): m is AlertMetric => m.kind === 'alert' && m.roles.includes(ctx.subject.role),
  );
  if (!metrics.some((m) => m.measure === 'alert-summary')) return null;
  const { partyId, role } = ctx.subject;
  const rows = ctx.facts.alertDaily.filter((r) => text(r, 'role') === role);
  const own = rows.filter((r) => text(r, 'party_id') === partyId);
  const youDays = sumBy(own, (r) => text(r, 'day'));
  const allDays = sumBy(rows, (r) => text(r, 'day'));
  const incidents = incidentsByDay(ctx);
  const days: DayFigures[] = ctx.month.days.map((day) => {
    const y = youDays.get(day) ?? empty();
    const a = allDays.get(day) ?? empty();
    return {
      day,
      volume: y.alerts,
      failureRate: rate(y.failures, y.alerts),
      meanMs: rate(y.deliverySum, y.deliveryCount),
      industryVolume: a.alerts,
      industryFailureRate: rate(a.failures, a.alerts),
      industryMeanMs: rate(a.deliverySum, a.deliveryCount),
      incidents: incidents.get(day) ?? [],
    };
  });
  const youCodes = sumBy(own, (r) => text(r, 'code'));
  const allCodes = sumBy(rows, (r) => text(r, 'code'));
  const codes: AlertCodeFigures[] = [...youCodes]
    .sort((a, b) => b[1].alerts - a[1].alerts || a[0].localeCompare(b[0]))
    .map(([code, s]) => {
      const a = allCodes.get(code) ?? empty();
      return {
        code,
        meaning: codeMeaning(ctx.catalogue, code),
        alerts: s.alerts,
        failures: s.failures,
        delivery: {
          best: s.best,
          worst: s.worst,
          mean: rate(s.deliverySum, s.deliveryCount),
          median: null,
        },
        industryAlerts: a.alerts,
        industryFailureRate: rate(a.failures, a.alerts),
        industryMeanMs: rate(a.deliverySum, a.deliveryCount),
      };
    });
  const values = new Map<string, Ratio>(
    [...sumBy(rows, (r) => text(r, 'party_id'))].map(([p, s]) => [
      p,
      { num: s.failures, den: s.alerts },
    ]),
  );
  const measures: AlertMeasure[] = [];
  for (const m of metrics) {
    const mine = (ctx.facts.byMetric.get(m.id) ?? []).filter(
      (r) => text(r, 'party_id') === partyId,
    );
    if (m.measure === 'alert-breakdown') measures.push(breakdown(ctx, m, mine));
    if (m.measure === 'alert-follow-up') measures.push(followUp(ctx, m, mine));
    if (m.measure === 'unrestored-outage') measures.push(unrestored(ctx, m, mine));
  }
  return {
    total: own.reduce((a, r) => a + num(r, 'alerts'), 0),
    failureRate: compare({
      recipient: partyId,
      values,
      labels: ctx.labels,
      anonymity: ctx.defs.anonymity,
    }),
    days,
    codes,
    measures,
  };
}
