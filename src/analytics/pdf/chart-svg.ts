// One chart block of a report as SVG text: Vega for charts with data, a short note for empty ones.
import type { BarDatum, ChartBand, DocBlock, LineDatum } from '../document.ts';
import { CATEGORY_LABEL_LIMIT, CHART_WIDTH } from './chart-config.ts';
import { OPEN, barSpec, lineSpec } from './chart-spec.ts';
import type { ChartShape } from './chart-spec.ts';
import { renderChartSvg } from './chart-views.ts';
import { tidySvg } from './svg-tidy.ts';
import { COLOUR, SIZE, orderSeries } from './theme.ts';
import { textWidth, wrapText } from './text-metrics.ts';
import { winAnsiBlock } from './winansi.ts';

/** A chart block of the report document. */
export type ChartBlock = Extract<DocBlock, { kind: 'bar-chart' | 'line-chart' }>;

/** Printed in place of a chart that has nothing to plot. */
export const NO_DATA_NOTE = 'No data for this month';

const DAY_MS = 86_400_000;
/** Most categories drawn across the page; more go down it. */
const MAX_CATEGORIES_ACROSS = 12;

function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

function titleLines(title: string): string[] {
  return wrapText(title, CHART_WIDTH - 8, { size: SIZE.chartTitle, bold: true });
}

/** The SVG drawn for a chart with nothing to plot: its title and a note saying so. */
export function emptyChartSvg(title: string): string {
  const lines = titleLines(title);
  const lineHeight = SIZE.chartTitle + 3;
  const noteY = lines.length * lineHeight + 14;
  const text = lines
    .map(
      (line, i) =>
        `<text x="2" y="${(i + 1) * lineHeight}" font-family="Helvetica" font-size="${SIZE.chartTitle}" font-weight="bold" fill="${COLOUR.text}">${escapeXml(line)}</text>`,
    )
    .join('');
  const note = `<text x="2" y="${noteY}" font-family="Helvetica" font-size="${SIZE.body - 1}" font-style="italic" fill="${COLOUR.muted}">${NO_DATA_NOTE}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="${CHART_WIDTH}" height="${noteY + 8}" viewBox="0 0 ${CHART_WIDTH} ${noteY + 8}">${text}${note}</svg>`;
}

/** Whether bar categories need the horizontal layout: too many, or labels too long to sit side by side. */
function barsGoDown(categories: readonly string[]): boolean {
  if (categories.length > MAX_CATEGORIES_ACROSS) return true;
  const room = (CHART_WIDTH - 60) / Math.max(1, categories.length) - 6;
  return categories.some(
    (c) => textWidth(c, SIZE.chartLabel) > Math.min(room, CATEGORY_LABEL_LIMIT),
  );
}

/** Stacked as asked; otherwise side by side, unless no category has more than one bar. */
function arrangement(
  stacked: boolean,
  data: readonly BarDatum[],
): 'grouped' | 'stacked' | 'single' {
  if (stacked) return 'stacked';
  const seen = new Set<string>();
  for (const d of data) {
    if (seen.has(d.category)) return 'grouped';
    seen.add(d.category);
  }
  return 'single';
}

/**
 * A domain for values that are all the same, which Vega would stretch into a zero-height scale
 * (labelled "0.000000"); null when the values vary and the scale can follow them.
 */
function flatDomain(values: readonly number[]): [number, number] | null {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (min !== max) return null;
  return min === 0 ? [0, 1] : [Math.min(0, min), Math.max(0, max)];
}

/**
 * Outer padding of the category scale, in steps, that keeps a category's bars at most about
 * 70 pt wide (side by side: 28 pt a bar), however few categories there are.
 */
function categoryPadding(categories: number, shape: Extract<ChartShape, { kind: 'bar' }>): number {
  const widest = shape.arrangement === 'grouped' ? Math.min(180, 28 * shape.series.length) : 70;
  const plotWidth = CHART_WIDTH - 60;
  const inner = 0.1; // Vega-Lite's default inner padding of bar bands
  return Math.max(inner / 2, ((plotWidth * (1 - inner)) / widest - categories + inner) / 2);
}

