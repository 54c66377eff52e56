// Lays a computed report out as a document: cover, sections, charts and tables for the PDF.
import { REGIONS } from '../core/regions.ts';
import { ROLE_NAMES } from '../core/roles.ts';
import type {
  BarDatum,
  ChartBand,
  DocBlock,
  DocSection,
  LineDatum,
  ReportDocument,
} from './document.ts';
import { comparisonEntries, type Comparison } from './peers.ts';
import type { AlertReport, AnalyticsReport, DayFigures, ProcessReport } from './report-model.ts';
import { count, pct, seconds } from './rows.ts';

/** A distributor ID with its region's name, e.g. "10 Eastern". */
function regionLabel(id: string): string {
  const region = REGIONS.find((r) => String(r.distributorId) === id);
  return region ? `${id} ${region.name}` : id;
}

/** Rows a table shows before pointing to the data file. */
const TABLE_ROWS = 40;

function comparisonBars(c: Comparison, scale = 100): BarDatum[] {
  return comparisonEntries(c).map((e) => ({
    category: e.label,
    series: e.group,
    value: e.value * scale,
  }));
}

function notes(c: Comparison): DocBlock[] {
  return c.note ? [{ kind: 'paragraph', text: c.note, tone: 'warning' }] : [];
}

function bands(report: AnalyticsReport, days: readonly DayFigures[]): ChartBand[] {
  return report.incidents.flatMap((i) => {
    const touched = days.filter((d) => d.incidents.includes(i.id)).map((d) => d.day);
    const from = touched[0];
    const to = touched.at(-1);
    return from && to ? [{ from, to, label: `${i.id} (Cat ${i.category})` }] : [];
  });
}

function dailyLines(days: readonly DayFigures[], pick: 'failure' | 'time'): LineDatum[] {
  return days.flatMap((d) => [
    {
      x: d.day,
      series: 'You',
      value:
        pick === 'failure'
          ? d.failureRate === null
            ? null
            : d.failureRate * 100
          : d.meanMs === null
            ? null
            : d.meanMs / 1000,
    },
    {
      x: d.day,
      series: 'Industry',
      value:
        pick === 'failure'
          ? d.industryFailureRate === null
            ? null
            : d.industryFailureRate * 100
          : d.industryMeanMs === null
            ? null
            : d.industryMeanMs / 1000,
    },
  ]);
}

function limited<T>(rows: readonly T[], file: string): { rows: readonly T[]; footnote?: string } {
  return rows.length > TABLE_ROWS
    ? {
        rows: rows.slice(0, TABLE_ROWS),
        footnote: `Showing ${TABLE_ROWS} of ${count(rows.length)} rows; all are in ${file}.`,
      }
    : { rows };
}

