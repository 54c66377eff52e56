// The report's data files: one data set per file, every column documented.
import type { Cell } from './document.ts';
import { comparisonEntries, type Comparison } from './peers.ts';
import type { AnalyticsReport, DayFigures, TimeStats } from './report-model.ts';
import { text } from './rows.ts';

/** One documented column. */
export interface Column {
  readonly name: string;
  readonly description: string;
}

/** One data set: a CSV file of the report. */
export interface Dataset {
  /** File name part, e.g. `process-daily`. */
  readonly id: string;
  readonly title: string;
  readonly columns: readonly Column[];
  /** The rows, or `exported` when the store wrote the file itself (large data sets). */
  readonly rows: readonly (readonly Cell[])[];
  /** The export's partition key suffix: `inventory`, or `alerts|<code>`. */
  readonly exported?: string;
}

const r6 = (v: number | null): number | null => (v === null ? null : Math.round(v * 1e6) / 1e6);
const ms = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
const RATE = 'as a fraction from 0 to 1';

function comparisonRows(prefix: readonly Cell[], c: Comparison): Cell[][] {
  return comparisonEntries(c).map((e) => [
    ...prefix,
    e.parties === undefined ? e.label : `${e.label} (${e.parties} parties)`,
    r6(e.value),
  ]);
}

const stats = (s: TimeStats | null): Cell[] => [
  ms(s?.best ?? null),
  ms(s?.worst ?? null),
  ms(s?.mean ?? null),
  ms(s?.median ?? null),
];

const dayColumns: Column[] = [
  { name: 'volume', description: 'Your requests (or alerts) with an outcome that day' },
  { name: 'failure_rate', description: `Your failures ${RATE}` },
  { name: 'mean_ms', description: 'Your mean round-trip (or delivery) time, milliseconds' },
  { name: 'industry_volume', description: 'All parties in your role' },
  { name: 'industry_failure_rate', description: `Industry failures ${RATE}` },
  { name: 'industry_mean_ms', description: 'Industry mean time, milliseconds' },
  { name: 'incidents', description: 'Category 1 / 2 incidents that touched the day' },
];

/** A day's cells in the order of {@link dayColumns}, after the day itself. */
function dayCells(d: DayFigures): Cell[] {
  return [
    d.day,
    d.volume,
    r6(d.failureRate),
    ms(d.meanMs),
    d.industryVolume,
    r6(d.industryFailureRate),
    ms(d.industryMeanMs),
    d.incidents.join(' '),
  ];
}

