// Reads a time range of the audit trail window by window, handing records over in chunks.
//
// Each window is one ordinary query (a time-bounded range that zone maps or a BRIN index
// narrow), so no cursor or connection is held while the caller works on a chunk, and the
// caller may use the store from inside `onChunk`.
import { InvalidValueError } from '../core/errors.ts';
import type { AuditHeader } from '../audit/records.ts';
import type { ScanOptions, TimeRange } from './audit-port.ts';

/** Length of one scan window: an hour of traffic (a few tens of thousands of records at GB scale). */
export const SCAN_WINDOW_MS = 3_600_000;

/** What an engine gives the scan: the headers in [from, to), oldest first. */
export type WindowReader = (window: Required<TimeRange>) => Promise<AuditHeader[]>;

/** Options for {@link scanWindows}. */
export interface ScanWindowsOptions extends ScanOptions {
  readonly read: WindowReader;
  readonly onChunk: (chunk: readonly AuditHeader[]) => void | Promise<void>;
}

/** Scans [from, to) one window at a time; returns the number of records handed over. */
export async function scanWindows(
  range: Required<TimeRange>,
  options: ScanWindowsOptions,
): Promise<number> {
  const chunkSize = options.chunkSize ?? 10_000;
  if (!Number.isInteger(chunkSize) || chunkSize < 1) {
    throw new InvalidValueError('chunkSize', chunkSize, 'expected a whole number above 0');
  }
  let total = 0;
  let pending: AuditHeader[] = [];
  const end = range.to.getTime();
  for (let start = range.from.getTime(); start < end; start += SCAN_WINDOW_MS) {
    const window = { from: new Date(start), to: new Date(Math.min(end, start + SCAN_WINDOW_MS)) };
    const rows = await options.read(window);
    total += rows.length;
    pending = pending.length === 0 ? rows : pending.concat(rows);
    while (pending.length >= chunkSize) {
      await options.onChunk(pending.slice(0, chunkSize));
      pending = pending.slice(chunkSize);
    }
  }
  if (pending.length > 0) await options.onChunk(pending);
  return total;
}
