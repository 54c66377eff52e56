// Column widths and alignment of a table: fit the text column, wrap only the widest columns.
import type { DocBlock } from '../document.ts';
import { formatCell, isNumericColumn } from './format.ts';
import { SIZE, TEXT_WIDTH } from './theme.ts';
import { textWidth } from './text-metrics.ts';

type Table = Extract<DocBlock, { kind: 'table' }>;

/** Horizontal padding inside a cell, each side. */
export const CELL_PAD = 5;

/** A table ready to draw: printed text, column widths (summing to the text width), alignment. */
export interface TableLayout {
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
  readonly widths: readonly number[];
  readonly align: readonly ('left' | 'right')[];
}

function naturalWidths(header: readonly string[], rows: readonly (readonly string[])[]): number[] {
  return header.map((title, c) => {
    let widest = textWidth(title, SIZE.table, true);
    for (const row of rows) widest = Math.max(widest, textWidth(row[c] ?? '', SIZE.table));
    return widest + 2 * CELL_PAD;
  });
}

/**
 * Widths that fill the text column: spare room is shared in proportion; when the natural widths
 * are too wide, narrow columns keep theirs and the wide ones share what is left (and wrap).
 */
function fitWidths(natural: readonly number[]): number[] {
  const total = natural.reduce((a, b) => a + b, 0);
  if (total <= TEXT_WIDTH) return natural.map((w) => (w * TEXT_WIDTH) / total);
  const fair = TEXT_WIDTH / natural.length;
  const narrow = natural.filter((w) => w <= fair).reduce((a, b) => a + b, 0);
  const wide = natural.filter((w) => w > fair).reduce((a, b) => a + b, 0);
  const share = (TEXT_WIDTH - narrow) / wide;
  return natural.map((w) => (w <= fair ? w : w * share));
}

/** Lays out a table block for drawing. */
export function layoutTable(block: Table): TableLayout {
  const header = block.columns.map((c) => c.header);
  const rows =
    header.length === 0
      ? []
      : block.rows.map((row) => block.columns.map((_, c) => formatCell(row[c] ?? null)));
  const align = block.columns.map(
    (column, c): 'left' | 'right' =>
      column.align ?? (isNumericColumn(block.rows.map((row) => row[c] ?? null)) ? 'right' : 'left'),
  );
  const widths = header.length === 0 ? [] : fitWidths(naturalWidths(header, rows));
  return { header, rows, widths, align };
}