/** Every data set of a report, in the order the PDF's contents list them. */
export function reportDatasets(report: AnalyticsReport): Dataset[] {
  const sets: Dataset[] = [];
  const inv = report.inventory;
  sets.push({
    id: 'inventory',
    title: `Every device in your estate at ${inv.at.toISOString()}`,
    columns: [
      { name: 'device_id', description: 'Device ID (EUI-64)' },
      { name: 'device_type', description: 'ESME, GSME, CHF, GPF, IHD, PPMID, HCALCS or CAD' },
      { name: 'manufacturer', description: 'Device manufacturer' },
      { name: 'model', description: 'Device model' },
      { name: 'firmware_version', description: 'Firmware version' },
      { name: 'smets', description: 'SMETS1 or SMETS2' },
      { name: 'region', description: 'Distributor ID (10–23) of the region' },
      { name: 'mpxn', description: 'Supply point (MPAN core or MPRN)' },
      { name: 'status', description: 'SMI status at the snapshot' },
    ],
    rows: [],
    exported: 'inventory',
  });
  sets.push({
    id: 'inventory-firmware',
    title: 'Firmware versions of each of your models against the industry and peers',
    columns: [
      { name: 'model', description: 'Manufacturer and model' },
      { name: 'firmware_version', description: 'Firmware version' },
      { name: 'your_devices', description: 'Your devices of this model on this version' },
      { name: 'series', description: 'You, Industry, an anonymised peer or Other Users' },
      { name: 'share', description: `Share of the model's devices on this version, ${RATE}` },
    ],
    rows: inv.models.flatMap((m) =>
      m.firmware.flatMap((f) => comparisonRows([m.model, f.version, f.devices], f.share)),
    ),
  });
  sets.push({
    id: 'processes',
    title: 'Each business process over the month',
    columns: [
      { name: 'process_id', description: 'Metric ID in the definitions' },
      { name: 'process', description: 'Business process (MP176 Table 1)' },
      { name: 'requests', description: 'Your Service Requests with an outcome this month' },
      { name: 'failures', description: 'Of which failed (a failure response code, N13 or N55)' },
      { name: 'success_rate', description: `Your successes ${RATE}` },
      { name: 'industry_success_rate', description: `All parties in your role, ${RATE}` },
      ...['best', 'worst', 'mean', 'median'].map((s) => ({
        name: `rtt_${s}_ms`,
        description: `Your ${s} round-trip time of successful requests, ms`,
      })),
      ...['best', 'worst', 'mean', 'median'].map((s) => ({
        name: `industry_rtt_${s}_ms`,
        description: `Industry ${s} round-trip time, ms`,
      })),
    ],
    rows: report.processes.map((p) => [
      p.metric.id,
      p.metric.name,
      p.volume,
      p.failures,
      r6(p.successRate.you),
      r6(p.successRate.industry),
      ...stats(p.rtt.you),
      ...stats(p.rtt.industry),
    ]),
  });
  sets.push({
    id: 'process-peers',
    title: 'Success rate of each process: you, the industry and anonymised peers',
    columns: [
      { name: 'process_id', description: 'Metric ID' },
      { name: 'series', description: 'You, Industry, an anonymised peer or Other Users' },
      { name: 'success_rate', description: RATE },
    ],
    rows: report.processes.flatMap((p) => comparisonRows([p.metric.id], p.successRate)),
  });
  sets.push({
    id: 'process-daily',
    title: 'Each process by UK day against the industry average',
    columns: [
      { name: 'process_id', description: 'Metric ID' },
      { name: 'day', description: 'UK calendar day' },
      ...dayColumns,
    ],
    rows: report.processes.flatMap((p) => p.days.map((d) => [p.metric.id, ...dayCells(d)])),
  });
  sets.push({
    id: 'process-splits',
    title: 'Each process split by meter type, region and SMETS version, for the month and by day',
    columns: [
      { name: 'process_id', description: 'Metric ID' },
      { name: 'split', description: 'meter type, region (distributor ID) or SMETS' },
      { name: 'value', description: 'The split value' },
      { name: 'day', description: 'UK calendar day; empty for the whole month' },
      ...dayColumns.slice(0, 6),
    ],
    rows: report.processes.flatMap((p) =>
      p.splits.map((s) => [
        p.metric.id,
        s.split,
        s.value,
        s.day,
        s.volume,
        r6(s.failureRate),
        ms(s.meanMs),
        s.industryVolume,
        r6(s.industryFailureRate),
        ms(s.industryMeanMs),
      ]),
    ),
  });
  sets.push({
    id: 'process-failures',
    title: 'Every failure by SRV, response code and signifiers',
    columns: [
      { name: 'process_id', description: 'Metric ID' },
      { name: 'srv', description: 'Service Reference Variant' },
      { name: 'code', description: 'Response or alert code' },
      { name: 'meter_type', description: 'Business Target device type' },
      { name: 'manufacturer', description: 'Device manufacturer' },
      { name: 'model', description: 'Device model' },
      { name: 'firmware_version', description: 'Firmware version' },
      { name: 'region', description: 'Distributor ID' },
      { name: 'smets', description: 'SMETS version' },
      { name: 'failures', description: 'Failures with these signifiers' },
    ],
    rows: report.processes.flatMap((p) =>
      p.failureRows.map((r) => [
        p.metric.id,
        text(r, 'srv'),
        text(r, 'code'),
        text(r, 'meter_type'),
        text(r, 'manufacturer'),
        text(r, 'model'),
        text(r, 'firmware_version'),
        text(r, 'region'),
        text(r, 'smets'),
        Number(r['failures']),
      ]),
    ),
  });
  for (const p of report.processes) {
    for (const d of p.derived)
      sets.push({ id: d.metric.id, title: d.metric.name, columns: d.columns, rows: d.rows });
  }
  const alerts = report.alerts;
  if (alerts) {
    sets.push({
      id: 'alerts-daily',
      title: 'Alerts sent to you by UK day against the industry average',
      columns: [{ name: 'day', description: 'UK calendar day' }, ...dayColumns],
      rows: alerts.days.map(dayCells),
    });
    sets.push({
      id: 'alerts-summary',
      title: 'Alerts over the month by alert code',
      columns: [
        { name: 'code', description: 'Alert code' },
        { name: 'meaning', description: 'Meaning (where published)' },
        { name: 'alerts', description: 'Alerts sent to you' },
        { name: 'failures', description: 'Of which report a failure' },
        { name: 'delivery_best_ms', description: 'Fastest delivery, ms' },
        { name: 'delivery_worst_ms', description: 'Slowest delivery, ms' },
        { name: 'delivery_mean_ms', description: 'Mean delivery, ms' },
        { name: 'industry_alerts', description: 'All parties in your role' },
        { name: 'industry_failure_rate', description: RATE },
        { name: 'industry_delivery_mean_ms', description: 'ms' },
      ],
      rows: alerts.codes.map((c) => [
        c.code,
        c.meaning,
        c.alerts,
        c.failures,
        ms(c.delivery.best),
        ms(c.delivery.worst),
        ms(c.delivery.mean),
        c.industryAlerts,
        r6(c.industryFailureRate),
        ms(c.industryMeanMs),
      ]),
    });
    for (const code of alerts.codes.map((c) => c.code).sort()) {
      sets.push({
        id: `alerts-${code}`,
        title: `Every ${code} alert sent to you`,
        columns: [
          { name: 'sent_at', description: 'When the DSP sent the alert (UTC)' },
          {
            name: 'request_id',
            description: 'RequestID of the Service Request it concerns, if any',
          },
          { name: 'srv', description: 'SRV of that request, if any' },
          { name: 'device_id', description: 'Device' },
          { name: 'mpxn', description: 'Supply point' },
          { name: 'outcome', description: 'success, or failure when the alert reports one' },
          { name: 'delivery_ms', description: 'From the triggering event to the alert, ms' },
          { name: 'meter_type', description: 'Device type' },
          { name: 'manufacturer', description: 'Device manufacturer' },
          { name: 'model', description: 'Device model' },
          { name: 'firmware_version', description: 'Firmware version' },
          { name: 'region', description: 'Distributor ID' },
          { name: 'smets', description: 'SMETS version' },
        ],
        rows: [],
        exported: `alerts|${code}`,
      });
    }
    for (const m of alerts.measures)
      sets.push({ id: m.metric.id, title: m.metric.name, columns: m.columns, rows: m.rows });
  }
  return sets;
}