function processSection(
  report: AnalyticsReport,
  p: ProcessReport,
  files: (id: string) => string,
): DocSection {
  const blocks: DocBlock[] = [
    {
      kind: 'paragraph',
      text: `SRVs: ${p.metric.srvs.map((s) => `${s.srv} ${s.label}${s.context ? ` [${s.context}]` : ''}`).join('; ')}.`,
      tone: 'note',
    },
  ];
  if (p.metric.note) blocks.push({ kind: 'paragraph', text: p.metric.note, tone: 'note' });
  for (const s of p.metric.srvs)
    if (s.qualifierNote)
      blocks.push({ kind: 'paragraph', text: `${s.srv}: ${s.qualifierNote}`, tone: 'note' });
  blocks.push({
    kind: 'figures',
    items: [
      { label: 'Requests', value: count(p.volume) },
      { label: 'Failures', value: count(p.failures) },
      { label: 'Success rate', value: pct(p.successRate.you) },
      { label: 'Industry', value: pct(p.successRate.industry) },
      { label: 'Median RTT', value: seconds(p.rtt.you.median) },
    ],
  });
  if (p.volume === 0) {
    blocks.push({
      kind: 'paragraph',
      text: 'You sent no Service Requests in this process this month.',
    });
  } else {
    blocks.push(...notes(p.successRate));
    blocks.push({
      kind: 'bar-chart',
      title: `${p.metric.name}: monthly success rate`,
      data: comparisonBars(p.successRate),
      xTitle: 'Party',
      yTitle: 'Success rate (%)',
      yDomain: [0, 100],
    });
    blocks.push({
      kind: 'table',
      title: 'Round-trip time of successful requests (seconds)',
      columns: [
        { header: '' },
        { header: 'Best' },
        { header: 'Worst' },
        { header: 'Mean' },
        { header: 'Median' },
      ],
      rows: [
        [
          'You',
          ...[p.rtt.you.best, p.rtt.you.worst, p.rtt.you.mean, p.rtt.you.median].map(seconds),
        ],
        [
          'Industry',
          ...(p.rtt.industry
            ? [
                p.rtt.industry.best,
                p.rtt.industry.worst,
                p.rtt.industry.mean,
                p.rtt.industry.median,
              ].map(seconds)
            : ['withheld', '', '', '']),
        ],
      ],
    });
    blocks.push({
      kind: 'line-chart',
      title: 'Daily failure rate',
      data: dailyLines(p.days, 'failure'),
      yTitle: 'Failures (%)',
      bands: bands(report, p.days),
    });
    blocks.push({
      kind: 'line-chart',
      title: 'Daily mean round-trip time',
      data: dailyLines(p.days, 'time'),
      yTitle: 'Seconds',
      bands: bands(report, p.days),
    });
    const monthSplits = p.splits.filter((s) => s.day === null);
    blocks.push({
      kind: 'table',
      title: 'By meter type, region and SMETS version',
      columns: [
        { header: 'Split' },
        { header: 'Value' },
        { header: 'Requests' },
        { header: 'Failure %' },
        { header: 'Industry %' },
        { header: 'Mean RTT' },
        { header: 'Industry RTT' },
      ],
      rows: monthSplits.map((s) => [
        s.split,
        s.split === 'region' ? regionLabel(s.value) : s.value,
        s.volume,
        pct(s.failureRate),
        pct(s.industryFailureRate),
        seconds(s.meanMs),
        seconds(s.industryMeanMs),
      ]),
      footnote: `Daily figures for each split are in ${files('process-splits')}.`,
    });
    if (p.codes.length > 0) {
      const t = limited(p.codes, files('process-failures'));
      blocks.push({
        kind: 'table',
        title: 'Failures by response code',
        columns: [
          { header: 'Code' },
          { header: 'Meaning' },
          { header: 'Failures' },
          { header: 'Share' },
          { header: 'Industry share' },
        ],
        rows: t.rows.map((c) => [
          c.code,
          c.meaning,
          c.failures,
          pct(c.share),
          pct(c.industryShare),
        ]),
        footnote: `Every failure with its SRV, device model, firmware, region and SMETS version is in ${files('process-failures')}.`,
      });
    }
  }
  const subsections: DocSection[] = p.derived.map((d) => {
    const dblocks: DocBlock[] = [
      { kind: 'figures', items: d.figures },
      { kind: 'paragraph', text: d.method, tone: 'note' },
    ];
    if (d.comparison && d.comparisonLabel) {
      dblocks.push(...notes(d.comparison));
      dblocks.push({
        kind: 'bar-chart',
        title: d.metric.name,
        data: comparisonBars(d.comparison),
        xTitle: 'Party',
        yTitle: d.comparisonLabel,
        yDomain: [0, 100],
      });
    }
    if (d.daily.length > 0) {
      dblocks.push({
        kind: 'line-chart',
        title: d.metric.name,
        data: d.daily.map((x) => ({ x: x.day, series: x.series, value: x.value })),
        yTitle: 'Per day',
      });
    }
    dblocks.push({ kind: 'paragraph', text: `Data file: ${files(d.metric.id)}.`, tone: 'note' });
    return { id: `${p.metric.id}-${d.metric.id}`, title: d.metric.name, blocks: dblocks };
  });
  return { id: p.metric.id, title: p.metric.name, blocks, subsections };
}

function alertSection(
  report: AnalyticsReport,
  a: AlertReport,
  files: (id: string) => string,
): DocSection {
  const blocks: DocBlock[] = [
    {
      kind: 'figures',
      items: [
        { label: 'Alerts', value: count(a.total) },
        { label: 'Reporting a failure', value: pct(a.failureRate.you) },
        { label: 'Industry', value: pct(a.failureRate.industry) },
      ],
    },
    {
      kind: 'paragraph',
      text: 'An alert counts as a failure when it reports one (N13, N55, 8F67 and the like). Delivery time runs from the event that raised the alert to the DSP sending it.',
      tone: 'note',
    },
    ...notes(a.failureRate),
    {
      kind: 'line-chart',
      title: 'Daily share of alerts reporting a failure',
      data: dailyLines(a.days, 'failure'),
      yTitle: 'Failures (%)',
      bands: bands(report, a.days),
    },
    {
      kind: 'line-chart',
      title: 'Daily mean alert delivery time',
      data: dailyLines(a.days, 'time'),
      yTitle: 'Seconds',
      bands: bands(report, a.days),
    },
    {
      kind: 'table',
      title: 'Monthly summary by alert code',
      columns: [
        { header: 'Code' },
        { header: 'Meaning' },
        { header: 'Alerts' },
        { header: 'Failure %' },
        { header: 'Industry %' },
        { header: 'Mean delivery' },
        { header: 'Industry' },
      ],
      rows: a.codes.map((c) => [
        c.code,
        c.meaning,
        c.alerts,
        pct(c.alerts > 0 ? c.failures / c.alerts : null),
        pct(c.industryFailureRate),
        seconds(c.delivery.mean),
        seconds(c.industryMeanMs),
      ]),
      footnote: `One data file per alert code: ${files('alerts-<code>')}.`,
    },
  ];
  const subsections: DocSection[] = a.measures.map((m) => {
    const t = limited(m.rows, files(m.metric.id));
    return {
      id: m.metric.id,
      title: m.metric.name,
      blocks: [
        { kind: 'figures', items: m.figures },
        {
          kind: 'bar-chart',
          title: m.metric.name,
          data: m.chart,
          xTitle: '',
          yTitle: 'Alerts',
          stacked: true,
        },
        {
          kind: 'table',
          columns: m.columns.map((c) => ({ header: c.name })),
          rows: t.rows,
          ...(t.footnote ? { footnote: t.footnote } : {}),
        },
      ],
    };
  });
  return { id: 'alerts', title: 'Alerts', blocks, subsections };
}

