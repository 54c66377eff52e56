// The contents page(s): reserved before the sections are drawn, filled in once their pages are known.
import type { DocSection } from '../document.ts';
import { LEFT } from './page.ts';
import { COLOUR, CONTENT_HEIGHT, PAGE, SIZE, TEXT_WIDTH } from './theme.ts';
import { fitText } from './text-metrics.ts';

/** One line of the contents: a section or subsection and the page (0-based) it starts on. */
export interface ContentsEntry {
  readonly title: string;
  readonly level: 1 | 2;
  readonly page: number;
  /** Named destination the line links to. */
  readonly destination: string;
}

/** Height of one contents line. */
const ROW = 17;
/** Space the "Contents" heading takes on the first contents page. */
const HEADING = 44;
const NUMBER_WIDTH = 36;

/** How many lines fit on contents page `index` (0 = the first, under the heading). */
function capacity(index: number): number {
  return Math.floor((CONTENT_HEIGHT - (index === 0 ? HEADING : 0)) / ROW);
}

/** Number of lines the contents will have: every section and subsection. */
export function countEntries(sections: readonly DocSection[]): number {
  return sections.reduce((n, s) => n + 1 + (s.subsections?.length ?? 0), 0);
}

/** Number of pages to reserve for `entries` contents lines. */
export function contentsPageCount(entries: number): number {
  let pages = 1;
  for (let left = entries - capacity(0); left > 0; left -= capacity(pages)) pages++;
  return pages;
}

/** The named destination of a section: its stable anchor, prefixed to keep PDF names apart. */
export function destinationOf(section: DocSection): string {
  return `section-${section.id}`;
}

function drawEntry(doc: PDFKit.PDFDocument, entry: ContentsEntry, y: number): void {
  const indent = entry.level === 1 ? 0 : 16;
  const bold = entry.level === 1;
  const size = entry.level === 1 ? SIZE.body : SIZE.body - 0.5;
  const room = TEXT_WIDTH - indent - NUMBER_WIDTH - 8;
  const title = fitText(entry.title, room, { size, bold });
  const pageText = String(entry.page + 1);
  doc
    .font(bold ? 'Helvetica-Bold' : 'Helvetica')
    .fontSize(size)
    .fillColor(COLOUR.text);
  doc.text(title, LEFT + indent, y, { lineBreak: false });
  const titleEnd = LEFT + indent + doc.widthOfString(title) + 4;
  const numberStart = LEFT + TEXT_WIDTH - doc.widthOfString(pageText);
  doc.text(pageText, numberStart, y, { lineBreak: false });
  if (numberStart - 4 > titleEnd) {
    const base = y + size * 0.85;
    doc.moveTo(titleEnd, base).lineTo(numberStart - 4, base);
    doc.lineWidth(0.6).dash(0.6, { space: 2.4 }).strokeColor(COLOUR.rule).stroke().undash();
  }
  doc.goTo(LEFT, y - 2, TEXT_WIDTH, ROW - 2, entry.destination);
}

/** Writes the contents onto the reserved pages, starting at page index `first`. */
export function fillContents(
  doc: PDFKit.PDFDocument,
  first: number,
  entries: readonly ContentsEntry[],
): void {
  let page = 0;
  let used = 0;
  doc.switchToPage(first);
  doc.font('Helvetica-Bold').fontSize(SIZE.h1).fillColor(COLOUR.accent);
  doc.text('Contents', LEFT, PAGE.marginTop, { lineBreak: false });
  let y = PAGE.marginTop + HEADING;
  for (const entry of entries) {
    if (used === capacity(page)) {
      page++;
      used = 0;
      doc.switchToPage(first + page);
      y = PAGE.marginTop;
    }
    drawEntry(doc, entry, y);
    y += ROW;
    used++;
  }
}
