// RFC 4180 CSV: UTF-8, CRLF line ends, a header row, fields quoted only when they must be.
import { stringify } from 'csv-stringify/sync';
import type { Cell } from './document.ts';

/** The CSV text of a header and rows; null cells are empty fields. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return stringify([header as Cell[], ...(rows as Cell[][])], {
    record_delimiter: 'windows',
    cast: { number: (value) => String(value) },
  });
}
