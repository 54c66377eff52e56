// Derived measures of Table 1: reads after installs, install forecasts, volumes, CoS gains.
import { isWorkingDay } from '../core/calendar.ts';
import type { AnalyticsRow } from '../store/analytics-port.ts';
import { daysFrom } from './month.ts';
import { compare, type Ratio } from './peers.ts';
import type { ReportContext } from './process-report.ts';
import type { DerivedResult } from './report-model.ts';
import { count, groupBy, iso, num, numOrNull, pct, rate, text } from './rows.ts';
import type { DerivedMetric } from './schema.ts';

type Measure<M extends DerivedMetric['measure']> = Extract<DerivedMetric, { measure: M }>;

const DAY_MS = 86_400_000;

function roleRows(ctx: ReportContext, metric: DerivedMetric): AnalyticsRow[] {
  return (ctx.facts.byMetric.get(metric.id) ?? []).filter(
    (r) => text(r, 'role') === ctx.subject.role,
  );
}

function ratios(
  rows: readonly AnalyticsRow[],
  hit: (r: AnalyticsRow) => boolean,
): Map<string, Ratio> {
  const out = new Map<string, Ratio>();
  for (const r of rows) {
    const party = text(r, 'party_id');
    const v = out.get(party) ?? { num: 0, den: 0 };
    out.set(party, { num: v.num + (hit(r) ? 1 : 0), den: v.den + 1 });
  }
  return out;
}

function noReadWithin(ctx: ReportContext, metric: Measure<'no-read-within'>): DerivedResult {
  const rows = roleRows(ctx, metric);
  const limit = metric.params.days * DAY_MS;
  const noRead = (r: AnalyticsRow): boolean => {
    const read = numOrNull(r, 'read_ms');
    return read === null || read - num(r, 'at_ms') >= limit;
  };
  const own = rows
    .filter((r) => text(r, 'party_id') === ctx.subject.partyId)
    .sort(
      (a, b) => num(a, 'at_ms') - num(b, 'at_ms') || text(a, 'mpxn').localeCompare(text(b, 'mpxn')),
    );
  const missing = own.filter(noRead).length;
  return {
    metric,
    figures: [
      { label: 'Installs whose window closed this month', value: count(own.length) },
      { label: `No read within ${metric.params.days} days`, value: count(missing) },
      { label: 'Share with no read', value: pct(rate(missing, own.length)) },
    ],
    comparison: compare({
      recipient: ctx.subject.partyId,
      values: ratios(rows, noRead),
      labels: ctx.labels,
      anonymity: ctx.defs.anonymity,
    }),
    comparisonLabel: `Installs with no read within ${metric.params.days} days (%)`,
    daily: [],
    method: `Successful ${metric.params.triggerSrvs.join(' / ')} Service Responses whose ${metric.params.days}-day window ended during the month (sent ${metric.params.days} days before the month, up to ${metric.params.days} days before its end), each checked for a successful ${metric.params.readProcess} Service Response for the same supply point within ${metric.params.days} days, by any User.`,
    columns: [
      { name: 'mpxn', description: 'Supply point of the install' },
      { name: 'installed_at', description: 'When the install response was recorded (UTC)' },
      {
        name: 'first_read_at',
        description: 'First successful read within the window (UTC), empty if none',
      },
      { name: 'read_within_window', description: 'yes or no' },
    ],
    rows: own.map((r) => [
      text(r, 'mpxn'),
      iso(num(r, 'at_ms')),
      noRead(r) ? null : iso(numOrNull(r, 'read_ms')),
      noRead(r) ? 'no' : 'yes',
    ]),
  };
}

function installForecast(ctx: ReportContext, metric: Measure<'install-forecast'>): DerivedResult {
  const rows = roleRows(ctx, metric);
  const first = ctx.month.days[0] ?? '';
  const historyDays = daysFrom(
    new Date(Date.parse(first) - metric.params.historyDays * DAY_MS).toISOString().slice(0, 10),
    metric.params.historyDays,
  );
  const perDay = new Map<string, number>();
  for (const r of rows) {
    if (text(r, 'party_id') !== ctx.subject.partyId) continue;
    perDay.set(text(r, 'day'), (perDay.get(text(r, 'day')) ?? 0) + num(r, 'requests'));
  }
  const mean = (working: boolean): number | null => {
    const days = historyDays.filter((d) => isWorkingDay(d) === working);
    return days.length === 0
      ? null
      : days.reduce((a, d) => a + (perDay.get(d) ?? 0), 0) / days.length;
  };
  const history = historyDays.reduce((a, d) => a + (perDay.get(d) ?? 0), 0);
  const predicted = {
    working: history > 0 ? mean(true) : null,
    other: history > 0 ? mean(false) : null,
  };
  const table = ctx.month.days.map((day) => {
    const working = isWorkingDay(day);
    const p = working ? predicted.working : predicted.other;
    const actual = perDay.get(day) ?? 0;
    return { day, working, actual, predicted: p };
  });
  const actualTotal = table.reduce((a, t) => a + t.actual, 0);
  const predictedTotal = history > 0 ? table.reduce((a, t) => a + (t.predicted ?? 0), 0) : null;
  return {
    metric,
    figures: [
      { label: 'Installs this month', value: count(actualTotal) },
      {
        label: 'Predicted',
        value: predictedTotal === null ? 'no history' : predictedTotal.toFixed(1),
      },
      {
        label: 'Per working day (history)',
        value: predicted.working === null ? '–' : predicted.working.toFixed(2),
      },
      {
        label: 'Per other day (history)',
        value: predicted.other === null ? '–' : predicted.other.toFixed(2),
      },
    ],
    comparison: null,
    comparisonLabel: null,
    daily: table.flatMap((t) => [
      { day: t.day, series: 'Actual', value: t.actual },
      { day: t.day, series: 'Predicted', value: t.predicted },
    ]),
    method: `Installs are ${metric.params.srvs.join(' and ')} Service Requests sent per UK day. The prediction for a day is the mean daily volume over the ${metric.params.historyDays} days before the month, taken over working days for a working day and over weekends and England & Wales bank holidays for any other day.${history === 0 ? ' There were no installs in that history, so no prediction is made.' : ''}`,
    columns: [
      { name: 'day', description: 'UK calendar day' },
      { name: 'working_day', description: 'yes, or no for a weekend or bank holiday' },
      { name: 'installs', description: 'Install Service Requests sent' },
      { name: 'predicted', description: 'Predicted installs (empty without history)' },
    ],
    rows: table.map((t) => [
      t.day,
      t.working ? 'yes' : 'no',
      t.actual,
      t.predicted === null ? null : Number(t.predicted.toFixed(3)),
    ]),
  };
}

