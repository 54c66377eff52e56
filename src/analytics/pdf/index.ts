// The Customer Analytics Report as PDF (SEC modification MP176): layout, charts and tables.
export { renderReportPdf, type RenderReportPdfOptions } from './render-report-pdf.ts';
export { chartSvg, emptyChartSvg, NO_DATA_NOTE, type ChartBlock } from './chart-svg.ts';
export { formatCell, NO_VALUE } from './format.ts';
export { orderSeries, seriesColours } from './theme.ts';
