// CSV export of a search (RFC 4180): titles only, at most EXPORT_LIMIT rows, else a clear refusal.
import { ROLE_NAMES } from '../../core/roles.ts';
import type { AuditTitle } from '../../audit/records.ts';
import { searchAs, titleRow, type Asker } from './audit-views.ts';
import { csvRow } from './csv.ts';
import { recordKey } from './record-json.ts';
import type { SearchQuery } from './search-query.ts';

/** Most rows one export may hold. */
export const EXPORT_LIMIT = 10_000;

/** The CSV header. */
export const EXPORT_COLUMNS = [
  'key',
  'time',
  'kind',
  'srv',
  'srv_name',
  'device_id',
  'mpxn',
  'request_id',
  'code',
  'outcome',
  'originator_role',
  'round_trip_ms',
] as const;

/** An export, or the refusal when the search matches more rows than an export may hold. */
export type ExportResult =
  | { readonly ok: true; readonly csv: string; readonly rows: number }
  | { readonly ok: false; readonly message: string };

function line(t: AuditTitle): string {
  return csvRow([
    recordKey(t),
    t.at.toISOString(),
    t.kind,
    t.srv,
    t.srvName,
    t.deviceId,
    t.mpxn,
    t.requestId,
    t.code,
    t.outcome,
    t.originatorRole ? ROLE_NAMES[t.originatorRole] : null,
    t.roundTripMs,
  ]);
}

/** Runs the search page by page and writes the CSV, refusing beyond the export limit. */
export async function exportCsv(asker: Asker, query: SearchQuery): Promise<ExportResult> {
  const limit = asker.deps.exportLimit ?? EXPORT_LIMIT;
  const lines: string[] = [csvRow(EXPORT_COLUMNS)];
  let after: string | undefined;
  let rows = 0;
  do {
    const page = await searchAs(asker, { ...query, limit: 500, after });
    for (const item of page.items) {
      rows += 1;
      if (rows > limit) {
        return {
          ok: false,
          message: `This search matches more than ${limit.toLocaleString('en-GB')} records, the most one export may hold. Narrow it (a shorter date range, an SRV or an outcome) and export again.`,
        };
      }
      lines.push(line(titleRow(item).title));
    }
    after = page.next ?? undefined;
  } while (after !== undefined);
  return { ok: true, csv: lines.join(''), rows };
}

/** The attachment file name of an export made at `now`. */
export function exportFileName(now: Date): string {
  return `audit-trail-${now.toISOString().slice(0, 19).replace(/[:T]/g, '-')}.csv`;
}
