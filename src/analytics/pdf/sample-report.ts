// A made-up report document using every block kind, for the tests and the timing script.
import type { BarDatum, DocSection, LineDatum, ReportDocument } from '../document.ts';

/** Options of `createSampleReport`. */
export interface SampleReportOptions {
  /** Number of Service Request subsections, each with a line chart and a bar chart (default 4). */
  readonly requestTypes?: number;
  /** Rows in the long daily table (default 212). */
  readonly tableRows?: number;
  /** Seed of the made-up figures (default 1). */
  readonly seed?: number;
}

const SERIES = ['You', 'Industry', 'Peer A', 'Peer B', 'Peer C'];
const MODELS = ['EX-100 1.2.3', 'EX-200 2.0.1', 'Acme SMETS2 Comms Hub 4.5.6', 'Gizmo Meter 3.0.0'];

function days(month: string): string[] {
  return Array.from({ length: 30 }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
}

/** A small deterministic generator, so the sample is the same on every run. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function requestSection(index: number, random: () => number): DocSection {
  const line: LineDatum[] = days('2023-06').flatMap((x, d) =>
    SERIES.map((series, s) => ({
      x,
      series,
      value:
        series === 'You' && (d === 9 || d === 10)
          ? null
          : 92 + s + 4 * Math.sin(d / 4 + s) + random(),
    })),
  );
  const bars: BarDatum[] = ['Success', 'Late', 'Failed'].flatMap((category) =>
    SERIES.map((series) => ({ category, series, value: Math.round(random() * 5000) })),
  );
  return {
    id: `sr-${index}`,
    title: `SRV 4.${index + 1} Read Instantaneous Import Registers`,
    blocks: [
      {
        kind: 'line-chart',
        title: `SRV 4.${index + 1}: Service Responses within target time, per day`,
        yTitle: '% within target',
        data: line,
        bands:
          index === 0
            ? [{ from: '2023-06-12', to: '2023-06-14', label: 'INC0042 Category 2' }]
            : [],
      },
      {
        kind: 'bar-chart',
        title: `SRV 4.${index + 1}: Service Requests by outcome`,
        xTitle: 'Outcome',
        yTitle: 'Service Requests',
        data: bars,
      },
    ],
  };
}

/** Builds the sample report: cover, summary, Service Requests, devices, alerts, incidents, detail. */
export function createSampleReport(options: SampleReportOptions = {}): ReportDocument {
  const random = createRandom(options.seed ?? 1);
  const rows = options.tableRows ?? 212;
  return {
    title: 'Customer Analytics Report',
    subtitle: 'June 2023 · Import Supplier',
    coverLines: [
      'User ID 90-B3-D5-1F-30-01-00-00',
      'Metric definitions version 1.4',
      'Generated 3 July 2023 06:00',
    ],
    author: 'DCC Data Service Provider (opendsp)',
    sections: [
      {
        id: 'summary',
        title: 'Summary',
        blocks: [
          {
            kind: 'figures',
            items: [
              { label: 'Service Requests', value: '1,204,331' },
              { label: 'On time', value: '98.7%' },
              { label: 'Alerts', value: '52,190' },
              { label: 'Devices', value: '310,554' },
              { label: 'Incidents affecting you', value: '1' },
            ],
          },
          {
            kind: 'paragraph',
            text: 'This report compares your use of the DCC Total System with the industry and with anonymised peers of the same User Role.',
          },
          {
            kind: 'paragraph',
            tone: 'warning',
            text: 'Peer group withheld: fewer than five Users of this role were active this month, so peer figures are not shown.',
          },
          {
            kind: 'paragraph',
            tone: 'note',
            text: 'Figures are provisional until the monthly reconciliation closes.',
          },
          {
            kind: 'bar-chart',
            title: 'Monthly success rate',
            xTitle: 'Party',
            yTitle: 'Success rate (%)',
            yDomain: [0, 100],
            data: ['You', 'Industry', 'Peer A', 'Peer B'].map((category) => ({
              category,
              series: category.startsWith('Peer') ? 'Peers' : category,
              value: 90 + random() * 10,
            })),
          },
        ],
      },
      {
        id: 'requests',
        title: 'Service Requests',
        blocks: [
          {
            kind: 'paragraph',
            text: 'One subsection per Service Reference Variant you used this month.',
          },
        ],
        subsections: Array.from({ length: options.requestTypes ?? 4 }, (_, i) =>
          requestSection(i, random),
        ),
      },
      {
        id: 'devices',
        title: 'Devices',
        blocks: [
          {
            kind: 'bar-chart',
            title: 'Alerts per 1,000 devices by device model',
            xTitle: 'Device model and firmware',
            yTitle: 'Alerts per 1,000 devices',
            stacked: false,
            data: MODELS.flatMap((category) =>
              ['You', 'Industry'].map((series) => ({
                category,
                series,
                value: Math.round(random() * 900),
              })),
            ),
          },
          {
            kind: 'bar-chart',
            title: 'Share of Service Responses by outcome',
            xTitle: 'Week',
            yTitle: 'Share (%)',
            stacked: true,
            yDomain: [0, 100],
            data: ['Week 1', 'Week 2', 'Week 3', 'Week 4'].flatMap((category) =>
              [
                ['Success', 91],
                ['Late', 6],
                ['Failed', 3],
              ].map(([series, value]) => ({
                category,
                series: String(series),
                value: Number(value),
              })),
            ),
          },
        ],
      },
      {
        id: 'incidents',
        title: 'Incidents',
        blocks: [
          {
            kind: 'paragraph',
            tone: 'warning',
            text: 'INC0042 (Category 2), 12–14 June: delayed Service Responses for SRV 4.1.',
          },
          {
            kind: 'bar-chart',
            title: 'Alerts raised during incidents',
            xTitle: 'Alert',
            yTitle: 'Alerts',
            data: [],
          },
        ],
      },
      {
        id: 'detail',
        title: 'Daily detail',
        blocks: [
          {
            kind: 'table',
            title: 'Service Requests per day',
            columns: [
              { header: 'Date' },
              { header: 'SRV' },
              { header: 'Requests' },
              { header: 'On time (%)' },
              { header: 'Median response (s)' },
            ],
            rows: Array.from({ length: rows }, (_, r) => [
              `2023-06-${String((r % 30) + 1).padStart(2, '0')}`,
              `4.${(r % 4) + 1}`,
              Math.round(10_000 + random() * 2_000_000),
              r % 17 === 5 ? null : 95 + random() * 5,
              Math.round(random() * 4000) / 1000,
            ]),
            highlight: [11, 12, 13],
            footnote: `Showing ${rows} of ${rows} rows; all rows are in file daily-detail.csv.`,
          },
        ],
      },
    ],
  };
}