/** The PDF document of a report; `files` names the data file of a data set. */
export function reportDocument(
  report: AnalyticsReport,
  files: (datasetId: string) => string,
): ReportDocument {
  const { subject, month } = report;
  const inv = report.inventory;
  const typeCharts: DocBlock[] = [...inv.byType]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([type, models]) => ({
      kind: 'bar-chart',
      title: `${type}: your devices by model and firmware version`,
      data: [...models].flatMap(([model, fws]) =>
        [...fws].map(([fw, n]) => ({ category: model, series: fw, value: n })),
      ),
      xTitle: 'Model',
      yTitle: 'Devices',
      stacked: true,
    }));
  const modelCharts: DocBlock[] = inv.models.flatMap((m): DocBlock[] => [
    {
      kind: 'bar-chart',
      title: `${m.model}: firmware versions (${count(m.devices)} of your devices)`,
      data: m.firmware.flatMap((f) =>
        comparisonBars(f.share).map((b) => ({
          category: f.version,
          series: b.category,
          value: b.value,
        })),
      ),
      xTitle: 'Firmware version',
      yTitle: 'Share of the model (%)',
      yDomain: [0, 100],
    },
    // Every version of a model compares the same parties (those holding the model): one note.
    ...(m.firmware[0] ? notes(m.firmware[0].share) : []),
  ]);
  const utc = (d: Date): string => `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  const incidentRows = report.incidents.map((i) => [
    i.id,
    `Category ${i.category}`,
    i.title,
    utc(i.from),
    utc(i.to),
  ]);
  const sections: DocSection[] = [
    {
      id: 'about',
      title: 'About this report',
      blocks: [
        {
          kind: 'paragraph',
          text: `Customer Analytics Report (SEC MP176) for ${subject.partyName} as ${ROLE_NAMES[subject.role]}, ${month.title}. User IDs: ${subject.userIds.join(', ')}.`,
        },
        {
          kind: 'paragraph',
          text: `Metric definitions version ${report.definitionsVersion}. Days are UK calendar days; times are Service Audit Trail times. A request counts in the month its outcome (Service Response, or N13 / N55 alert in its place) was recorded.`,
        },
        {
          kind: 'paragraph',
          text: `Anonymity: ${report.anonymity.rule} (minimumPeers ${report.anonymity.minimumPeers}, minimumGroup ${report.anonymity.minimumGroup}).`,
          tone: 'note',
        },
        {
          kind: 'paragraph',
          text: `Where an SRV serves several processes: ${report.contextRules.join(' ')}`,
          tone: 'note',
        },
        report.incidents.length > 0
          ? {
              kind: 'table',
              title: 'Category 1 and 2 incidents this month (shaded on daily charts)',
              columns: [
                { header: 'Incident' },
                { header: 'Category' },
                { header: 'Title' },
                { header: 'From' },
                { header: 'To' },
              ],
              rows: incidentRows,
            }
          : { kind: 'paragraph', text: 'There were no Category 1 or 2 incidents this month.' },
      ],
    },
    {
      id: 'inventory',
      title: 'Inventory',
      blocks: [
        {
          kind: 'figures',
          items: [
            { label: 'Devices at month end', value: count(inv.devices) },
            { label: 'Models', value: count(inv.models.length) },
          ],
        },
        {
          kind: 'paragraph',
          text: `Your estate at ${inv.at.toISOString()}: every device on a supply point where you held the ${ROLE_NAMES[subject.role]} registration. All fields of every device are in ${files('inventory')}.`,
          tone: 'note',
        },
      ],
      subsections: [
        {
          id: 'inventory-types',
          title: 'Models and firmware by device type',
          blocks:
            typeCharts.length > 0
              ? typeCharts
              : [{ kind: 'paragraph', text: 'No devices in your estate at the month end.' }],
        },
        {
          id: 'inventory-models',
          title: 'Firmware by model against the industry and peers',
          blocks:
            modelCharts.length > 0
              ? modelCharts
              : [{ kind: 'paragraph', text: 'No devices in your estate at the month end.' }],
        },
      ],
    },
    ...report.processes.map((p) => processSection(report, p, files)),
    ...(report.alerts ? [alertSection(report, report.alerts, files)] : []),
  ];
  return {
    title: 'Customer Analytics Report',
    subtitle: `${month.title} · ${ROLE_NAMES[subject.role]}`,
    coverLines: [
      subject.partyName,
      `User IDs: ${subject.userIds.join(', ')}`,
      `Metric definitions version ${report.definitionsVersion}`,
      'Prepared by the DCC Data Service Provider (opendsp model)',
    ],
    author: 'opendsp',
    sections,
  };
}
