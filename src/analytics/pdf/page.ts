// The flow of blocks down the pages: how much room is left, and when to start a new page.
import { CONTENT_BOTTOM, CONTENT_HEIGHT, PAGE } from './theme.ts';

/** Room left on the current page below the cursor, in points. */
export function roomLeft(doc: PDFKit.PDFDocument): number {
  return CONTENT_BOTTOM - doc.y;
}

/**
 * Starts a new page unless `height` points fit below the cursor; a block taller than a whole page
 * starts at the top of one. Returns whether a page was added.
 */
export function ensureRoom(doc: PDFKit.PDFDocument, height: number): boolean {
  const atTop = doc.y <= PAGE.marginTop + 0.5;
  if (height <= roomLeft(doc) || (atTop && height >= CONTENT_HEIGHT)) return false;
  doc.addPage();
  return true;
}

/** Moves the cursor down by `points`, to leave space between blocks. */
export function gap(doc: PDFKit.PDFDocument, points: number): void {
  doc.y = Math.min(doc.y + points, CONTENT_BOTTOM);
}

/** The left edge of the text column. */
export const LEFT = PAGE.marginX;