function volumeComparison(ctx: ReportContext, metric: Measure<'volume-comparison'>): DerivedResult {
  const rows = roleRows(ctx, metric).filter((r) => text(r, 'party_id') === ctx.subject.partyId);
  const { a, b } = metric.params;
  const side = (srv: string): 'a' | 'b' | null =>
    a.srvs.includes(srv) ? 'a' : b.srvs.includes(srv) ? 'b' : null;
  const byDay = groupBy(rows, (r) => text(r, 'day'));
  const sums = ctx.month.days.map((day) => {
    const s = { a: 0, b: 0 };
    for (const r of byDay.get(day) ?? []) {
      const which = side(text(r, 'srv'));
      if (which) s[which] += num(r, 'requests');
    }
    return { day, ...s };
  });
  const total = { a: sums.reduce((x, s) => x + s.a, 0), b: sums.reduce((x, s) => x + s.b, 0) };
  return {
    metric,
    figures: [
      { label: a.label, value: count(total.a) },
      { label: b.label, value: count(total.b) },
      { label: `${a.label} share`, value: pct(rate(total.a, total.a + total.b)) },
    ],
    comparison: null,
    comparisonLabel: null,
    daily: sums.flatMap((s) => [
      { day: s.day, series: a.label, value: s.a },
      { day: s.day, series: b.label, value: s.b },
    ]),
    method: `Service Requests sent per UK day: ${a.label} (${a.srvs.join(', ')}) against ${b.label} (${b.srvs.join(', ')}).`,
    columns: [
      { name: 'day', description: 'UK calendar day' },
      { name: 'a', description: `${a.label} requests` },
      { name: 'b', description: `${b.label} requests` },
    ],
    rows: sums.map((s) => [s.day, s.a, s.b]),
  };
}

function cosGain(
  ctx: ReportContext,
  metric: Measure<'read-before-cos-gain' | 'old-supplier-install-before-cos-gain'>,
): DerivedResult {
  const rows = roleRows(ctx, metric);
  const own = rows
    .filter((r) => text(r, 'party_id') === ctx.subject.partyId)
    .sort(
      (a, b) =>
        text(a, 'day').localeCompare(text(b, 'day')) ||
        text(a, 'mpxn').localeCompare(text(b, 'mpxn')),
    );
  const reads = metric.measure === 'read-before-cos-gain';
  const hit = (r: AnalyticsRow): boolean =>
    reads ? num(r, 'read_before') === 1 : r['old_install_srv'] !== null;
  const hits = own.filter(hit).length;
  const what =
    metric.measure === 'read-before-cos-gain'
      ? `successful ${metric.params.readProcess} read in the ${metric.params.days} days before`
      : `${metric.params.srvs.join(' or ')} sent by the old supplier in the ${metric.params.lookbackDays} days before`;
  return {
    metric,
    figures: [
      { label: 'Change of Supplier gains', value: count(own.length) },
      {
        label: reads ? 'With a read before' : 'Old supplier sent an install SRV',
        value: count(hits),
      },
      { label: 'Share', value: pct(rate(hits, own.length)) },
    ],
    comparison: compare({
      recipient: ctx.subject.partyId,
      values: ratios(rows, hit),
      labels: ctx.labels,
      anonymity: ctx.defs.anonymity,
    }),
    comparisonLabel: reads
      ? 'Gains with a read before (%)'
      : 'Gains where the old supplier sent an install SRV (%)',
    daily: [],
    method: `Supply points whose ${ctx.subject.role} registration passed to you from another party during the month, each checked for a ${what} the gain. The old supplier is never named.`,
    columns: [
      { name: 'mpxn', description: 'Supply point gained' },
      { name: 'gained_on', description: 'UK day the registration passed to you' },
      {
        name: reads ? 'read_before' : 'old_supplier_install_srv',
        description: reads ? 'yes or no' : 'the SRV the old supplier sent, empty if none',
      },
    ],
    rows: own.map((r) => [
      text(r, 'mpxn'),
      text(r, 'day'),
      reads ? (hit(r) ? 'yes' : 'no') : (r['old_install_srv'] ?? null),
    ]),
  };
}

/** Computes one derived measure for the report's subject. */
export function computeDerived(ctx: ReportContext, metric: DerivedMetric): DerivedResult {
  switch (metric.measure) {
    case 'no-read-within':
      return noReadWithin(ctx, metric);
    case 'install-forecast':
      return installForecast(ctx, metric);
    case 'volume-comparison':
      return volumeComparison(ctx, metric);
    case 'read-before-cos-gain':
    case 'old-supplier-install-before-cos-gain':
      return cosGain(ctx, metric);
  }
}
