// Prints benchmark results as a table, each figure beside the machine's own limit.

/** One benchmark row. */
export interface BenchRow {
  readonly measure: string;
  readonly value: string;
  readonly target: string;
  readonly limit: string;
  readonly note: string;
}

/** Renders rows as an aligned text table. */
export function renderTable(rows: readonly BenchRow[]): string {
  const headers = ['measure', 'value', 'target', 'machine limit (same run)', 'note'];
  const cells = rows.map((r) => [r.measure, r.value, r.target, r.limit, r.note]);
  const widths = headers.map((h, i) =>
    Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)),
  );
  const line = (c: readonly string[]): string =>
    c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join(
    '\n',
  );
}

/** Formats a number with thousands separators. */
export const n = (x: number, digits = 0): string =>
  x.toLocaleString('en-GB', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Formats bytes per second as MB/s. */
export const mbps = (bytesPerSecond: number): string => `${n(bytesPerSecond / 1e6, 0)} MB/s`;