function shapeKey(shape: ChartShape): string {
  return JSON.stringify(shape);
}

async function barSvg(block: Extract<ChartBlock, { kind: 'bar-chart' }>): Promise<string> {
  const data = block.data.filter((d: BarDatum) => Number.isFinite(d.value));
  if (data.length === 0) return emptyChartSvg(block.title);
  const series = orderSeries(data.map((d) => d.series));
  const categories = [...new Set(data.map((d) => d.category))];
  const shape: ChartShape = {
    kind: 'bar',
    series,
    arrangement: arrangement(block.stacked === true, data),
    legend: data.some((d) => d.category !== d.series),
    horizontal: barsGoDown(categories),
    yDomain: block.yDomain ?? (data.every((d) => d.value === 0) ? [0, 1] : null),
  };
  const rows = data.map((d) => ({ category: d.category, series: d.series, value: d.value }));
  return renderChartSvg(
    shapeKey(shape),
    () => barSpec(shape),
    (view) => {
      view
        .signal(OPEN.categoryPadding, categoryPadding(categories.length, shape))
        .signal(OPEN.title, titleLines(block.title))
        .signal(OPEN.xTitle, block.xTitle)
        .signal(OPEN.yTitle, block.yTitle)
        .data(OPEN.values, rows);
    },
  );
}

function day(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

/** Bands as time spans covering whole days, clipped to the days on the chart. */
function bandRows(bands: readonly ChartBand[], domain: readonly [number, number]): object[] {
  const [first, last] = [domain[0] - DAY_MS / 2, domain[1] + DAY_MS / 2];
  return bands
    .map((b) => ({
      from: Math.max(first, day(b.from) - DAY_MS / 2),
      to: Math.min(last, day(b.to) + DAY_MS / 2),
      label: b.label,
    }))
    .filter((b) => Number.isFinite(b.from) && Number.isFinite(b.to) && b.to > b.from);
}

async function lineSvg(block: Extract<ChartBlock, { kind: 'line-chart' }>): Promise<string> {
  const data = block.data.filter((d: LineDatum) => Number.isFinite(day(d.x)));
  if (!data.some((d) => d.value !== null && Number.isFinite(d.value))) {
    return emptyChartSvg(block.title);
  }
  const series = orderSeries(data.map((d) => d.series));
  const values = data.flatMap((d) => (d.value === null ? [] : [d.value]));
  const shape: ChartShape = { kind: 'line', series, yDomain: block.yDomain ?? flatDomain(values) };
  const rows = data.map((d) => ({ x: day(d.x), series: d.series, value: d.value }));
  const times = rows.map((r) => r.x);
  const domain: [number, number] = [Math.min(...times), Math.max(...times)];
  const xDomain = domain[0] === domain[1] ? [domain[0] - DAY_MS, domain[1] + DAY_MS] : domain;
  return renderChartSvg(
    shapeKey(shape),
    () => lineSpec(shape),
    (view) => {
      view
        .signal(OPEN.title, titleLines(block.title))
        .signal(OPEN.yTitle, block.yTitle)
        .signal(OPEN.xDomain, xDomain)
        .data(OPEN.values, rows)
        .data(OPEN.bands, bandRows(block.bands ?? [], domain));
    },
  );
}

/** The SVG of a chart block whose text is already within WinAnsi. */
export async function plainChartSvg(block: ChartBlock): Promise<string> {
  const svg = block.kind === 'bar-chart' ? await barSvg(block) : await lineSvg(block);
  return tidySvg(svg);
}

/** The SVG text of one chart block, as drawn into the PDF (sizes in points). */
export function chartSvg(block: ChartBlock): Promise<string> {
  return plainChartSvg(winAnsiBlock(block));
}
