// Vega-Lite specs for the report's charts, one per chart shape, with the text and data left open.
//
// A spec depends only on a chart's shape (kind, orientation, stacking, fixed domain, series), never
// on its title or data: titles arrive as Vega signals and rows as named data sets, so one compiled
// and parsed spec serves every chart of that shape (see chart-views.ts).
import type { TopLevelSpec } from 'vega-lite';
import { CATEGORY_LABEL_LIMIT, CHART_CONFIG, CHART_HEIGHT, CHART_WIDTH } from './chart-config.ts';
import { COLOUR, SIZE, seriesColours } from './theme.ts';

/** What fixes a chart's spec; charts with equal shapes share one compiled Vega view. */
export type ChartShape =
  | {
      readonly kind: 'bar';
      readonly series: readonly string[];
      /**
       * `grouped`: the series of a category side by side; `stacked`: on top of each other;
       * `single`: one bar per category (each category belongs to one series).
       */
      readonly arrangement: 'grouped' | 'stacked' | 'single';
      /** Whether the legend is worth its space (not when the bars are already labelled by series). */
      readonly legend: boolean;
      /** Categories down the page (long or many labels) instead of across it. */
      readonly horizontal: boolean;
      readonly yDomain: readonly [number, number] | null;
    }
  | {
      readonly kind: 'line';
      readonly series: readonly string[];
      readonly yDomain: readonly [number, number] | null;
    };

/** Names of the signals and data sets a spec leaves open. */
export const OPEN = {
  title: 'chartTitle',
  xTitle: 'xTitle',
  yTitle: 'yTitle',
  xDomain: 'xDomain',
  values: 'values',
  bands: 'bands',
  categoryPadding: 'categoryPadding',
} as const;

const params = [
  { name: OPEN.title, value: '' },
  { name: OPEN.xTitle, value: '' },
  { name: OPEN.yTitle, value: '' },
];

/** Colour by series, in legend order, with the report's fixed colour per series name. */
function colour(series: readonly string[], legend = true) {
  return {
    field: 'series',
    type: 'nominal' as const,
    scale: { domain: [...series], range: seriesColours(series) },
    sort: [...series],
    ...(legend ? {} : { legend: null }),
  };
}

/** A fixed value domain when given; otherwise bars start at zero and lines fit their data. */
function valueScale(
  domain: readonly [number, number] | null,
  zero: boolean,
): { zero?: boolean; domain?: number[]; nice?: boolean } {
  return domain === null ? { zero } : { domain: [...domain], nice: false };
}

/** The Vega-Lite spec of a bar chart of the given shape, reading `values` rows. */
export function barSpec(shape: Extract<ChartShape, { kind: 'bar' }>): TopLevelSpec {
  const categoryAxis = {
    title: { signal: OPEN.xTitle },
    labelAngle: 0,
    labelLimit: shape.horizontal ? CATEGORY_LABEL_LIMIT : 0,
  };
  const valueAxis = { title: { signal: OPEN.yTitle } };
  const scale = valueScale(shape.yDomain, true);
  const stack = shape.arrangement === 'stacked' ? 'zero' : null;
  const grouped = shape.arrangement === 'grouped';
  const offset = grouped ? { field: 'series', sort: [...shape.series] } : undefined;
  const step = grouped ? Math.max(16, shape.series.length * 6 + 4) : 16;
  // Across the page, few categories would make bars as wide as the chart: pad the outer ends.
  const categoryScale = shape.horizontal ? {} : { paddingOuter: { expr: OPEN.categoryPadding } };
  return {
    config: CHART_CONFIG,
    params: [...params, { name: OPEN.categoryPadding, value: 0.05 }],
    title: { text: { expr: OPEN.title } },
    data: { name: OPEN.values },
    width: CHART_WIDTH,
    height: shape.horizontal ? { step, for: 'position' } : CHART_HEIGHT,
    autosize: { type: shape.horizontal ? 'fit-x' : 'fit', contains: 'padding' },
    // A fixed domain may be narrower than the data: clip rather than draw over the axis and title.
    mark: { type: 'bar', clip: shape.yDomain !== null },
    encoding: shape.horizontal
      ? {
          y: { field: 'category', type: 'nominal', sort: null, axis: categoryAxis },
          x: { field: 'value', type: 'quantitative', stack, scale, axis: valueAxis },
          ...(offset === undefined ? {} : { yOffset: offset }),
          color: colour(shape.series, shape.legend),
        }
      : {
          x: {
            field: 'category',
            type: 'nominal',
            sort: null,
            scale: categoryScale,
            axis: categoryAxis,
          },
          y: { field: 'value', type: 'quantitative', stack, scale, axis: valueAxis },
          ...(offset === undefined ? {} : { xOffset: offset }),
          color: colour(shape.series, shape.legend),
        },
  };
}

/** The Vega-Lite spec of a daily line chart of the given shape, reading `values` and `bands`. */
export function lineSpec(shape: Extract<ChartShape, { kind: 'line' }>): TopLevelSpec {
  const scale = { type: 'utc', domain: { expr: OPEN.xDomain } } as const;
  return {
    config: CHART_CONFIG,
    params: [...params, { name: OPEN.xDomain, value: [0, 1] }],
    title: { text: { expr: OPEN.title } },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: 'fit', contains: 'padding' },
    layer: [
      {
        data: { name: OPEN.bands },
        mark: { type: 'rect', color: COLOUR.band, opacity: 0.14, clip: true },
        encoding: {
          x: { field: 'from', type: 'temporal', scale },
          x2: { field: 'to' },
        },
      },
      {
        data: { name: OPEN.bands },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          dx: 2,
          dy: 2,
          fontSize: SIZE.chartLabel - 0.5,
          color: '#a33a18',
          limit: 120,
        },
        encoding: {
          x: { field: 'from', type: 'temporal', scale },
          y: { value: 0 },
          text: { field: 'label' },
        },
      },
      {
        data: { name: OPEN.values },
        // Null values break the line: a day without data is a gap, not a slope to the next day.
        mark: {
          type: 'line',
          invalid: 'break-paths-show-domains',
          strokeJoin: 'round',
          clip: shape.yDomain !== null,
        },
        encoding: {
          x: {
            field: 'x',
            type: 'temporal',
            scale,
            axis: {
              title: null,
              format: '%e %b',
              tickCount: { interval: 'day', step: 7 },
              labelOverlap: true,
            },
          },
          y: {
            field: 'value',
            type: 'quantitative',
            scale: valueScale(shape.yDomain, false),
            axis: { title: { signal: OPEN.yTitle } },
          },
          color: colour(shape.series),
          strokeWidth: { condition: { test: "datum.series === 'You'", value: 2.4 }, value: 1.4 },
        },
      },
    ],
  };
}
