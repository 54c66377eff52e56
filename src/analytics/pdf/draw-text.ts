// Headings, paragraphs (normal, note, warning) and rows of headline figures.
import type { DocBlock } from '../document.ts';
import { LEFT, ensureRoom, gap } from './page.ts';
import { COLOUR, CONTENT_HEIGHT, SIZE, TEXT_WIDTH } from './theme.ts';

type Paragraph = Extract<DocBlock, { kind: 'paragraph' }>;
type Figures = Extract<DocBlock, { kind: 'figures' }>;

/** Space kept under a heading for the start of its first block, so a heading never ends a page. */
const KEEP_WITH_NEXT = 90;

/** Draws a section (level 1) or subsection (level 2) heading; returns the y it starts at. */
export function drawHeading(doc: PDFKit.PDFDocument, title: string, level: 1 | 2): number {
  const size = level === 1 ? SIZE.h1 : SIZE.h2;
  doc.font('Helvetica-Bold').fontSize(size);
  const height = doc.heightOfString(title, { width: TEXT_WIDTH });
  if (level === 2) gap(doc, 6);
  ensureRoom(doc, height + KEEP_WITH_NEXT);
  const top = doc.y;
  doc
    .fillColor(level === 1 ? COLOUR.accent : COLOUR.text)
    .text(title, LEFT, top, { width: TEXT_WIDTH });
  if (level === 1) {
    doc
      .moveTo(LEFT, doc.y + 2)
      .lineTo(LEFT + TEXT_WIDTH, doc.y + 2)
      .lineWidth(0.75)
      .strokeColor(COLOUR.accent)
      .stroke();
    gap(doc, 6);
  }
  gap(doc, 6);
  return top;
}

/** Draws a paragraph: plain, a grey italic note, or a boxed warning that stays on one page. */
export function drawParagraph(doc: PDFKit.PDFDocument, block: Paragraph): void {
  const tone = block.tone ?? 'normal';
  const options = { width: TEXT_WIDTH, lineGap: 2 };
  switch (tone) {
    case 'normal':
      doc.font('Helvetica').fontSize(SIZE.body).fillColor(COLOUR.text);
      ensureRoom(doc, doc.currentLineHeight(true) * 2);
      doc.text(block.text, LEFT, doc.y, options);
      break;
    case 'note':
      doc
        .font('Helvetica-Oblique')
        .fontSize(SIZE.body - 1)
        .fillColor(COLOUR.muted);
      ensureRoom(doc, doc.currentLineHeight(true) * 2);
      doc.text(block.text, LEFT, doc.y, options);
      break;
    case 'warning':
      drawWarning(doc, block.text);
      break;
  }
  gap(doc, 8);
}

function drawWarning(doc: PDFKit.PDFDocument, text: string): void {
  const pad = 8;
  const inner = { width: TEXT_WIDTH - 2 * pad - 6, lineGap: 2 };
  doc.font('Helvetica').fontSize(SIZE.body);
  const height = Math.min(doc.heightOfString(text, inner) + 2 * pad, CONTENT_HEIGHT);
  ensureRoom(doc, height);
  const top = doc.y;
  doc.rect(LEFT, top, TEXT_WIDTH, height).fillColor(COLOUR.warningFill).fill();
  doc.rect(LEFT, top, 3.5, height).fillColor(COLOUR.warningEdge).fill();
  doc.fillColor(COLOUR.warningText).text(text, LEFT + pad + 6, top + pad, inner);
  doc.y = top + height;
}

/** Draws headline figures as a row (or balanced rows) of labelled boxes, at most five to a row. */
export function drawFigures(doc: PDFKit.PDFDocument, block: Figures): void {
  const rows = Math.max(1, Math.ceil(block.items.length / 5));
  const perRow = Math.max(1, Math.ceil(block.items.length / rows));
  const spacing = 8;
  const width = (TEXT_WIDTH - spacing * (perRow - 1)) / perRow;
  const inner = width - 16;
  for (let start = 0; start < block.items.length; start += perRow) {
    const row = block.items.slice(start, start + perRow);
    doc.font('Helvetica').fontSize(SIZE.figureLabel);
    const labelHeight = Math.max(...row.map((i) => doc.heightOfString(i.label, { width: inner })));
    doc.font('Helvetica-Bold').fontSize(SIZE.figureValue);
    const valueHeight = Math.max(...row.map((i) => doc.heightOfString(i.value, { width: inner })));
    const height = 8 + labelHeight + 4 + valueHeight + 6;
    ensureRoom(doc, height);
    const top = doc.y;
    row.forEach((item, i) => {
      const x = LEFT + i * (width + spacing);
      doc.rect(x, top, width, height).fillColor(COLOUR.panel).fill();
      doc.rect(x, top, width, 2).fillColor(COLOUR.accent).fill();
      doc.font('Helvetica').fontSize(SIZE.figureLabel).fillColor(COLOUR.muted);
      doc.text(item.label, x + 8, top + 8, { width: inner });
      doc.font('Helvetica-Bold').fontSize(SIZE.figureValue).fillColor(COLOUR.text);
      doc.text(item.value, x + 8, top + 12 + labelHeight, { width: inner });
    });
    doc.y = top + height + spacing;
  }
  gap(doc, 4);
}
