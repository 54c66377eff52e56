// Places a chart's SVG into the PDF as vectors (svg-to-pdfkit), on a new page if it does not fit.
import SVGtoPDF from 'svg-to-pdfkit';
import { LEFT, ensureRoom, gap } from './page.ts';
import { CONTENT_HEIGHT, TEXT_WIDTH } from './theme.ts';

/** Width and height of an SVG document from its root element's attributes. */
export function svgSize(svg: string): { readonly width: number; readonly height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)/.exec(root)?.[1] ?? TEXT_WIDTH);
  const height = Number(/\sheight="([\d.]+)/.exec(root)?.[1] ?? 0);
  return { width, height };
}

/** Chart text is always Helvetica, the font Vega measured it with (see text-metrics.ts). */
function helvetica(_family: string, bold: boolean, italic: boolean): string {
  if (bold) return italic ? 'Helvetica-BoldOblique' : 'Helvetica-Bold';
  return italic ? 'Helvetica-Oblique' : 'Helvetica';
}

const SVG_OPTIONS = {
  assumePt: true,
  fontCallback: helvetica,
  warningCallback: (): void => undefined,
} as const;

/** Draws one chart at the cursor, scaled down only if it is wider or taller than a page allows. */
export function drawChart(doc: PDFKit.PDFDocument, svg: string): void {
  const { width, height } = svgSize(svg);
  const scale = Math.min(1, TEXT_WIDTH / width, CONTENT_HEIGHT / height);
  ensureRoom(doc, height * scale);
  const top = doc.y;
  SVGtoPDF(doc, svg, LEFT, top, { ...SVG_OPTIONS, width: width * scale, height: height * scale });
  doc.y = top + height * scale;
  gap(doc, 14);
}
