// The look shared by every chart: size on the page, type, axes and legend (a Vega-Lite config).
import type { Config } from 'vega-lite';
import { COLOUR, SIZE, TEXT_WIDTH } from './theme.ts';

/** Whole chart width in points, axes and legend included: the text width of the page. */
export const CHART_WIDTH = Math.floor(TEXT_WIDTH);
/** Whole height of vertical bar and line charts, title and legend included (autosize "fit"). */
export const CHART_HEIGHT = 200;
/** Widest category label on a horizontal bar chart before it is cut with an ellipsis. */
export const CATEGORY_LABEL_LIMIT = 170;

const TEXT = '#333333';

/** The Vega-Lite config every chart shares: Helvetica, the report's type sizes, quiet axes. */
export const CHART_CONFIG: Config = {
  font: 'Helvetica',
  aria: false,
  padding: { left: 2, right: 6, top: 2, bottom: 2 },
  view: { stroke: null },
  title: {
    anchor: 'start',
    fontSize: SIZE.chartTitle,
    fontWeight: 'bold',
    color: COLOUR.text,
    offset: 8,
    lineHeight: SIZE.chartTitle + 3,
  },
  axis: {
    labelFontSize: SIZE.chartLabel,
    titleFontSize: SIZE.chartAxisTitle,
    titleFontWeight: 'bold',
    labelColor: TEXT,
    titleColor: TEXT,
    domainColor: '#8c8c8c',
    tickColor: '#8c8c8c',
    gridColor: '#e4e4e4',
    labelPadding: 3,
    // Labels and grid lines carry the scale; tick marks would only add drawing work.
    ticks: false,
  },
  axisQuantitative: { tickCount: 5, grid: true, domain: false },
  axisBand: { grid: false },
  axisTemporal: { grid: false },
  legend: {
    orient: 'bottom',
    direction: 'horizontal',
    title: null,
    labelFontSize: SIZE.chartLabel,
    labelColor: TEXT,
    symbolSize: 70,
    columnPadding: 12,
    // Wrap onto a second row rather than run past the right edge when there are many peers.
    columns: 6,
  },
};
