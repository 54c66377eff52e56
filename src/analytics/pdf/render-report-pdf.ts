// Lays a report document out as an A4 PDF: cover, contents, sections with their blocks, footers.
//
// Charts are rendered to SVG first (the only asynchronous step); the layout that follows is
// synchronous. Pages are buffered so the contents and "page N of M" can be written at the end.
import PDFDocument from 'pdfkit';
import type { DocBlock, DocSection, ReportDocument } from '../document.ts';
import { plainChartSvg, type ChartBlock } from './chart-svg.ts';
import { contentsPageCount, countEntries, destinationOf, fillContents } from './contents.ts';
import type { ContentsEntry } from './contents.ts';
import { drawChart } from './draw-chart.ts';
import { drawTable } from './draw-table.ts';
import { drawFigures, drawHeading, drawParagraph } from './draw-text.ts';
import { drawCover, drawFooters } from './frame.ts';
import { PAGE } from './theme.ts';
import { winAnsiReport } from './winansi.ts';

/** Options of `renderReportPdf`. */
export interface RenderReportPdfOptions {
  /** Written as the PDF's creation date; fixing it makes the bytes reproducible. */
  readonly generatedAt?: Date;
}

/**
 * Outline entries open on the page they name, whole page in view. (`fit` is a PDFKit option that
 * @types/pdfkit does not list; without it PDFKit's default destination scrolls to the right edge.)
 */
const OUTLINE_ITEM: { readonly expanded: boolean; readonly fit: boolean } = {
  expanded: true,
  fit: true,
};

function isChart(block: DocBlock): block is ChartBlock {
  return block.kind === 'bar-chart' || block.kind === 'line-chart';
}

function allBlocks(sections: readonly DocSection[]): DocBlock[] {
  return sections.flatMap((s) => [...s.blocks, ...allBlocks(s.subsections ?? [])]);
}

/** Renders every chart of the report, one after another (they share pooled Vega views). */
async function renderCharts(report: ReportDocument): Promise<Map<ChartBlock, string>> {
  const svgs = new Map<ChartBlock, string>();
  for (const block of allBlocks(report.sections).filter(isChart)) {
    svgs.set(block, await plainChartSvg(block));
  }
  return svgs;
}

function currentPage(doc: PDFKit.PDFDocument): number {
  const { start, count } = doc.bufferedPageRange();
  return start + count - 1;
}

function drawBlock(
  doc: PDFKit.PDFDocument,
  block: DocBlock,
  charts: Map<ChartBlock, string>,
): void {
  switch (block.kind) {
    case 'paragraph':
      drawParagraph(doc, block);
      return;
    case 'figures':
      drawFigures(doc, block);
      return;
    case 'table':
      drawTable(doc, block);
      return;
    case 'bar-chart':
    case 'line-chart':
      drawChart(doc, charts.get(block) ?? '');
      return;
  }
}

interface SectionContext {
  readonly doc: PDFKit.PDFDocument;
  readonly charts: Map<ChartBlock, string>;
  readonly entries: ContentsEntry[];
}

function drawSection(
  context: SectionContext,
  section: DocSection,
  parent: PDFKit.PDFOutline,
): void {
  const { doc, charts, entries } = context;
  const level = parent === doc.outline ? 1 : 2;
  if (level === 1) doc.addPage();
  const top = drawHeading(doc, section.title, level);
  const destination = destinationOf(section);
  doc.addNamedDestination(destination, 'XYZ', null, top, null);
  entries.push({ title: section.title, level, page: currentPage(doc), destination });
  const item = parent.addItem(section.title, OUTLINE_ITEM);
  for (const block of section.blocks) drawBlock(doc, block, charts);
  for (const sub of section.subsections ?? []) drawSection(context, sub, item);
}

function createPdf(report: ReportDocument, generatedAt: Date | undefined): PDFKit.PDFDocument {
  const dates =
    generatedAt === undefined ? {} : { CreationDate: generatedAt, ModDate: generatedAt };
  return new PDFDocument({
    size: 'A4',
    margins: {
      top: PAGE.marginTop,
      bottom: PAGE.marginBottom,
      left: PAGE.marginX,
      right: PAGE.marginX,
    },
    bufferPages: true,
    autoFirstPage: false,
    displayTitle: true,
    info: {
      Title: report.title,
      Subject: report.subtitle,
      Author: report.author,
      Creator: 'opendsp',
      Producer: 'opendsp (PDFKit)',
      ...dates,
    },
  });
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    doc.on('error', reject);
  });
}

/** Renders one report document to PDF bytes (A4). */
export async function renderReportPdf(
  document: ReportDocument,
  options: RenderReportPdfOptions = {},
): Promise<Buffer> {
  const report = winAnsiReport(document);
  const charts = await renderCharts(report);
  const doc = createPdf(report, options.generatedAt);
  const done = collect(doc);
  doc.addPage();
  drawCover(doc, report);
  const contentsPages = contentsPageCount(countEntries(report.sections));
  for (let i = 0; i < contentsPages; i++) {
    doc.addPage();
    if (i === 0) doc.outline.addItem('Contents', OUTLINE_ITEM);
  }
  const context: SectionContext = { doc, charts, entries: [] };
  for (const section of report.sections) drawSection(context, section, doc.outline);
  fillContents(doc, 1, context.entries);
  drawFooters(doc, report.title);
  doc.end();
  return done;
}
