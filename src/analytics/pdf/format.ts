// How table cells print: thousands separators, at most two decimals, an en dash for no data.
import type { Cell } from '../document.ts';

/** Printed for a null cell: no data. */
export const NO_VALUE = '–';

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** The text of one table cell; strings print as given, numbers as "12,345.67". */
export function formatCell(cell: Cell): string {
  if (cell === null) return NO_VALUE;
  if (typeof cell === 'string') return cell;
  return Number.isFinite(cell) ? NUMBER.format(cell) : NO_VALUE;
}

const NUMERIC_TEXT = /^[-+−]?[£$€]?\d[\d,]*(?:\.\d+)?\s*(?:%|[kKMG]|[a-z]{1,3})?$/;

/** Whether a column reads best right-aligned: it holds numbers (or text that is a number). */
export function isNumericColumn(cells: readonly Cell[]): boolean {
  let numbers = 0;
  for (const cell of cells) {
    if (cell === null) continue;
    if (typeof cell === 'number') numbers++;
    else if (NUMERIC_TEXT.test(cell.trim())) numbers++;
    else return false;
  }
  return numbers > 0;
}
