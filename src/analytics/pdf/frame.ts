// The cover page and the running footer ("page N of M" and the report title) on every other page.
import type { ReportDocument } from '../document.ts';
import { LEFT } from './page.ts';
import { COLOUR, PAGE, SIZE, TEXT_WIDTH } from './theme.ts';
import { fitText } from './text-metrics.ts';

/** Draws the cover: title, subtitle and cover lines, on the current (first) page. */
export function drawCover(doc: PDFKit.PDFDocument, report: ReportDocument): void {
  doc.rect(0, 0, PAGE.width, 10).fillColor(COLOUR.accent).fill();
  const top = PAGE.height * 0.3;
  doc.font('Helvetica-Bold').fontSize(SIZE.coverTitle).fillColor(COLOUR.accent);
  doc.text(report.title, LEFT, top, { width: TEXT_WIDTH });
  doc.moveDown(0.3);
  doc.font('Helvetica').fontSize(SIZE.coverSubtitle).fillColor(COLOUR.text);
  doc.text(report.subtitle, LEFT, doc.y, { width: TEXT_WIDTH });
  const ruleY = doc.y + 14;
  doc
    .moveTo(LEFT, ruleY)
    .lineTo(LEFT + 120, ruleY)
    .lineWidth(2)
    .strokeColor(COLOUR.accent)
    .stroke();
  doc.font('Helvetica').fontSize(SIZE.coverLine).fillColor(COLOUR.muted);
  doc.y = ruleY + 16;
  for (const line of report.coverLines) {
    doc.text(line, LEFT, doc.y, { width: TEXT_WIDTH, lineGap: 3 });
  }
}

/** Draws the footer on every page but the cover: a thin rule, the title, and "page N of M". */
export function drawFooters(doc: PDFKit.PDFDocument, title: string): void {
  const { start, count } = doc.bufferedPageRange();
  const y = PAGE.height - PAGE.marginBottom + 22;
  for (let index = start + 1; index < start + count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0; // writing below the bottom margin must not start a new page
    doc
      .moveTo(LEFT, y - 6)
      .lineTo(LEFT + TEXT_WIDTH, y - 6)
      .lineWidth(0.4)
      .strokeColor(COLOUR.rule)
      .stroke();
    doc.font('Helvetica').fontSize(SIZE.small).fillColor(COLOUR.muted);
    const pageText = `page ${index + 1} of ${count}`;
    const pageWidth = doc.widthOfString(pageText);
    doc.text(fitText(title, TEXT_WIDTH - pageWidth - 20, { size: SIZE.small }), LEFT, y, {
      lineBreak: false,
    });
    doc.text(pageText, LEFT + TEXT_WIDTH - pageWidth, y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}
