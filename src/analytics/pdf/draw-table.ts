// Tables: header row repeated on every page, thin rules, right-aligned numbers, shaded highlights.
import type { DocBlock } from '../document.ts';
import { LEFT, ensureRoom, gap } from './page.ts';
import { CELL_PAD, layoutTable, type TableLayout } from './table-layout.ts';
import { COLOUR, CONTENT_BOTTOM, SIZE, TEXT_WIDTH } from './theme.ts';
import { textWidth } from './text-metrics.ts';

type Table = Extract<DocBlock, { kind: 'table' }>;

const PAD_Y = 3.5;
const LINE = SIZE.table * 1.2;

/** The font of a row: bold for the header. */
type RowFont = 'Helvetica' | 'Helvetica-Bold';

/** Measures and draws the rows of one laid-out table. */
interface RowPainter {
  /** Height of a row: one line unless some cell is wider than its column. */
  height(cells: readonly string[], font: RowFont): number;
  /** Draws a row's text with its top at the cursor (the cursor does not move). */
  draw(cells: readonly string[], font: RowFont): void;
}

function createRowPainter(doc: PDFKit.PDFDocument, layout: TableLayout): RowPainter {
  const room = (c: number): number => (layout.widths[c] ?? 0) - 2 * CELL_PAD;
  const fits = (text: string, c: number, font: RowFont): boolean =>
    textWidth(text, SIZE.table, font === 'Helvetica-Bold') <= room(c);
  return {
    height(cells, font) {
      let height = LINE;
      cells.forEach((text, c) => {
        if (fits(text, c, font)) return;
        doc.font(font).fontSize(SIZE.table);
        height = Math.max(height, doc.heightOfString(text, { width: room(c), lineGap: 0 }));
      });
      return height + 2 * PAD_Y;
    },
    draw(cells, font) {
      const top = doc.y + PAD_Y;
      doc.font(font).fontSize(SIZE.table).fillColor(COLOUR.text);
      let x = LEFT + CELL_PAD;
      cells.forEach((text, c) => {
        const align = layout.align[c] ?? 'left';
        if (fits(text, c, font)) {
          // One line: place it directly, skipping PDFKit's line wrapper (most cells, and faster).
          const offset = align === 'right' ? room(c) - doc.widthOfString(text) : 0;
          doc.text(text, x + offset, top, { lineBreak: false });
        } else {
          doc.text(text, x, top, { width: room(c), align, lineGap: 0 });
        }
        x += layout.widths[c] ?? 0;
      });
    },
  };
}

function rule(doc: PDFKit.PDFDocument, y: number, strong: boolean): void {
  doc
    .moveTo(LEFT, y)
    .lineTo(LEFT + TEXT_WIDTH, y)
    .lineWidth(strong ? 0.8 : 0.3)
    .strokeColor(strong ? COLOUR.ruleStrong : COLOUR.rule)
    .stroke();
}

/** Draws a table block with its title and footnote, continuing across pages as needed. */
export function drawTable(doc: PDFKit.PDFDocument, block: Table): void {
  const layout = layoutTable(block);
  if (layout.header.length === 0 && block.title === undefined && block.footnote === undefined)
    return;
  const rows = createRowPainter(doc, layout);
  const headerHeight = rows.height(layout.header, 'Helvetica-Bold');
  const heights = layout.rows.map((row) => rows.height(row, 'Helvetica'));
  const highlighted = new Set(block.highlight ?? []);
  const drawHeader = (): void => {
    const top = doc.y;
    rows.draw(layout.header, 'Helvetica-Bold');
    rule(doc, top + headerHeight, true);
    doc.y = top + headerHeight;
  };
  doc.font('Helvetica-Bold').fontSize(SIZE.body);
  const titleHeight =
    block.title === undefined ? 0 : doc.heightOfString(block.title, { width: TEXT_WIDTH }) + 4;
  ensureRoom(doc, titleHeight + headerHeight + (heights[0] ?? 0));
  if (block.title !== undefined) {
    doc.fillColor(COLOUR.text).text(block.title, LEFT, doc.y, { width: TEXT_WIDTH });
    gap(doc, 4);
  }
  if (layout.header.length > 0) drawHeader();
  layout.rows.forEach((row, r) => {
    const height = heights[r] ?? 0;
    if (doc.y + height > CONTENT_BOTTOM) {
      doc.addPage();
      drawHeader();
    }
    const top = doc.y;
    if (highlighted.has(r)) {
      doc.rect(LEFT, top, TEXT_WIDTH, height).fillColor(COLOUR.highlight).fill();
    }
    rows.draw(row, 'Helvetica');
    rule(doc, top + height, false);
    doc.y = top + height;
  });
  if (block.footnote !== undefined) {
    gap(doc, 4);
    doc.font('Helvetica-Oblique').fontSize(SIZE.small).fillColor(COLOUR.muted);
    doc.text(block.footnote, LEFT, doc.y, { width: TEXT_WIDTH });
  }
  gap(doc, 12);
}
